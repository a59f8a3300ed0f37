import type { ReactNode } from 'react'
import { matchesIn, type CompiledQuery, type SearchScope } from '../../shared/workspace/find-query'

/** Text with every match of the find query wrapped in <mark>, when the query searches this scope. */
export function highlight(text: string, query: CompiledQuery | null, scope: SearchScope): ReactNode {
  if (!query || !query.scopes.has(scope)) return text
  const matches = matchesIn(query, text)
  if (matches.length === 0) return text
  const parts: ReactNode[] = []
  let at = 0
  for (const m of matches) {
    if (m.start > at) parts.push(text.slice(at, m.start))
    parts.push(<mark key={m.start}>{text.slice(m.start, m.end)}</mark>)
    at = m.end
  }
  if (at < text.length) parts.push(text.slice(at))
  return parts
}
