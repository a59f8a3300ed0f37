import type { HostBridge, HostEvent, FileHandle, SaveResult, Workspace } from '../../shared/api/contract'
import {
  isHeader,
  parseEpisode,
  serializeEpisode,
  episodeDigest,
  type EntryId,
  type Episode,
} from '../../shared/episode/index'
import { matchShortcut, type ActionId, type Scope } from '../keymap'
import { focusNextPane } from '../components/pane-focus'
import { initialAppState, type AppState, type LeaveIntent } from './app-state'
import {
  assignNthSpeaker,
  closeFind,
  collapseSelection,
  commitEdit,
  createSession,
  deleteHeader,
  dismissDraft,
  dismissNotice,
  errorText,
  findNext,
  insertHeaderAbove,
  markSessionSaved,
  mergeUp,
  moveColumn,
  moveHeader,
  moveRow,
  moveToEdge,
  nextCell,
  notify,
  openFind,
  redoCommand,
  reloadSession,
  restoreDraft,
  selectAll,
  settle,
  selectedIndices,
  setDialog,
  splitAt,
  startEdit,
  stopEdit,
  undoCommand,
  type AppCommand,
} from './commands'
import { dirtyOf, indexOfId, speakerOf } from './selectors'
import { createStore, type Store } from './store'

/** The text cell editor currently open, so actions can read its caret. */
export interface ActiveTextEditor {
  readonly id: EntryId
  /** Caret offset (UTF-16) and whether the selection is empty. */
  caret(): { offset: number; empty: boolean; length: number }
}

/** Owns the store and talks to the host: opening, saving, drafts, host events and every action. */
export interface Controller {
  readonly store: Store<AppState>
  /** Whether "Choose folder…" and "Choose file…" can show native dialogs. */
  readonly nativeDialogs: boolean
  /** Runs a pure command. */
  dispatch(command: AppCommand): boolean
  /** Runs an action of the shortcut map (keys and buttons share these); false when it did not apply. */
  run(action: ActionId): boolean
  /** Dispatches a key event of a scope through the shortcut map; true (and default prevented) when handled. */
  handleKey(event: KeyboardEvent, scope: Scope, inField?: boolean): boolean
  /** Loads the workspace and starts listening to the host. */
  start(): Promise<void>
  openPath(path: string): Promise<void>
  /** The host's native folder and file dialogs (desktop only; nothing happens where there are none). */
  openFolderDialog(): Promise<void>
  openFileDialog(): Promise<void>
  /** Opens an episode of the workspace (asks first when the open one has unsaved changes). */
  openFile(handle: FileHandle): Promise<void>
  save(options?: { overwrite?: boolean }): Promise<boolean>
  /** Answers the unsaved-changes question. */
  resolveLeave(choice: 'save' | 'discard' | 'cancel'): Promise<void>
  /** Discards unsaved changes and reloads the file from disk. */
  revert(): Promise<void>
  /** Conflict choices. */
  reloadFromDisk(): Promise<void>
  keepMine(): Promise<void>
  /** Keeps the unsaved version after someone changed the file on disk; the next save overwrites their change. */
  keepMineAfterChange(): void
  restoreDraft(): void
  discardDraft(): void
  /** Registers the open text cell editor (null when it closes). */
  setActiveTextEditor(editor: ActiveTextEditor | null): void
  dispose(): void
}

/** Rows a PageUp/PageDown moves. */
const PAGE_ROWS = 8
/** Pause in typing after which lint, outline and counts catch up. */
const SETTLE_DELAY_MS = 250
/** Quiet time before unsaved text is journalled as a draft. */
const DRAFT_DELAY_MS = 1500

/** Options of `createController`. */
export interface ControllerOptions {
  /** The host has native open dialogs (the desktop app); browser mode has not. */
  readonly nativeDialogs?: boolean
  /** Ask the browser to confirm leaving the page with unsaved changes (browser mode; Electron's main process asks itself). */
  readonly confirmUnload?: boolean
}

