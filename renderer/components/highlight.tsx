import type { ReactNode } from 'react'

/** Text with every case-insensitive occurrence of `query` wrapped in <mark>. */
export function highlight(text: string, query: string): ReactNode {
  const q = query.trim().toLocaleLowerCase()
  if (!q) return text
  const lower = text.toLocaleLowerCase()
  const parts: ReactNode[] = []
  let at = 0
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, i + q.length)) {
    if (i > at) parts.push(text.slice(at, i))
    parts.push(<mark key={i}>{text.slice(i, i + q.length)}</mark>)
    at = i + q.length
  }
  if (parts.length === 0) return text
  if (at < text.length) parts.push(text.slice(at))
  return parts
}
