import {
  applyTransaction,
  createEditorState,
  markSaved,
  redo,
  undo,
  type UserEvent,
} from '../../shared/editing/editor-state'
import {
  EditError,
  EpisodeSyntaxError,
  insertHeader,
  isHeader,
  mergeWithPrevious,
  moveEntry,
  removeEntry,
  restoreText,
  serializeEpisode,
  setHeader,
  setLine,
  setSpeaker,
  setSpeakers,
  setSec,
  setTime,
  splitLine,
  swapSpeakers,
  textValueOf,
  valueOf,
  type Entry,
  type EntryId,
  type Episode,
} from '../../shared/episode/index'
import type { Draft, FileHandle } from '../../shared/api/contract'
import { renameSpeakerEverywhere as renameEverywhere } from '../../shared/workspace/rename-speaker'
import { openRosterOf, resolveSpeakerName } from './speaker-names'
import { COLUMNS, type AppState, type Column, type Dialog, type Editing, type Notice, type Session } from './app-state'
import { shortcutLabel } from '../keymap'
import type { Command } from './store'
import { extendRoster, indexOfId, initialRoster, lineText, speakerOf, workSinceDraftOffer } from './selectors'
import { rememberRoster, rosterAfterHistory } from './roster-history'
import { draftRestored, fileChangedSince } from './draft-restore'

/** A command over the app state. */
export type AppCommand = Command<AppState>

/** A command on the open episode's session (null when no episode is open). */
function withSession(fn: (session: Session) => Session | null): AppCommand {
  return (state) => {
    const session = state.session
    if (!session) return null
    const result = fn(session)
    if (result === null) return null
    return result === session ? state : { ...state, session: result }
  }
}

let noticeSeq = 0

/** Shows a short message (info fades soon, a warning later, errors last longest). */
export function notify(text: string, tone: Notice['tone'] = 'info'): AppCommand {
  return (state) => ({ ...state, notice: { seq: ++noticeSeq, tone, text } })
}

/** Clears the message if it is still the one given. */
export function dismissNotice(seq: number): AppCommand {
  return (state) => (state.notice?.seq === seq ? { ...state, notice: null } : null)
}

/** The message of a thrown value, for showing to the user. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Sets or clears the modal dialog. */
export function setDialog(dialog: Dialog | null): AppCommand {
  return (state) => ({ ...state, dialog })
}

/** A new session for a freshly read file. */
export function createSession(handle: FileHandle, path: string, hash: string, doc: Episode, draft: Draft | null): Session {
  const first = doc.entries[0]
  return {
    handle,
    path,
    baseHash: hash,
    editor: createEditorState(doc),
    settled: doc,
    roster: initialRoster(doc),
    cursor: first ? { id: first.id, column: 'text' } : null,
    anchor: first?.id ?? null,
    selection: first ? new Set([first.id]) : new Set(),
    editing: null,
    reveal: null,
    draftOffer: draft ? { ...draft, over: doc, confirming: false, fileChanged: fileChangedSince(draft, doc) } : null,
    diskChange: null,
    saving: false,
    splitGaps: new Map(),
  }
}

let revealSeq = 0

/** A request to scroll a row into view (and focus its cell when `focus`). */
export function reveal(id: EntryId, focus = false, ahead = false): Session['reveal'] {
  return ahead ? { id, seq: ++revealSeq, focus, ahead } : { id, seq: ++revealSeq, focus }
}

/** Keeps cursor, selection and editing pointing at entries that still exist after `doc` replaced the old one. */
function reconcile(session: Session, before: Episode, doc: Episode, focus?: EntryId): Session {
  const exists = (id: EntryId) => indexOfId(doc, id) >= 0
  let cursor = session.cursor
  if (focus !== undefined) {
    cursor = { id: focus, column: cursor?.column ?? 'text' }
  } else if (cursor && !exists(cursor.id)) {
    const old = indexOfId(before, cursor.id)
    const e = doc.entries[Math.min(Math.max(old, 0), doc.entries.length - 1)]
    cursor = e ? { id: e.id, column: cursor.column } : null
  }
  if (cursor) {
    const e = doc.entries[indexOfId(doc, cursor.id)]
    if (e && isHeader(e) && cursor.column !== 'text') cursor = { ...cursor, column: 'text' }
  }
  const kept = [...session.selection].filter(exists)
  const selection =
    focus !== undefined || kept.length === 0 ? new Set(cursor ? [cursor.id] : []) : kept.length === session.selection.size ? session.selection : new Set(kept)
  const editing = session.editing && exists(session.editing.id) ? session.editing : null
  const anchor = session.anchor !== null && exists(session.anchor) && focus === undefined ? session.anchor : (cursor?.id ?? null)
  return { ...session, cursor, selection, editing, anchor }
}

