import { applyTransaction } from '../../shared/editing/editor-state'
import type { Episode } from '../../shared/episode/index'
import type { ConflictChoice, MergeResult } from '../../shared/episode/merge-episodes'
import type { Session } from './app-state'
import { sessionReloaded } from './commands'
import { rememberRoster } from './roster-history'
import { extendRoster, indexOfId } from './selectors'

/** Row numbers (1-based, in the merged document) of each conflict: where their version is, or where mine would go back. */
export function conflictRows(result: MergeResult): number[] {
  const entries = result.merged.entries
  const rowOf = (id: number) => entries.findIndex((entry) => entry.id === id) + 1
  return result.conflicts.map((conflict) => {
    if (conflict.mergedId !== null) return rowOf(conflict.mergedId)
    return conflict.afterId === null ? 1 : rowOf(conflict.afterId) + 1
  })
}

/**
 * The session after merging with the file on disk: `theirs` (the disk's text, with `hash`)
 * becomes the saved base, so the next save is not a conflict, and the document becomes `merged`,
 * unsaved. The undo history is replaced by that one step: undo gives the file as on disk, redo
 * the merge again. Edits from before the merge cannot be undone past it: they were made to a
 * version of the file that is no longer the base (and whose entry ids the disk's do not share).
 */
export function sessionMerged(s: Session, theirs: Episode, merged: Episode, hash: string): Session {
  const reloaded = sessionReloaded(s, theirs, hash)
  const editor = applyTransaction(reloaded.editor, { doc: merged, userEvent: 'structure', time: Date.now() })
  const cursorId = reloaded.cursor?.id
  const kept = cursorId !== undefined && indexOfId(merged, cursorId) >= 0
  const at = merged.entries[Math.min(Math.max(0, indexOfId(theirs, cursorId ?? -1)), merged.entries.length - 1)]
  const cursor = kept || !at ? reloaded.cursor : { id: at.id, column: reloaded.cursor?.column ?? 'text' }
  const roster = extendRoster(reloaded.roster, merged)
  // Undo gives the file as on disk with the speakers it was shown with, redo the merge's.
  rememberRoster(theirs, reloaded.roster)
  rememberRoster(merged, roster)
  return {
    ...reloaded,
    editor,
    settled: merged,
    roster,
    draftOffer: s.draftOffer,
    cursor,
    anchor: cursor?.id ?? null,
    selection: new Set(cursor ? [cursor.id] : []),
  }
}

/** The status line after a merge: how many of my changes are in the document now. */
export function mergeNotice(changes: number, choices: readonly ConflictChoice[]): string {
  const theirs = choices.filter((choice) => choice === 'theirs').length
  const applied = Math.max(0, changes - theirs)
  const kept = theirs === 0 ? '' : `; their version kept for ${theirs} ${theirs === 1 ? 'entry' : 'entries'} you both changed`
  return `Merged: ${applied} of your changes re-applied on top of the file on disk${kept}`
}
