import type { Episode } from '../../shared/episode/index'
import { extendRoster } from './selectors'

/**
 * The roster each document of a session was shown with, so that undo and redo give back the
 * speakers as they were at that step. A rename replaces the old name by the new one in the roster;
 * without this an undo kept the new name (a chip with 0 lines) and put the old one last, with
 * another Alt key. Weakly held: a document the history dropped takes its roster with it.
 */
const rosterOfDoc = new WeakMap<Episode, readonly string[]>()

/** Remembers that `doc` is shown with `roster` (called for the documents on both sides of every edit). */
export function rememberRoster(doc: Episode, roster: readonly string[]): void {
  rosterOfDoc.set(doc, roster)
}

/**
 * The roster for a document undo or redo went back to: the one it was shown with, else (a document
 * no edit left, such as the file as reloaded before a merge) `current`; either with the speakers the
 * document has that it lacks appended.
 */
export function rosterAfterHistory(doc: Episode, current: readonly string[]): readonly string[] {
  return extendRoster(rosterOfDoc.get(doc) ?? current, doc)
}