/** Applies a document change to the session as one transaction of the history. */
export function change(
  session: Session,
  doc: Episode,
  userEvent: UserEvent,
  options: { group?: string; focus?: EntryId; editing?: Editing | null; time?: number; roster?: readonly string[] } = {},
): Session {
  const before = session.editor.doc
  if (doc === before) return session
  const editor = applyTransaction(session.editor, {
    doc,
    userEvent,
    ...(options.group !== undefined ? { group: options.group } : {}),
    time: options.time ?? Date.now(),
  })
  // Typing in a line cannot add a speaker: skip the whole-document roster pass per keystroke.
  // `options.roster` is the edit's own change of the roster (a rename puts the new name in the old one's place).
  const roster = userEvent === 'input' ? session.roster : extendRoster(options.roster ?? session.roster, doc)
  rememberRoster(before, session.roster)
  rememberRoster(doc, roster)
  const settled = userEvent === 'input' ? session.settled : doc
  let next = reconcile({ ...session, editor, roster, settled }, before, doc, options.focus)
  if (options.editing !== undefined) next = { ...next, editing: options.editing }
  if (options.focus !== undefined) next = { ...next, reveal: reveal(options.focus) }
  return next
}

/** Whether a thrown value is a refusal the user should read (an edit that does not apply, a draft that does not parse). */
export function isExpectedEditError(error: unknown): boolean {
  return error instanceof EditError || error instanceof EpisodeSyntaxError
}

/**
 * Runs an edit function of the format library on the session: an `EditError` (or a syntax error
 * of a restored draft) becomes a message instead of a change; anything else is a defect and is
 * thrown on, not shown as if it were the user's mistake.
 */
export function tryEdit(fn: (session: Session) => Session | null): AppCommand {
  return (state) => {
    const session = state.session
    if (!session) return null
    try {
      const next = fn(session)
      return next === null ? null : { ...state, session: next }
    } catch (error) {
      if (!isExpectedEditError(error)) throw error
      return notify(errorText(error), 'error')(state)
    }
  }
}

function cursorIndex(session: Session): number {
  return session.cursor ? indexOfId(session.editor.doc, session.cursor.id) : -1
}

/** Indices of the selected rows in document order (the cursor row when nothing else is selected). */
export function selectedIndices(session: Session): number[] {
  const doc = session.editor.doc
  const indices = [...session.selection].map((id) => indexOfId(doc, id)).filter((i) => i >= 0)
  if (indices.length === 0) {
    const i = cursorIndex(session)
    if (i >= 0) indices.push(i)
  }
  return indices.sort((a, b) => a - b)
}

function columnsOf(session: Session, index: number): readonly Column[] {
  const e = session.editor.doc.entries[index]
  return e && isHeader(e) ? ['text'] : COLUMNS
}

function placeCursor(session: Session, index: number, column: Column, mode: 'replace' | 'extend' | 'toggle' = 'replace'): Session {
  const doc = session.editor.doc
  const entry = doc.entries[index]
  if (!entry) return session
  const col = isHeader(entry) ? 'text' : column
  const cursor = { id: entry.id, column: col }
  if (mode === 'extend') {
    const anchorIndex = session.anchor === null ? index : indexOfId(doc, session.anchor)
    const from = Math.min(anchorIndex < 0 ? index : anchorIndex, index)
    const to = Math.max(anchorIndex < 0 ? index : anchorIndex, index)
    const selection = new Set(doc.entries.slice(from, to + 1).map((e) => e.id))
    return { ...session, cursor, selection, editing: null, reveal: reveal(entry.id) }
  }
  if (mode === 'toggle') {
    const selection = new Set(session.selection)
    if (selection.has(entry.id) && selection.size > 1) selection.delete(entry.id)
    else selection.add(entry.id)
    return { ...session, cursor, anchor: entry.id, selection, editing: null, reveal: reveal(entry.id) }
  }
  const sameRow = session.cursor?.id === entry.id && session.selection.size === 1 && session.selection.has(entry.id)
  return {
    ...session,
    cursor,
    anchor: entry.id,
    selection: sameRow ? session.selection : new Set([entry.id]),
    editing: session.editing && session.editing.id === entry.id && session.editing.column === col ? session.editing : null,
    reveal: reveal(entry.id),
  }
}

