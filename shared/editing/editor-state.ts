import type { Episode } from '../episode/episode'
import { pairsEqual } from '../episode/entry'

/**
 * What kind of change a transaction is; `input` edits of the same cell coalesce into one undo step.
 * `cancel` puts a cell's text back as its editor opened it (Esc), a step of its own.
 */
export type UserEvent = 'input' | 'cancel' | 'speaker' | 'time' | 'structure' | 'header' | 'rename' | 'replace' | 'load'

/** A change from one document to the next, with what the history needs to know about it. */
export interface Transaction {
  readonly doc: Episode
  readonly userEvent: UserEvent
  /** Edits with the same group (e.g. `line:<entry id>`) and event `input` join one undo step. */
  readonly group?: string
  /** Milliseconds; consecutive joinable edits closer than `JOIN_DELAY` join. */
  readonly time: number
  /** False for loads and reloads, which are not undoable. */
  readonly addToHistory?: boolean
}

interface HistoryEvent {
  readonly before: Episode
  readonly after: Episode
  readonly group: string | undefined
  readonly time: number
}

/** Immutable editor state: the document, the saved document, and the undo history. */
export interface EditorState {
  readonly doc: Episode
  /** The document as last loaded or saved; the dirty mark compares against it. */
  readonly saved: Episode
  readonly done: readonly HistoryEvent[]
  readonly undone: readonly HistoryEvent[]
}

/** Typing pauses longer than this start a new undo step. */
export const JOIN_DELAY = 1500
/** Oldest undo steps beyond this are dropped. */
export const HISTORY_LIMIT = 500

/** A fresh state for a loaded document. */
export function createEditorState(doc: Episode): EditorState {
  return { doc, saved: doc, done: [], undone: [] }
}

/** Applies a transaction: the new document, recorded in the history unless it says not to. */
export function applyTransaction(state: EditorState, tr: Transaction): EditorState {
  if (tr.doc === state.doc) return state
  if (tr.addToHistory === false || tr.userEvent === 'load') return { ...state, doc: tr.doc }
  const last = state.done.at(-1)
  const joins =
    last !== undefined &&
    tr.userEvent === 'input' &&
    tr.group !== undefined &&
    last.group === tr.group &&
    tr.time - last.time < JOIN_DELAY
  const event: HistoryEvent = {
    before: joins ? last.before : state.doc,
    after: tr.doc,
    group: tr.userEvent === 'input' ? tr.group : undefined,
    time: tr.time,
  }
  const done = joins ? [...state.done.slice(0, -1), event] : [...state.done, event].slice(-HISTORY_LIMIT)
  return { ...state, doc: tr.doc, done, undone: [] }
}

/** Undoes the last step; null when there is nothing to undo. */
export function undo(state: EditorState): EditorState | null {
  const last = state.done.at(-1)
  if (!last) return null
  return { ...state, doc: last.before, done: state.done.slice(0, -1), undone: [...state.undone, { ...last, group: undefined }] }
}

/** Redoes the last undone step; null when there is nothing to redo. */
export function redo(state: EditorState): EditorState | null {
  const next = state.undone.at(-1)
  if (!next) return null
  return { ...state, doc: next.after, done: [...state.done, next], undone: state.undone.slice(0, -1) }
}

/** Marks the current document as saved (after a save, or after loading a new version). */
export function markSaved(state: EditorState, saved: Episode = state.doc): EditorState {
  return { ...state, saved }
}

/** Whether the document differs from the saved one (undoing back to it clears the mark). */
export function isDirty(state: EditorState): boolean {
  // A document read from new text (a draft restored, clips synced) differs even where its entries do not.
  if (state.doc.source !== state.saved.source) return true
  const a = state.doc.entries
  const b = state.saved.entries
  if (a === b) return false
  if (a.length !== b.length) return true
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!
    const y = b[i]!
    // An entry that lost its source (re-emitted with portable quoting) changes bytes with equal values.
    if (x !== y && (x.lead !== y.lead || !pairsEqual(x.pairs, y.pairs) || (x.source === undefined) !== (y.source === undefined))) return true
  }
  return false
}
