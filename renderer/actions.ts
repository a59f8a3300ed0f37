import type { ChapterListFile } from '../shared/api/contract'
import { parseChapterList } from '../shared/chapters/index'
import { isHeader } from '../shared/episode/index'
import type { ActionId } from './keymap'
import { playerActions } from './player-actions'
import type { Player } from './player/player'
import type { AppState } from './state/app-state'
import {
  assignNthSpeaker,
  cancelEdit,
  collapseSelection,
  commitEdit,
  commitPendingEdit,
  deleteHeader,
  deleteSelectedRows,
  insertHeaderAbove,
  mergeUp,
  moveColumn,
  moveHeader,
  moveRow,
  moveToEdge,
  nextCell,
  notify,
  redoCommand,
  selectAll,
  selectedIndices,
  setDialog,
  splitAt,
  startEdit,
  stopEdit,
  undoCommand,
  type AppCommand,
} from './state/commands'
import { fixEpisodeTypography, syncClipsFromSections } from './state/chapter-commands'
import { closeFind, findNext, openFind, openReplace, replaceAll, replaceCurrent } from './state/find-commands'
import { closeWorkspaceSearch, openWorkspaceSearch } from './state/workspace-search'
import { quickFix } from './state/problem-commands'
import { dirtyOf, indexOfId, speakerOf } from './state/selectors'
import { cycleTab, dirtySessions } from './state/tabs'
import type { ViewEffects } from './state/view-effects'

/** Where the caret of the open text cell editor is (UTF-16 offset), whether nothing is selected, and the text's length. */
export interface TextCaret {
  readonly offset: number
  readonly empty: boolean
  readonly length: number
  /** The selected text ('' when nothing is selected). */
  readonly selected: string
}

/** What an action may read and do: the state, commands, the open episode's host work, the view. */
export interface ActionContext {
  readonly state: AppState
  dispatch(command: AppCommand): boolean
  /** Saves the open episode (the result arrives later; failures are shown by the session). */
  save(): void
  /** Saves every open episode with unsaved changes. */
  saveAll(): void
  /** Reloads the open episode from disk. */
  reload(): void
  /** Closes the open episode's tab, asking first when it has unsaved changes. */
  close(): void
  /** The open episode's own chapter list from its site checkout, or why there is none (null with no episode open). */
  readChapterList(): Promise<ChapterListFile | null>
  /** The caret of the text cell editor open on the edited row, or null. */
  textCaret(): TextCaret | null
  readonly view: ViewEffects
  /** The recording's player, or null while none is loaded. */
  player(): Player | null
}

/** An action's behaviour: true when it applied (the key is then consumed). */
export type Action = (ctx: ActionContext) => boolean

/** Rows a PageUp/PageDown moves. */
const PAGE_ROWS = 8

const command =
  (cmd: AppCommand): Action =>
  (ctx) =>
    ctx.dispatch(cmd)

const orSay =
  (cmd: AppCommand, message: string): Action =>
  (ctx) =>
    ctx.dispatch(cmd) || (ctx.state.session !== null && ctx.dispatch(notify(message)))

/** Splits the edited line at the caret; outside a text editor, says how. */
const split: Action = (ctx) => {
  const editing = ctx.state.session?.editing
  const caret = ctx.textCaret()
  if (editing?.column === 'text' && caret) return ctx.dispatch(splitAt(editing.id, caret.offset))
  if (!ctx.state.session) return false
  return ctx.dispatch(notify('Open the line for editing (Enter) and put the cursor where it should split', 'error'))
}

/** Backspace at the very start of a line's text merges it into the line above, if both are one speaker's. */
const mergeAtStart: Action = (ctx) => {
  const s = ctx.state.session
  const caret = ctx.textCaret()
  if (!s?.editing || s.editing.column !== 'text' || !caret || caret.offset !== 0 || !caret.empty) return false
  const entry = s.editor.doc.entries[indexOfId(s.editor.doc, s.editing.id)]
  if (!entry || isHeader(entry)) return false
  return ctx.dispatch(mergeUp(s.editing.id, { sameSpeakerOnly: true }))
}

/** Enter in a cell editor commits it, as in a spreadsheet: the text editor then moves down a row. */
const enter: Action = (ctx) => {
  const s = ctx.state.session
  if (!s?.editing) return false
  if (s.editing.column !== 'text') return ctx.dispatch(commitEdit(0))
  ctx.dispatch(stopEdit)
  ctx.dispatch(moveRow(1))
  return true
}

const renameSpeaker: Action = (ctx) => {
  const s = ctx.state.session
  if (!s) return false
  const entry = s.cursor ? s.editor.doc.entries[indexOfId(s.editor.doc, s.cursor.id)] : undefined
  const from = (entry && speakerOf(entry)) ?? s.roster[0]
  if (from === undefined) return ctx.dispatch(notify('This episode has no speakers yet', 'error'))
  return ctx.dispatch(setDialog({ kind: 'rename', from }))
}

/** Shows what Save will write: the active episode when it has unsaved changes, else every unsaved one. */
const reviewChanges: Action = (ctx) => {
  const s = ctx.state.session
  const episodes = s && dirtyOf(s.editor) ? [s.handle] : dirtySessions(ctx.state).map((d) => d.handle)
  if (episodes.length === 0) return ctx.dispatch(notify('No unsaved changes to review'))
  return ctx.dispatch(setDialog({ kind: 'review', episodes }))
}

const cellStep =
  (delta: 1 | -1): Action =>
  (ctx) => {
    const editing = ctx.state.session?.editing
    return ctx.dispatch(editing && editing.column !== 'text' ? commitEdit(delta) : nextCell(delta))
  }