/** Moves the cursor to a cell (click, jump); `extend` grows the selection, `toggle` adds or removes the row. */
export function setCursor(id: EntryId, column: Column, mode: 'replace' | 'extend' | 'toggle' = 'replace'): AppCommand {
  const place = withSession((s) => {
    const index = indexOfId(s.editor.doc, id)
    return index < 0 ? null : placeCursor(s, index, column, mode)
  })
  return (state) => {
    const editing = state.session?.editing
    // Clicking another cell applies what the time or speaker editor holds, as Tab and Enter do.
    if (editing && (editing.id !== id || editing.column !== column)) return place(commitPendingEdit()(state) ?? state)
    return place(state)
  }
}

/** Moves the cursor up or down by `delta` rows (clamped); `extend` grows the selection. */
export function moveRow(delta: number, extend = false): AppCommand {
  return withSession((s) => {
    const n = s.editor.doc.entries.length
    if (n === 0) return null
    const from = cursorIndex(s)
    const to = Math.min(n - 1, Math.max(0, (from < 0 ? 0 : from) + delta))
    if (to === from && !extend && s.selection.size <= 1) return s
    return placeCursor(s, to, s.cursor?.column ?? 'text', extend ? 'extend' : 'replace')
  })
}

/** Moves the cursor to the first or last row. */
export function moveToEdge(edge: 'first' | 'last', extend = false): AppCommand {
  return withSession((s) => {
    const n = s.editor.doc.entries.length
    if (n === 0) return null
    return placeCursor(s, edge === 'first' ? 0 : n - 1, s.cursor?.column ?? 'text', extend ? 'extend' : 'replace')
  })
}

/** Moves the cursor left or right within the row. */
export function moveColumn(delta: number): AppCommand {
  return withSession((s) => {
    const index = cursorIndex(s)
    if (index < 0 || !s.cursor) return null
    const cols = columnsOf(s, index)
    const at = cols.indexOf(s.cursor.column)
    const next = cols[Math.min(cols.length - 1, Math.max(0, at + delta))]!
    return next === s.cursor.column ? s : { ...s, cursor: { ...s.cursor, column: next }, editing: null }
  })
}

/** Moves to the next (or previous) cell, wrapping to the next row; keeps editing if an editor was open. */
export function nextCell(delta: 1 | -1): AppCommand {
  return withSession((s) => {
    const index = cursorIndex(s)
    if (index < 0 || !s.cursor) return null
    const cols = columnsOf(s, index)
    const at = cols.indexOf(s.cursor.column) + delta
    let target: { index: number; column: Column }
    if (at >= 0 && at < cols.length) target = { index, column: cols[at]! }
    else {
      const row = index + delta
      if (row < 0 || row >= s.editor.doc.entries.length) return s
      const rowCols = columnsOf(s, row)
      target = { index: row, column: delta > 0 ? rowCols[0]! : rowCols[rowCols.length - 1]! }
    }
    const wasEditing = s.editing !== null
    const moved = placeCursor(s, target.index, target.column)
    return wasEditing ? openEditor(moved, delta > 0 ? 'start' : 'end') : moved
  })
}

/** Selects every row. */
export const selectAll: AppCommand = withSession((s) => ({ ...s, selection: new Set(s.editor.doc.entries.map((e) => e.id)) }))

/** Collapses the selection to the cursor row. */
export const collapseSelection: AppCommand = withSession((s) =>
  s.selection.size <= 1 || !s.cursor ? null : { ...s, selection: new Set([s.cursor.id]), anchor: s.cursor.id },
)

