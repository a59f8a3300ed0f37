import { parseEpisode, type Episode } from '../../shared/episode/index'
import { mergeEpisodes, resolveMerge, withBaseIds } from '../../shared/episode/merge-episodes'
import type { Draft } from '../../shared/api/contract'
import type { DraftOffer } from './app-state'
import { conflictRows } from './merge-with-disk'

/** Whether the file changed on disk after `draft` was kept (unknown for drafts kept without their base: false). */
export function fileChangedSince(draft: Draft, loaded: Episode): boolean {
  return draft.base !== undefined && draft.base !== loaded.source
}

/**
 * The document a Restore gives, and what to tell the user. A draft kept over the file it was
 * offered with is the draft itself. One kept before the file changed on disk (a pull, another
 * editor) would silently take those changes back: its changes are merged onto the file as it was
 * when the draft was offered instead, entry by entry, and where both changed an entry the draft's
 * version wins, named by row. Either way, work done since the offer is replaced (the banner asks
 * first, and undo brings it back).
 */
export function draftRestored(offer: DraftOffer): { doc: Episode; notice: string } {
  const draft = parseEpisode(offer.text)
  if (!offer.fileChanged || offer.base === undefined) return { doc: draft, notice: 'Draft restored.' }
  const base = parseEpisode(offer.base)
  const result = mergeEpisodes(base, withBaseIds(base, draft), offer.over)
  const doc = resolveMerge(result, result.conflicts.map(() => 'mine'))
  const rows = conflictRows(result)
  const both = rows.length === 0 ? '' : ` Where both changed an entry, the draft's version is back (${rows.length === 1 ? 'row' : 'rows'} ${rows.join(', ')}).`
  return { doc, notice: `Draft restored: its changes are back, and the changes made to the file since the draft was kept stay.${both}` }
}