/** Creates the controller over a host bridge. */
export function createController(bridge: HostBridge, options: ControllerOptions = {}): Controller {
  const store = createStore<AppState>(initialAppState)
  const dispatch = (command: AppCommand) => store.dispatch(command)
  const get = () => store.getState()
  let activeText: ActiveTextEditor | null = null
  let unsubscribeHost: (() => void) | null = null
  let draftTimer: ReturnType<typeof setTimeout> | undefined
  let draftWritten = false
  let lastDirty = false
  let noticeTimer: ReturnType<typeof setTimeout> | undefined

  const dirty = () => {
    const s = get().session
    return s !== null && dirtyOf(s.editor)
  }

  const fail = (error: unknown) => {
    dispatch(notify(errorText(error), 'error'))
  }

  const refreshWorkspace = async (): Promise<Workspace | null> => {
    try {
      const workspace = await bridge.getWorkspace()
      store.dispatch((state) => ({ ...state, workspace: hasContent(workspace) ? workspace : state.workspace }))
      return workspace
    } catch (error) {
      fail(error)
      return null
    }
  }

  const load = async (handle: FileHandle) => {
    dispatch((state) => ({ ...state, opening: handle, openError: null }))
    try {
      const file = await bridge.readFile(handle)
      let doc: Episode
      try {
        doc = parseEpisode(file.text)
      } catch (error) {
        // EpisodeSyntaxError messages say where (line and column).
        const reason = errorText(error)
        dispatch((state) => ({ ...state, opening: null, session: null, openError: `${file.path} cannot be opened as an episode: ${reason}` }))
        return
      }
      const draft = file.draft && file.draft.text !== file.text ? file.draft : null
      draftWritten = draft !== null
      dispatch((state) => ({ ...state, opening: null, openError: null, session: createSession(file.handle, file.path, file.hash, doc, draft), dialog: null }))
    } catch (error) {
      const message = `The file could not be read: ${errorText(error)}`
      dispatch((state) => ({ ...state, opening: null, openError: state.session ? null : message }))
      if (get().session) fail(message)
    }
  }

  const leave = async (intent: LeaveIntent) => {
    if (intent.kind === 'open') await load(intent.handle)
    else if (intent.kind === 'open-path') await doOpenPath(intent.path)
    else {
      dispatch((state) => ({ ...state, session: null, openError: null }))
    }
  }

  const requestLeave = async (intent: LeaveIntent) => {
    if (dirty()) {
      dispatch(setDialog({ kind: 'leave', next: intent }))
      return
    }
    await leave(intent)
  }

  const doOpenPath = async (path: string) => {
    try {
      const workspace = await bridge.openPath(path)
      dispatch((state) => ({ ...state, workspace, session: workspace.opened ? state.session : null, openError: null }))
      const recent = await bridge.listRecent().catch(() => get().recent)
      dispatch((state) => ({ ...state, recent }))
      if (workspace.opened) await load(workspace.opened)
    } catch (error) {
      dispatch((state) => ({ ...state, openError: errorText(error) }))
    }
  }

  const fromDialog = async (show: () => Promise<Workspace | null>) => {
    try {
      const workspace = await show()
      if (!workspace) return
      dispatch((state) => ({ ...state, workspace, openError: null }))
      bridge.listRecent().then((recent) => dispatch((state) => ({ ...state, recent })), () => undefined)
      if (workspace.opened) await requestLeave({ kind: 'open', handle: workspace.opened })
    } catch (error) {
      dispatch((state) => ({ ...state, openError: errorText(error) }))
    }
  }

  const save = async (options: { overwrite?: boolean } = {}): Promise<boolean> => {
    const session = get().session
    if (!session || session.saving) return false
    const doc = session.editor.doc
    if (!dirtyOf(session.editor) && !options.overwrite && session.baseHash !== null) {
      dispatch(notify('No changes to save'))
      return true
    }
    let text: string
    try {
      text = serializeEpisode(doc)
    } catch (error) {
      dispatch(setDialog({ kind: 'save-error', reason: 'invalid', message: errorText(error) }))
      return false
    }
    const handle = session.handle
    dispatch((state) => (state.session?.handle === handle ? { ...state, session: { ...state.session, saving: true } } : null))
    let result: SaveResult
    try {
      result = await bridge.saveFile({
        handle,
        text,
        baseHash: options.overwrite ? null : session.baseHash,
        expectedDigest: episodeDigest(doc),
      })
    } catch (error) {
      result = { ok: false, reason: 'io', message: errorText(error) }
    }
    const stillOpen = () => get().session?.handle === handle
    dispatch((state) => (state.session?.handle === handle ? { ...state, session: { ...state.session, saving: false } } : null))
    if (result.ok) {
      if (stillOpen()) {
        dispatch(markSessionSaved(doc, result.hash))
        dispatch(notify('Saved'))
      }
      clearTimeout(draftTimer)
      draftTimer = undefined
      draftWritten = false
      bridge.discardDraft(handle).catch(() => undefined)
      void refreshWorkspace()
      return true
    }
    if (result.reason === 'conflict') {
      dispatch(setDialog({ kind: 'conflict', diskText: result.diskText, diskHash: result.diskHash, showDiff: false }))
    } else {
      dispatch(setDialog({ kind: 'save-error', reason: result.reason, message: result.message }))
    }
    return false
  }

  const reloadFromDisk = async () => {
    const session = get().session
    if (!session) return
    try {
      const file = await bridge.readFile(session.handle)
      const doc = parseEpisode(file.text)
      dispatch(reloadSession(doc, file.hash))
      dispatch(setDialog(null))
      draftWritten = false
      bridge.discardDraft(session.handle).catch(() => undefined)
    } catch (error) {
      fail(error)
    }
  }

  const onFileChanged = async (handle: FileHandle) => {
    void refreshWorkspace()
    const session = get().session
    if (!session || session.handle !== handle) return
    let file
    try {
      file = await bridge.readFile(handle)
    } catch {
      if (get().session?.handle === handle) dispatch((state) => withDiskChange(state, handle, { text: null, hash: null }))
      return
    }
    const current = get().session
    if (!current || current.handle !== handle || file.hash === current.baseHash) return
    if (!dirtyOf(current.editor)) {
      try {
        dispatch(reloadSession(parseEpisode(file.text), file.hash))
        dispatch(notify('The file changed on disk and was reloaded'))
      } catch (error) {
        dispatch((state) => withDiskChange(state, handle, { text: file.text, hash: file.hash }))
        fail(error)
      }
    } else {
      dispatch((state) => withDiskChange(state, handle, { text: file.text, hash: file.hash }))
    }
  }

  const onHostEvent = (event: HostEvent) => {
    if (event.type === 'file-changed') void onFileChanged(event.handle)
    else if (event.type === 'workspace-changed') {
      void refreshWorkspace().then(() => {
        if (event.opened) void requestLeave({ kind: 'open', handle: event.opened })
      })
    } else if (event.type === 'menu') {
      const map: Record<typeof event.command, ActionId> = {
        save: 'save',
        'save-all': 'save',
        revert: 'revert',
        close: 'close',
        undo: 'undo',
        redo: 'redo',
        find: 'find',
        replace: 'find',
      }
      run(map[event.command])
    }
  }

  const caretSplit = (): boolean => {
    const s = get().session
    if (!s) return false
    if (s.editing?.column === 'text' && activeText && activeText.id === s.editing.id) {
      const { offset } = activeText.caret()
      return dispatch(splitAt(s.editing.id, offset))
    }
    dispatch(notify('Open the line for editing (Enter) and put the cursor where it should split', 'error'))
    return true
  }

  const run = (action: ActionId): boolean => {
    const state = get()
    const s = state.session
    switch (action) {
      case 'save':
        void save()
        return true
      case 'revert':
        if (!s) return false
        if (dirty()) dispatch(setDialog({ kind: 'revert' }))
        else void reloadFromDisk()
        return true
      case 'close':
        if (!s) return false
        void requestLeave({ kind: 'close' })
        return true
      case 'undo':
        return dispatch(undoCommand) || (s !== null && dispatch(notify('Nothing to undo')))
      case 'redo':
        return dispatch(redoCommand) || (s !== null && dispatch(notify('Nothing to redo')))
      case 'find':
        return dispatch(openFind)
      case 'find-next':
        return dispatch(findNext(1))
      case 'find-previous':
        return dispatch(findNext(-1))
      case 'help':
        return dispatch(setDialog({ kind: 'help' }))
      case 'insert-header':
        return dispatch(insertHeaderAbove())
      case 'delete-header':
        return dispatch(deleteHeader)
      case 'move-up':
        return dispatch(moveHeader(-1))
      case 'move-down':
        return dispatch(moveHeader(1))
      case 'split':
        return caretSplit()
      case 'merge-up':
        return dispatch(mergeUp())
      case 'merge-at-start': {
        if (!s?.editing || s.editing.column !== 'text' || !activeText) return false
        const caret = activeText.caret()
        if (caret.offset !== 0 || !caret.empty) return false
        const entry = s.editor.doc.entries[indexOfId(s.editor.doc, s.editing.id)]
        if (!entry || isHeader(entry)) return false
        return dispatch(mergeUp(s.editing.id))
      }
      case 'rename-speaker': {
        if (!s) return false
        const entry = s.cursor ? s.editor.doc.entries[indexOfId(s.editor.doc, s.cursor.id)] : undefined
        const from = (entry && speakerOf(entry)) ?? s.roster[0]
        if (from === undefined) return dispatch(notify('This episode has no speakers yet', 'error'))
        return dispatch(setDialog({ kind: 'rename', from }))
      }
      case 'swap-speakers': {
        if (!s) return false
        if (selectedIndices(s).length === 0) return false
        return dispatch(setDialog({ kind: 'swap' }))
      }
      case 'row-up':
        return dispatch(moveRow(-1))
      case 'row-down':
        return dispatch(moveRow(1))
      case 'extend-up':
        return dispatch(moveRow(-1, true))
      case 'extend-down':
        return dispatch(moveRow(1, true))
      case 'page-up':
        return dispatch(moveRow(-PAGE_ROWS))
      case 'page-down':
        return dispatch(moveRow(PAGE_ROWS))
      case 'first-row':
        return dispatch(moveToEdge('first'))
      case 'last-row':
        return dispatch(moveToEdge('last'))
      case 'cell-left':
        return dispatch(moveColumn(-1))
      case 'cell-right':
        return dispatch(moveColumn(1))
      case 'next-cell':
      case 'previous-cell': {
        const delta = action === 'next-cell' ? 1 : -1
        if (s?.editing && s.editing.column !== 'text') return dispatch(commitEdit(delta))
        return dispatch(nextCell(delta))
      }
      case 'select-all':
        return dispatch(selectAll)
      case 'edit':
        return dispatch(startEdit('end'))
      case 'leave':
        return dispatch(stopEdit)
      case 'enter': {
        if (!s?.editing) return false
        if (s.editing.column !== 'text') return dispatch(commitEdit(0))
        const entry = s.editor.doc.entries[indexOfId(s.editor.doc, s.editing.id)]
        if (!entry || isHeader(entry) || !activeText) return dispatch(stopEdit)
        const caret = activeText.caret()
        if (caret.offset > 0 && caret.offset < caret.length) return dispatch(splitAt(s.editing.id, caret.offset))
        dispatch(stopEdit)
        return caret.offset >= caret.length ? dispatch(moveRow(1)) : true
      }
      case 'escape':
        return dispatch(closeFind) || dispatch(collapseSelection)
      case 'next-pane':
      case 'previous-pane':
        if (s?.editing) dispatch(stopEdit)
        return focusNextPane(action === 'next-pane' ? 1 : -1)
      default: {
        const n = /^assign-(\d)$/.exec(action)
        if (n) return dispatch(assignNthSpeaker(Number(n[1])))
        return false
      }
    }
  }

  const handleKey = (event: KeyboardEvent, scope: Scope, inField = false): boolean => {
    if (event.isComposing) return false
    if (scope === 'global' && get().dialog !== null) return false
    const shortcut = matchShortcut(event, scope, inField)
    if (!shortcut) return false
    if (!run(shortcut.action)) return false
    event.preventDefault()
    event.stopPropagation()
    return true
  }

  const scheduleDraft = () => {
    const s = get().session
    const isDirty = s !== null && dirtyOf(s.editor)
    if (isDirty !== lastDirty) {
      lastDirty = isDirty
      bridge.setDirty?.(isDirty).catch(() => undefined)
    }
    if (!s) return
    if (!isDirty) {
      clearTimeout(draftTimer)
      draftTimer = undefined
      if (draftWritten && s.draftOffer === null) {
        draftWritten = false
        bridge.discardDraft(s.handle).catch(() => undefined)
      }
      return
    }
    if (draftTimer !== undefined) return
    draftTimer = setTimeout(() => {
      // Serialize in idle time, so journalling never lands between a keystroke and its paint.
      whenIdle(() => {
        draftTimer = undefined
        const now = get().session
        if (!now || !dirtyOf(now.editor)) return
        try {
          const text = serializeEpisode(now.editor.doc)
          draftWritten = true
          bridge.writeDraft(now.handle, text).catch(() => undefined)
        } catch {
          // A document that cannot be written is reported on save.
        }
      })
    }, DRAFT_DELAY_MS)
  }

  let lastDoc: Episode | null = null
  let lastNotice: number | null = null
  let settleTimer: ReturnType<typeof setTimeout> | undefined
  const unsubscribeStore = store.subscribe(() => {
    const state = get()
    const doc = state.session?.editor.doc ?? null
    if (doc !== lastDoc) {
      lastDoc = doc
      scheduleDraft()
      clearTimeout(settleTimer)
      if (state.session && state.session.settled !== doc) settleTimer = setTimeout(() => dispatch(settle), SETTLE_DELAY_MS)
    }
    const notice = state.notice
    if (notice && notice.seq !== lastNotice) {
      lastNotice = notice.seq
      clearTimeout(noticeTimer)
      noticeTimer = setTimeout(() => dispatch(dismissNotice(notice.seq)), notice.tone === 'error' ? 8000 : 2500)
    }
  })

  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (options.confirmUnload && dirty()) event.preventDefault()
  }

  return {
    store,
    nativeDialogs: options.nativeDialogs ?? false,
    dispatch,
    run,
    handleKey,
    async start() {
      unsubscribeHost = bridge.onEvent(onHostEvent)
      window.addEventListener('beforeunload', beforeUnload)
      const [workspace, recent] = await Promise.all([
        bridge.getWorkspace().catch(() => null),
        bridge.listRecent().catch(() => []),
      ])
      dispatch((state) => ({ ...state, phase: 'ready', workspace: workspace && hasContent(workspace) ? workspace : null, recent }))
      if (workspace?.opened) await load(workspace.opened)
    },
    openPath: (path) => requestLeave({ kind: 'open-path', path }),
    openFolderDialog: () => fromDialog(() => bridge.openFolderDialog()),
    openFileDialog: () => fromDialog(() => bridge.openFileDialog()),
    openFile: async (handle) => {
      if (get().session?.handle === handle) return
      await requestLeave({ kind: 'open', handle })
    },
    save,
    async resolveLeave(choice) {
      const dialog = get().dialog
      if (dialog?.kind !== 'leave') return
      dispatch(setDialog(null))
      if (choice === 'cancel') return
      if (choice === 'save' && !(await save())) return
      if (choice === 'discard') {
        const s = get().session
        if (s) bridge.discardDraft(s.handle).catch(() => undefined)
        draftWritten = false
      }
      await leave(dialog.next)
    },
    async revert() {
      dispatch(setDialog(null))
      await reloadFromDisk()
      dispatch(notify('Reverted to the file on disk'))
    },
    reloadFromDisk,
    async keepMine() {
      dispatch(setDialog(null))
      dispatch((state) => (state.session ? { ...state, session: { ...state.session, diskChange: null } } : null))
      await save({ overwrite: true })
    },
    keepMineAfterChange() {
      dispatch((state) => {
        const s = state.session
        if (!s?.diskChange) return null
        return { ...state, session: { ...s, baseHash: s.diskChange.hash, diskChange: null } }
      })
    },
    restoreDraft() {
      dispatch(restoreDraft)
    },
    discardDraft() {
      const s = get().session
      if (!s) return
      dispatch(dismissDraft)
      draftWritten = false
      bridge.discardDraft(s.handle).catch(() => undefined)
    },
    setActiveTextEditor(editor) {
      activeText = editor
    },
    dispose() {
      unsubscribeHost?.()
      unsubscribeStore()
      clearTimeout(draftTimer)
      clearTimeout(noticeTimer)
      clearTimeout(settleTimer)
      window.removeEventListener('beforeunload', beforeUnload)
    },
  }
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 })
  else setTimeout(run, 0)
}

function hasContent(workspace: Workspace): boolean {
  return workspace.root !== null || workspace.files.length > 0
}

function withDiskChange(state: AppState, handle: FileHandle, change: { text: string | null; hash: string | null }): AppState | null {
  if (state.session?.handle !== handle) return null
  return { ...state, session: { ...state.session, diskChange: change } }
}