function openEditor(s: Session, caret: Editing['caret']): Session {
  if (!s.cursor) return s
  const entry = s.editor.doc.entries[indexOfId(s.editor.doc, s.cursor.id)]
  if (!entry) return s
  const column = s.cursor.column
  let draft: string | undefined
  if (column === 'time' && !isHeader(entry)) {
    const time = valueOf(entry, 'time')
    const sec = valueOf(entry, 'sec')
    draft = typeof time === 'string' ? time : typeof sec === 'number' ? String(sec) : ''
  } else if (column === 'who') draft = speakerOf(entry) ?? ''
  if (column === 'text') return { ...s, editing: textEditing(entry, caret) }
  return { ...s, editing: { id: entry.id, column, caret, ...(draft !== undefined ? { draft, initial: draft } : {}) } }
}

/** The text editor open on `entry`, remembering its text as it is now for Esc to put back. */
function textEditing(entry: Entry, caret: Editing['caret']): Editing {
  return { id: entry.id, column: 'text', caret, opened: { value: textValueOf(entry) } }
}

/** Opens the editor of the cursor cell (text: CodeMirror; time: text field; speaker: picker). */
export function startEdit(caret: Editing['caret'] = 'end', draft?: string): AppCommand {
  return withSession((s) => {
    if (!s.cursor) return null
    const opened = openEditor(s, caret)
    if (!opened.editing) return null
    return draft !== undefined ? { ...opened, editing: { ...opened.editing, draft } } : opened
  })
}

/** Closes the editor (text edits are already in the document; time and speaker drafts are dropped). */
export const stopEdit: AppCommand = withSession((s) => (s.editing ? { ...s, editing: null, reveal: s.cursor ? reveal(s.cursor.id, true) : s.reveal } : null))

/** The session with the edited entry's text put back as its editor opened it, as one undo step of its own. */
function revertText(s: Session, editing: Editing): Session {
  const index = indexOfId(s.editor.doc, editing.id)
  if (index < 0 || editing.column !== 'text' || !editing.opened) return s
  return change(s, restoreText(s.editor.doc, index, editing.opened.value), 'cancel')
}

/**
 * Esc in a cell editor cancels the edit and closes it, focus back on the cell. The time and
 * speaker editors drop their draft; the text editor, whose typing is already in the document,
 * puts the text back as it opened (one undo step, which the notice says how to take back).
 * With nothing typed it just closes.
 */
export const cancelEdit: AppCommand = (state) => {
  const s = state.session
  if (!s?.editing) return null
  const reverted = revertText(s, s.editing)
  const closed = stopEdit({ ...state, session: reverted })!
  if (reverted === s) return closed
  return notify(`Edit cancelled (${shortcutLabel('undo')} brings it back)`)(closed)
}

/** Updates the pending value of the time or speaker editor. */
export function setEditDraft(draft: string): AppCommand {
  return withSession((s) => (s.editing ? { ...s, editing: { ...s.editing, draft, error: undefined } as Editing } : null))
}

/** Sets the text of a line or header from the cell editor; typing in one cell joins one undo step. */
export function setEntryText(id: EntryId, text: string, time = Date.now()): AppCommand {
  return tryEdit((s) => {
    const doc = s.editor.doc
    const index = indexOfId(doc, id)
    const entry = doc.entries[index]
    if (!entry) return null
    if (isHeader(entry)) return change(s, setHeader(doc, index, text), 'input', { group: `header:${id}`, time })
    return change(s, setLine(doc, index, text), 'input', { group: `line:${id}`, time })
  })
}

/**
 * Commits the time or speaker editor's draft (when it was changed); `move` then goes to the next
 * or previous cell, keeping an editor open there. A refused time stays open with the reason.
 */
export function commitEdit(move: 0 | 1 | -1 = 0): AppCommand {
  return (state) => {
    const s = state.session
    const editing = s?.editing
    if (!s || !editing) return null
    const doc = s.editor.doc
    const index = indexOfId(doc, editing.id)
    if (index < 0) return null
    const draft = editing.draft?.trim()
    const changed = draft !== undefined && draft !== (editing.initial ?? '').trim()
    let next = s
    if (changed && editing.column === 'time') {
      try {
        next = change(s, setTime(doc, index, draft), 'time')
      } catch (error) {
        if (!isExpectedEditError(error)) throw error
        return { ...state, session: { ...s, editing: { ...editing, error: errorText(error) } } }
      }
    } else if (changed && editing.column === 'who') {
      const roster = openRosterOf(state)!
      next = change(s, setSpeaker(doc, index, draft === '' ? null : resolveSpeakerName(roster, draft)), 'speaker')
    }
    if (move !== 0) {
      // nextCell keeps editing when an editor is open: it opens one in the next cell.
      const moved = nextCell(move)({ ...state, session: { ...next, editing } })
      if (moved?.session) return moved
    }
    return { ...state, session: { ...next, editing: null, reveal: next.cursor ? reveal(next.cursor.id, true) : next.reveal } }
  }
}