const pane =
  (delta: 1 | -1): Action =>
  (ctx) => {
    if (ctx.state.session?.editing) ctx.dispatch(stopEdit)
    return ctx.view.focusNextPane(delta)
  }

const assignKeys = Object.fromEntries(
  ([1, 2, 3, 4, 5, 6, 7, 8, 9] as const).map((n) => [`assign-${n}`, command(assignNthSpeaker(n))]),
) as Record<`assign-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`, Action>

/**
 * The action table: what every action of the key map does. Keys (through `keymap.ts`), toolbar
 * buttons, the grid's buttons and the host's menu all run these, so a shortcut and its button
 * cannot drift apart.
 */
export const actions: Readonly<Record<ActionId, Action>> = {
  save: (ctx) => {
    ctx.save()
    return true
  },
  revert: (ctx) => {
    const s = ctx.state.session
    if (!s) return false
    if (dirtyOf(s.editor)) ctx.dispatch(setDialog({ kind: 'revert' }))
    else ctx.reload()
    return true
  },
  'save-all': (ctx) => {
    ctx.saveAll()
    return true
  },
  close: (ctx) => {
    if (!ctx.state.session) return false
    ctx.close()
    return true
  },
  'next-tab': command(cycleTab(1)),
  'previous-tab': command(cycleTab(-1)),
  'quick-open': (ctx) => ctx.state.workspace !== null && ctx.dispatch(setDialog({ kind: 'quick-open' })),
  'review-changes': reviewChanges,
  undo: orSay(undoCommand, 'Nothing to undo'),
  redo: orSay(redoCommand, 'Nothing to redo'),
  find: command(openFind),
  'find-next': command(findNext(1)),
  'find-previous': command(findNext(-1)),
  replace: (ctx) => ctx.state.session !== null && ctx.dispatch(openReplace),
  'replace-current': (ctx) => ctx.state.find.open && ctx.dispatch(replaceCurrent),
  'replace-all': (ctx) => ctx.state.find.open && ctx.dispatch(replaceAll),
  'workspace-search': (ctx) =>
    ctx.dispatch(openWorkspaceSearch(false)) || ctx.dispatch(notify('Open a folder of episodes to search them all', 'error')),
  'workspace-replace': (ctx) =>
    ctx.dispatch(openWorkspaceSearch(true)) || ctx.dispatch(notify('Open a folder of episodes to replace across them', 'error')),
  'add-to-glossary': (ctx) => {
    const selected = ctx.textCaret()?.selected.trim() ?? ''
    return ctx.dispatch(setDialog({ kind: 'glossary-add', misspelling: selected }))
  },
  help: command(setDialog({ kind: 'help' })),
  'insert-header': (ctx) => ctx.dispatch(insertHeaderAbove()),
  'delete-header': command(deleteHeader),
  'delete-rows': command(deleteSelectedRows),
  'move-up': command(moveHeader(-1)),
  'move-down': command(moveHeader(1)),
  split,
  'merge-up': (ctx) => ctx.dispatch(mergeUp()),
  'merge-at-start': mergeAtStart,
  'rename-speaker': renameSpeaker,
  'swap-speakers': (ctx) => {
    const s = ctx.state.session
    if (!s || selectedIndices(s).length === 0) return false
    return ctx.dispatch(setDialog({ kind: 'swap' }))
  },
  ...assignKeys,
  'row-up': command(moveRow(-1)),
  'row-down': command(moveRow(1)),
  'extend-up': command(moveRow(-1, true)),
  'extend-down': command(moveRow(1, true)),
  'page-up': command(moveRow(-PAGE_ROWS)),
  'page-down': command(moveRow(PAGE_ROWS)),
  'first-row': command(moveToEdge('first')),
  'last-row': command(moveToEdge('last')),
  'cell-left': command(moveColumn(-1)),
  'cell-right': command(moveColumn(1)),
  'next-cell': cellStep(1),
  'previous-cell': cellStep(-1),
  'select-all': command(selectAll),
  edit: command(startEdit('end')),
  leave: command(cancelEdit),
  enter,
  escape: (ctx) => ctx.dispatch(closeFind) || ctx.dispatch(closeWorkspaceSearch) || ctx.dispatch(collapseSelection),
  'next-pane': pane(1),
  'previous-pane': pane(-1),
  'import-chapters': (ctx) => ctx.state.session !== null && ctx.dispatch(setDialog({ kind: 'chapters-import' })),
  'export-chapters': (ctx) => ctx.state.session !== null && ctx.dispatch(setDialog({ kind: 'chapters-export' })),
  'sync-clips': (ctx) => {
    const handle = ctx.state.session?.handle
    if (handle === undefined) return false
    // The episode's own list gives exact starts to sections that stand together before one line.
    void ctx.readChapterList().then((found) => {
      const list = found && 'text' in found ? parseChapterList(found.text) : null
      const usable = list && list.errors.length === 0 && found && 'name' in found ? { name: found.name, chapters: list.chapters } : null
      ctx.dispatch(syncClipsFromSections(handle, usable))
    })
    return true
  },
  'fix-typography': command(fixEpisodeTypography),
  settings: command(setDialog({ kind: 'settings' })),
  'quick-fix': (ctx) => {
    if (!ctx.state.session) return false
    // A cell being edited keeps its text: the fix applies to the row as typed so far.
    if (ctx.state.session.editing) ctx.dispatch(commitPendingEdit())
    return ctx.dispatch(quickFix)
  },
  ...playerActions,
}

/** Runs an action in a context; false when it did not apply. */
export function runAction(action: ActionId, ctx: ActionContext): boolean {
  return actions[action](ctx)
}
