import type { Episode } from '../episode/episode'
import { compileQuery, type CompiledQuery, type FindQuery } from './find-query'
import { replaceInEpisode, type MatchRef } from './find-replace'
import { searchWorkspace, type WorkspaceIndex } from './workspace-index'

/** One episode's replacement, ready to review (diff `before` and `after`) and save. */
export interface PendingReplacement {
  readonly id: string
  readonly before: Episode
  readonly after: Episode
  readonly replaced: number
  /** Indices of the entries that change. */
  readonly entries: readonly number[]
}

/**
 * Computes a replacement across the workspace without saving anything: for every episode
 * with a match (or, with `selection`, only the chosen matches of the episodes named in it),
 * the document before and after. The caller shows the changes, then saves the ones the user
 * keeps; an episode whose replacement changes nothing is left out.
 */
export function replaceInWorkspace(
  index: WorkspaceIndex,
  query: FindQuery | CompiledQuery,
  selection?: ReadonlyMap<string, readonly MatchRef[]>,
): PendingReplacement[] {
  const compiled = 'pattern' in query ? query : compileQuery(query)
  const byId = new Map(index.episodes.map((e) => [e.id, e]))
  const pending: PendingReplacement[] = []
  for (const result of searchWorkspace(index, compiled).episodes) {
    if (selection && !selection.has(result.id)) continue
    const before = byId.get(result.id)!.doc()
    if ('error' in before) continue
    const { doc: after, replaced, entries } = replaceInEpisode(before, compiled, selection?.get(result.id))
    if (entries.length > 0) pending.push({ id: result.id, before, after, replaced, entries })
  }
  return pending
}