/**
 * Applies what the open time or speaker editor holds and closes it (blur, a click elsewhere,
 * save): nothing typed is dropped. A time that does not parse is not applied; the editor closes
 * and the status line says so. With `id`, only when that row's editor is the open one.
 */
export function commitPendingEdit(id?: EntryId): AppCommand {
  return (state) => {
    const editing = state.session?.editing
    if (!editing || (id !== undefined && editing.id !== id)) return null
    if (editing.column === 'text') return withSession((s) => ({ ...s, editing: null }))(state)
    const next = commitEdit(0)(state)
    const refused = next?.session?.editing?.error
    if (next && refused === undefined) return next
    const closed = { ...state, session: { ...state.session!, editing: null } }
    return notify(`The time was not changed: ${refused ?? 'it could not be applied'}`, 'error')(closed)
  }
}

/** Sets one row's speaker (the speaker picker's choice). */
export function setRowSpeaker(id: EntryId, who: string | null): AppCommand {
  return tryEdit((s) => {
    const doc = s.editor.doc
    const index = indexOfId(doc, id)
    if (index < 0) return null
    return { ...change(s, setSpeaker(doc, index, who), 'speaker'), editing: null, reveal: reveal(id, true) }
  })
}

/** Assigns one speaker to every selected line (headers among them are skipped). */
export function assignSpeaker(who: string): AppCommand {
  return tryEdit((s) => {
    const indices = selectedIndices(s)
    if (indices.length === 0) return null
    const doc = setSpeakers(s.editor.doc, indices, who)
    return { ...change(s, doc, 'speaker'), editing: s.editing?.column === 'who' ? null : s.editing }
  })
}

/** Assigns the n-th person of the roster (1-based, as Alt+1…9; never a value that is no person, see `isPersonValue`) to the selected lines. */
export function assignNthSpeaker(n: number): AppCommand {
  return (state) => {
    const roster = openRosterOf(state)
    const who = roster && n <= roster.named ? roster.order[n - 1] : undefined
    if (who === undefined) return notify(noNthSpeaker(n, roster?.named ?? 0), 'error')(state)
    return assignSpeaker(who)(state)
  }
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth']
const COUNTS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']

/** Why Alt+n assigned nobody, in plain words short enough for the status bar: "This episode has no third speaker, only two." */
export function noNthSpeaker(n: number, named: number): string {
  if (named === 0) return 'This episode has no speakers yet: type one in a Speaker cell.'
  return `This episode has no ${ORDINALS[n - 1] ?? `number ${n}`} speaker, only ${COUNTS[named] ?? named}.`
}

/**
 * Renames a speaker in every line of the episode, one undo step; with `alsoInText`, also where
 * lines and headers mention the old name as a word (Meryam → Meryem).
 */
export function renameSpeakerEverywhere(from: string, to: string, options: { readonly alsoInText?: boolean } = {}): AppCommand {
  return tryEdit((s) => {
    const target = to.trim()
    if (!target) throw new EditError('The new name is empty')
    const { doc, speakerEntries } = renameEverywhere(s.editor.doc, from, target, options)
    if (speakerEntries === 0) throw new EditError(`No line is spoken by "${from}"`)
    const roster = s.roster.map((r) => (r === from ? target : r)).filter((r, i, all) => all.indexOf(r) === i)
    return change(s, doc, 'rename', { roster })
  })
}

/** Swaps two speakers within the selected rows. */
export function swapSelectedSpeakers(a: string, b: string): AppCommand {
  return tryEdit((s) => {
    if (a === b) throw new EditError('Choose two different speakers')
    const { doc, count } = swapSpeakers(s.editor.doc, selectedIndices(s), a, b)
    if (count === 0) throw new EditError(`None of the selected lines is spoken by ${a} or ${b}`)
    return change(s, doc, 'speaker')
  })
}

/** Inserts a header above the cursor row and opens it for editing with its text selected. */
export function insertHeaderAbove(text = 'New section'): AppCommand {
  return tryEdit((s) => {
    const doc = s.editor.doc
    const at = Math.max(0, cursorIndex(s))
    const next = insertHeader(doc, at, text)
    const created = next.entries[at]!
    const moved = change(s, next, 'header', { focus: created.id })
    return { ...moved, cursor: { id: created.id, column: 'text' }, editing: textEditing(created, 'all') }
  })
}

/** Deletes the header at the cursor. */
export const deleteHeader: AppCommand = tryEdit((s) => {
  const index = cursorIndex(s)
  const entry = s.editor.doc.entries[index]
  if (!entry || !isHeader(entry)) return null
  const doc = removeEntry(s.editor.doc, index)
  const after = doc.entries[Math.min(index, doc.entries.length - 1)]
  return change(s, doc, 'header', after ? { focus: after.id } : {})
})

/**
 * Deletes the selected rows, lines and section headers alike (Delete, as in subtitle editors),
 * as one undo step, and says what went: deleting lines loses words, so the notice names them and
 * the way back.
 */
export const deleteSelectedRows: AppCommand = (state) => {
  const s = state.session
  if (!s) return null
  const indices = selectedIndices(s)
  if (indices.length === 0) return null
  const headers = indices.filter((i) => isHeader(s.editor.doc.entries[i]!)).length
  const deleted = tryEdit((session) => {
    let doc = session.editor.doc
    for (const i of [...indices].sort((a, b) => b - a)) doc = removeEntry(doc, i)
    const after = doc.entries[Math.min(indices[0]!, doc.entries.length - 1)]
    return change(session, doc, headers === indices.length ? 'header' : 'structure', after ? { focus: after.id } : {})
  })(state)
  if (!deleted || deleted.session === s) return deleted
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  const lines = indices.length - headers
  const what = [lines > 0 ? count(lines, 'line', 'lines') : '', headers > 0 ? count(headers, 'section header', 'section headers') : ''].filter(Boolean).join(' and ')
  return notify(`Deleted ${what} (${shortcutLabel('undo')} brings ${indices.length === 1 ? 'it' : 'them'} back)`)(deleted)
}

/** Moves the header at the cursor one row up or down. */
export function moveHeader(delta: 1 | -1): AppCommand {
  return tryEdit((s) => {
    const index = cursorIndex(s)
    const entry = s.editor.doc.entries[index]
    if (!entry || !isHeader(entry)) return null
    const to = index + delta
    if (to < 0 || to >= s.editor.doc.entries.length) return s
    return change(s, moveEntry(s.editor.doc, index, to), 'header', { focus: entry.id })
  })
}

/** Splits a line at a character offset; the cursor goes to the new second row, editing at its start. */
export function splitAt(id: EntryId, offset: number): AppCommand {
  return tryEdit((s) => {
    const doc = s.editor.doc
    const index = indexOfId(doc, id)
    if (index < 0) return null
    const before = lineText(doc.entries[index]!) ?? ''
    if (offset <= 0 || offset >= before.length) {
      throw new EditError('To split a line, put the caret inside its text, where the second line should begin: at its start or end there is nothing to split off.')
    }
    const next = splitLine(doc, index, offset)
    const created = next.entries[index + 1]!
    const head = lineText(next.entries[index]!) ?? ''
    const tail = lineText(created) ?? ''
    const gap = before.slice(head.length, before.length - tail.length)
    const moved = change(s, next, 'structure', { focus: created.id })
    const wasEditing = s.editing?.id === id
    return {
      ...moved,
      splitGaps: new Map(s.splitGaps).set(created.id, gap),
      cursor: { id: created.id, column: 'text' },
      editing: wasEditing ? textEditing(created, 'start') : null,
    }
  })
}

/**
 * The document with line `index` merged into the line above: joined by the whitespace a split
 * removed there (so split then merge gives back the original text), otherwise by one space.
 */
function mergedDoc(s: Session, index: number, who: string | undefined): { doc: Episode; gap: string } {
  const doc = s.editor.doc
  const upper = lineText(doc.entries[index - 1]!) ?? ''
  const lower = lineText(doc.entries[index]!) ?? ''
  const gap = s.splitGaps.get(doc.entries[index]!.id) ?? ' '
  const merged = mergeWithPrevious(doc, index, who)
  if (gap === ' ' || !upper || !lower) return { doc: merged, gap: upper && lower ? ' ' : '' }
  return { doc: setLine(merged, index - 1, upper + gap + lower), gap }
}

/** Why Backspace did not merge two speakers' lines, and how to merge them anyway. */
function differentSpeakersRefusal(upper: string, lower: string): string {
  return `Not merged: the line above is ${upper}'s and this one is ${lower}'s, so Backspace would make ${lower}'s words ${upper}'s. To merge them anyway, press Escape, then Merge up (${shortcutLabel('merge-up')}), or use the toolbar's Merge up.`
}

/**
 * Merges the line at the cursor (or `id`) into the line above. Different speakers: the merged
 * line keeps the upper row's speaker (where the paragraph started), or the lower one's when the
 * upper row has none, and the status line says whose words changed speaker. With
 * `sameSpeakerOnly` (Backspace at the start of a line, easily pressed by mistake) two speakers'
 * lines are not merged: nothing changes and the status line says why and which command merges them.
 */
export function mergeUp(id?: EntryId, options: { readonly sameSpeakerOnly?: boolean } = {}): AppCommand {
  return (state) => {
    let dropped: { kept: string; lost: string } | null = null
    const next = tryEdit((s) => {
      const doc = s.editor.doc
      const index = id === undefined ? cursorIndex(s) : indexOfId(doc, id)
      const entry = doc.entries[index]
      if (!entry) return null
      if (isHeader(entry)) throw new EditError('A header cannot be merged; delete it instead')
      const previous = doc.entries[index - 1]
      if (!previous) throw new EditError('The first row has no row above to merge into')
      if (isHeader(previous)) throw new EditError('The row above is a header; only lines can be merged')
      const upper = speakerOf(previous)
      const lower = speakerOf(entry)
      const who = upper !== lower ? (upper ?? lower ?? undefined) : undefined
      if (upper && lower && upper !== lower) {
        if (options.sameSpeakerOnly) throw new EditError(differentSpeakersRefusal(upper, lower))
        dropped = { kept: upper, lost: lower }
      }
      const { doc: merged, gap } = mergedDoc(s, index, who)
      const caret = (lineText(previous) ?? '').length + gap.length
      const moved = change(s, merged, 'structure', { focus: previous.id })
      const wasEditing = s.editing?.id === entry.id
      return {
        ...moved,
        cursor: { id: previous.id, column: 'text' },
        editing: wasEditing ? textEditing(moved.editor.doc.entries[index - 1]!, caret) : null,
      }
    })(state)
    if (!next || !dropped) return next
    const { kept, lost } = dropped as { kept: string; lost: string }
    return notify(`Merged two speakers' lines: ${lost}'s words are now ${kept}'s (undo with ${shortcutLabel('undo')})`)(next)
  }
}

function afterHistory(s: Session, editor: Session['editor']): Session {
  const before = s.editor.doc
  const doc = editor.doc
  let first = -1
  const n = Math.min(before.entries.length, doc.entries.length)
  for (let i = 0; i < n; i++) {
    if (before.entries[i] !== doc.entries[i]) {
      first = i
      break
    }
  }
  if (first < 0 && before.entries.length !== doc.entries.length) first = n - (doc.entries.length < before.entries.length ? 1 : 0)
  const target = doc.entries[Math.max(0, Math.min(first, doc.entries.length - 1))]
  const keepEditing = s.editing && indexOfId(doc, s.editing.id) >= 0 && s.editing.column === 'text' ? s.editing : null
  const focus = first >= 0 && target ? target.id : undefined
  const next = reconcile({ ...s, editor, settled: doc, roster: rosterAfterHistory(doc, s.roster) }, before, doc, focus)
  // The grid scrolls only on a reveal: the cursor row the status bar and the outline show is brought into view.
  return { ...next, editing: keepEditing && next.cursor?.id === keepEditing.id ? keepEditing : null, reveal: focus !== undefined ? reveal(focus) : next.reveal }
}

/** Undoes the last change of any kind; the cursor goes to where it happened. */
export const undoCommand: AppCommand = withSession((s) => {
  const editor = undo(s.editor)
  return editor ? afterHistory(s, editor) : null
})

/** Redoes the last undone change. */
export const redoCommand: AppCommand = withSession((s) => {
  const editor = redo(s.editor)
  return editor ? afterHistory(s, editor) : null
})

/**
 * Replaces the document with a recovered draft, as one undoable step. When the document was edited
 * or saved since the offer appeared, the first call only asks for confirmation (the banner asks);
 * called again while it asks, it replaces.
 */
export const restoreDraft: AppCommand = (state) => {
  const offer = state.session?.draftOffer
  if (!offer) return null
  if (!offer.confirming && workSinceDraftOffer(state.session!)) {
    return withSession((s) => ({ ...s, draftOffer: { ...offer, confirming: true } }))(state)
  }
  let notice = ''
  const restored = tryEdit((s) => {
    const draft = draftRestored(offer)
    notice = draft.notice
    return { ...change(s, draft.doc, 'structure'), draftOffer: null }
  })(state)
  return restored && notify(`${notice} ${shortcutLabel('undo')} brings the previous text back`)(restored)
}

/** Keeps the work: the banner stops asking whether Restore may replace it (the draft stays on offer). */
export const cancelDraftRestore: AppCommand = withSession((s) => (s.draftOffer?.confirming ? { ...s, draftOffer: { ...s.draftOffer, confirming: false } } : null))

/** Shows what restoring the offered draft would change: the file as loaded beside the draft. */
export const showDraftDiff: AppCommand = (state) => {
  const s = state.session
  if (!s?.draftOffer) return null
  // The loaded document serializes to the file's exact bytes (saving is lossless).
  const before = serializeEpisode(s.editor.saved)
  return setDialog({ kind: 'diff', title: 'The file on disk → the recovered draft', before, after: s.draftOffer.text, beforeLabel: 'The file', afterLabel: 'The draft' })(state)
}

/** Forgets the offered draft. */
export const dismissDraft: AppCommand = withSession((s) => (s.draftOffer ? { ...s, draftOffer: null } : null))

/** Lets the derived views catch up with the document (after a pause in typing). */
export const settle: AppCommand = withSession((s) => (s.settled === s.editor.doc ? null : { ...s, settled: s.editor.doc }))

/** The session once its document `saved` is on disk with the host's new hash (clears the dirty mark). */
export function sessionSaved(s: Session, saved: Episode, hash: string): Session {
  return { ...s, editor: markSaved(s.editor, saved), baseHash: hash, saving: false, diskChange: null }
}

/** The session with a new version from disk, keeping the cursor row and a draft on offer where possible. Not undoable. */
export function sessionReloaded(s: Session, doc: Episode, hash: string): Session {
  const index = Math.max(0, cursorIndex(s))
  // A recovery draft still on offer stays offered (it is still on the host, unanswered), over the new document.
  const fresh = createSession(s.handle, s.path, hash, doc, s.draftOffer)
  const e = doc.entries[Math.min(index, doc.entries.length - 1)]
  return e ? { ...fresh, cursor: { id: e.id, column: s.cursor?.column ?? 'text' }, anchor: e.id, selection: new Set([e.id]), reveal: reveal(e.id) } : fresh
}

/** Moves the cursor to a row and scrolls it into view (outline, problems, find); `focus` moves keyboard focus there. */
export function jumpTo(id: EntryId, column?: Column, focus = false): AppCommand {
  const jump = withSession((s) => {
    const index = indexOfId(s.editor.doc, id)
    if (index < 0) return null
    const placed = placeCursor({ ...s, editing: null }, index, column ?? s.cursor?.column ?? 'text')
    return { ...placed, reveal: reveal(id, focus) }
  })
  return (state) => jump(commitPendingEdit()(state) ?? state)
}

/** Moves keyboard focus back to the cursor cell (after closing find or a panel). */
export const focusCursor: AppCommand = withSession((s) => (s.cursor ? { ...s, reveal: reveal(s.cursor.id, true) } : null))

/** Switches the side panel tab. */
export function showSidePanel(panel: AppState['sidePanel']): AppCommand {
  return (state) => ({ ...state, sidePanel: panel })
}

/** Sets a line's `sec` (and its `time`, in the file's format) as one undoable step; refusals become a message. */
export function setRowSec(id: EntryId, sec: number): AppCommand {
  return tryEdit((s) => {
    const index = indexOfId(s.editor.doc, id)
    if (index < 0) return null
    return change(s, setSec(s.editor.doc, index, sec), 'time', { focus: id })
  })
}
