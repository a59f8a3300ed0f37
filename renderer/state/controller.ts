import type { ChapterListFile, FileHandle, HostBridge, HostEvent, MenuCommand, Workspace } from '../../shared/api/contract'
import type { EntryId, Episode } from '../../shared/episode/index'
import type { ConflictChoice } from '../../shared/episode/merge-episodes'
import { runAction, type TextCaret } from '../actions'
import type { Player } from '../player/player'
import { matchShortcut, type ActionId, type Scope } from '../keymap'
import { initialAppState, type AppState, type LeaveIntent } from './app-state'
import { dismissNotice, errorText, notify, setDialog, settle, type AppCommand } from './commands'
import { createConnectionMonitor } from './connection'
import { realScheduler, type Scheduler } from './scheduler'
import { createEpisodeSession, loadSession, singleSessionSlot, type EpisodeSession } from './episode-session'
import { createFailureReporter, setConnection } from './failures'
import { dirtyOf } from './selectors'
import { setSiteContext } from './speaker-names'
import { createStore, type Store } from './store'
import { noViewEffects, type ViewEffects } from './view-effects'

/** The text cell editor currently open, so actions can read its caret and the text typed in it. */
export interface ActiveTextEditor {
  readonly id: EntryId
  /** Caret offset (UTF-16), whether the selection is empty, and the text's length. */
  caret(): TextCaret
  /**
   * Hands the store the text typed since the last hand-over. The editor passes keystrokes on just
   * after they are painted, so typing costs no more than a bare editor; anything that reads or
   * changes the document first calls this, so it always sees every keystroke.
   */
  flush(): void
}

/** Owns the store and wires the host, the open episode's session, the action table and the view. */
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
  /** The open episode's own chapter list from its site checkout, or why there is none (null with no episode open). */
  readChapterList(): Promise<ChapterListFile | null>
  /** Answers the unsaved-changes question. */
  resolveLeave(choice: 'save' | 'discard' | 'cancel'): Promise<void>
  /** Discards unsaved changes and reloads the file from disk. */
  revert(): Promise<void>
  /** Conflict choices. */
  reloadFromDisk(): Promise<void>
  keepMine(): Promise<void>
  /** Merges my edits with the file as on disk (from the conflict dialog or the changed-on-disk banner). */
  mergeWithDisk(diskText: string, diskHash: string): void
  /** Applies the open merge dialog with one choice per conflict, in its order. */
  applyMerge(choices: readonly ConflictChoice[]): void
  /** Keeps the unsaved version after someone changed the file on disk; the next save overwrites their change. */
  keepMineAfterChange(): void
  restoreDraft(): void
  discardDraft(): void
  /** Registers the recording's player (null when it goes). */
  setPlayer(player: Player | null): void
  /** The host's calls for an episode's recording. */
  readonly media: Pick<HostBridge, 'getEpisodeMedia' | 'pickMediaForEpisode' | 'forgetEpisodeMedia'>
  /** Registers the open text cell editor (null when it closes). */
  setActiveTextEditor(editor: ActiveTextEditor | null): void
  dispose(): void
}

/** Pause in typing after which lint, outline and counts catch up. */
const SETTLE_DELAY_MS = 250

/** Options of `createController`. */
export interface ControllerOptions {
  /** The host has native open dialogs (the desktop app); browser mode has not. */
  readonly nativeDialogs?: boolean
  /** Focus and window effects (`renderer/view/dom-view.ts` in the page). */
  readonly view?: ViewEffects
  /** Timers (tests drive time themselves). */
  readonly schedule?: Scheduler
  /** First delay between probes of a lost host. */
  readonly reconnectMs?: number
}

/** The action each host menu command runs. */
const menuActions: Record<MenuCommand, ActionId> = {
  save: 'save',
  'save-all': 'save',
  revert: 'revert',
  close: 'close',
  undo: 'undo',
  redo: 'redo',
  find: 'find',
  replace: 'find',
}

/** Creates the controller over a host bridge. */
export function createController(bridge: HostBridge, options: ControllerOptions = {}): Controller {
  const store = createStore<AppState>(initialAppState)
  const view = options.view ?? noViewEffects
  const schedule = options.schedule ?? realScheduler
  const dispatch = (command: AppCommand) => store.dispatch(command)
  const get = () => store.getState()
  let activeText: ActiveTextEditor | null = null
  let activePlayer: Player | null = null
  let episode: EpisodeSession | null = null

  const connection = createConnectionMonitor({
    probe: () => bridge.listRecent(),
    onLost: () => dispatch(setConnection('lost')),
    onRestored: () => {
      dispatch(setConnection('online'))
      void episode?.hostRestored()
    },
    schedule,
    ...(options.reconnectMs !== undefined ? { retryMs: options.reconnectMs } : {}),
  })
  const failures = createFailureReporter(dispatch, () => connection.lost())

  const dirty = () => {
    const s = get().session
    return s !== null && dirtyOf(s.editor)
  }

  const refreshWorkspace = async (): Promise<Workspace | null> => {
    try {
      const workspace = await bridge.getWorkspace()
      dispatch((state) => ({ ...state, workspace: hasContent(workspace) ? workspace : state.workspace }))
      return workspace
    } catch (error) {
      failures.report('The list of episodes could not be refreshed', error)
      return null
    }
  }

  /** Asks the host what the open folder knows about speakers (people's names, the host). */
  const refreshSiteContext = async () => {
    try {
      dispatch(setSiteContext(await bridge.getSiteContext()))
    } catch (error) {
      failures.report('The names of the speakers could not be read from the site checkout', error)
    }
  }

  const refreshRecent = async () => {
    try {
      const recent = await bridge.listRecent()
      dispatch((state) => ({ ...state, recent }))
    } catch (error) {
      failures.report('The recent list could not be read', error)
    }
  }

  /** Makes `handle` the open episode, or shows why it cannot be opened. */
  const load = async (handle: FileHandle) => {
    dispatch((state) => ({ ...state, opening: handle, openError: null }))
    const result = await loadSession(bridge, handle)
    if (!result.ok && result.unreadable && get().session !== null) {
      // A read failure while another episode is open keeps that one and says so.
      dispatch((state) => ({ ...state, opening: null }))
      dispatch(notify(result.message, 'error'))
      return
    }
    closeEpisode()
    if (!result.ok) {
      dispatch((state) => ({ ...state, opening: null, session: null, openError: result.message }))
      return
    }
    dispatch((state) => ({ ...state, opening: null, openError: null, session: result.session, dialog: null }))
    episode = createEpisodeSession(handle, { host: bridge, slot: singleSessionSlot(store, handle), dispatch, failures, schedule, whenIdle: view.whenIdle })
  }

  /** Disposes of the open episode's session (its draft timer). */
  const closeEpisode = () => {
    episode?.dispose()
    episode = null
  }

  const leave = async (intent: LeaveIntent) => {
    if (intent.kind === 'open') await load(intent.handle)
    else if (intent.kind === 'open-path') await doOpenPath(intent.path)
    else {
      closeEpisode()
      dispatch((state) => ({ ...state, session: null, openError: null }))
    }
  }

  const requestLeave = async (intent: LeaveIntent) => {
    if (dirty()) dispatch(setDialog({ kind: 'leave', next: intent }))
    else await leave(intent)
  }

  const doOpenPath = async (path: string) => {
    try {
      const workspace = await bridge.openPath(path)
      if (!workspace.opened) closeEpisode()
      dispatch((state) => ({ ...state, workspace, session: workspace.opened ? state.session : null, openError: null }))
      await Promise.all([refreshRecent(), refreshSiteContext()])
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
      void refreshRecent()
      void refreshSiteContext()
      if (workspace.opened) await requestLeave({ kind: 'open', handle: workspace.opened })
    } catch (error) {
      dispatch((state) => ({ ...state, openError: errorText(error) }))
    }
  }

  /** Brings the store up to date with the cell being typed in, before anything reads or changes it. */
  const flushTyping = () => activeText?.flush()

  const readChapterList = async (): Promise<ChapterListFile | null> => {
    const handle = get().session?.handle
    if (handle === undefined) return null
    try {
      return await bridge.readChapterList(handle)
    } catch (error) {
      return { reason: `the host could not look for it: ${errorText(error)}` }
    }
  }

  const save = async (saveOptions: { overwrite?: boolean } = {}) => {
    flushTyping()
    return episode ? episode.save(saveOptions) : false
  }

  const run = (action: ActionId): boolean => {
    flushTyping()
    return runAction(action, {
      state: get(),
      dispatch,
      save: () => void save(),
      reload: () => void episode?.reloadFromDisk(),
      close: () => void requestLeave({ kind: 'close' }),
      readChapterList,
      textCaret: () => {
        const editing = get().session?.editing
        return editing?.column === 'text' && activeText?.id === editing.id ? activeText.caret() : null
      },
      view,
      player: () => activePlayer,
    })
  }

  const onHostEvent = (event: HostEvent) => {
    flushTyping()
    if (event.type === 'file-changed') {
      void refreshWorkspace()
      if (episode?.handle === event.handle) void episode.fileChanged()
    } else if (event.type === 'workspace-changed') {
      void refreshWorkspace().then(() => {
        void refreshSiteContext()
        if (event.opened) void requestLeave({ kind: 'open', handle: event.opened })
      })
    } else if (event.type === 'menu') {
      run(menuActions[event.command])
    }
  }

  const handleKey = (event: KeyboardEvent, scope: Scope, inField = false): boolean => {
    if (event.isComposing) return false
    if (scope === 'global' && get().dialog !== null) return false
    const shortcut = matchShortcut(event, scope, inField)
    if (!shortcut || !run(shortcut.action)) return false
    event.preventDefault()
    event.stopPropagation()
    return true
  }

  const stopWatching = watchStore(store, {
    schedule,
    documentChanged: () => episode?.documentChanged(),
    dirtyChanged: (isDirty) => {
      bridge.setDirty?.(isDirty).catch((error: unknown) => failures.report('The app could not be told about unsaved changes', error))
    },
  })
  let stopGuard: () => void = () => {}
  let unsubscribeHost: (() => void) | null = null

  return {
    store,
    nativeDialogs: options.nativeDialogs ?? false,
    readChapterList,
    dispatch(command) {
      flushTyping()
      return dispatch(command)
    },
    run,
    handleKey,
    setPlayer(player) {
      activePlayer = player
    },
    media: bridge,
    async start() {
      unsubscribeHost = bridge.onEvent(onHostEvent)
      stopGuard = view.guardUnload(dirty)
      let workspace: Workspace | null = null
      try {
        workspace = await bridge.getWorkspace()
      } catch (error) {
        failures.report('The open folder could not be read', error)
      }
      await Promise.all([refreshRecent(), workspace && hasContent(workspace) ? refreshSiteContext() : null])
      dispatch((state) => ({ ...state, phase: 'ready', workspace: workspace && hasContent(workspace) ? workspace : null }))
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
      flushTyping()
      dispatch(setDialog(null))
      if (choice === 'cancel') return
      if (choice === 'save' && !(await save())) return
      if (choice === 'discard') episode?.abandon()
      await leave(dialog.next)
    },
    async revert() {
      flushTyping()
      dispatch(setDialog(null))
      await episode?.reloadFromDisk()
      dispatch(notify('Reverted to the file on disk'))
    },
    reloadFromDisk: async () => episode?.reloadFromDisk(),
    keepMine: async () => {
      flushTyping()
      return episode?.keepMine()
    },
    mergeWithDisk: (diskText, diskHash) => {
      flushTyping()
      episode?.mergeWithDisk(diskText, diskHash)
    },
    applyMerge(choices) {
      const dialog = get().dialog
      if (dialog?.kind === 'merge') episode?.applyMerge(dialog, choices)
    },
    keepMineAfterChange: () => episode?.keepMineAfterChange(),
    restoreDraft: () => episode?.restoreDraft(),
    discardDraft: () => episode?.discardDraft(),
    setActiveTextEditor(editor) {
      activeText = editor
    },
    dispose() {
      unsubscribeHost?.()
      stopWatching()
      stopGuard()
      connection.dispose()
      closeEpisode()
    },
  }
}

/** What `watchStore` reports. */
interface StoreWatch {
  readonly schedule: Scheduler
  /** The open document changed (journal it). */
  documentChanged(): void
  /** The unsaved mark changed (tell the host, so closing the window can ask). */
  dirtyChanged(dirty: boolean): void
}

/**
 * The store's timers: derived views settle after a pause in typing, info notices fade (errors stay
 * longer), and document and dirty changes are passed on. Returns the stop function.
 */
function watchStore(store: Store<AppState>, watch: StoreWatch): () => void {
  let lastDoc: Episode | null = null
  let lastDirty = false
  let lastNotice: number | null = null
  let cancelSettle: () => void = () => {}
  let cancelNotice: () => void = () => {}
  const unsubscribe = store.subscribe(() => {
    const state = store.getState()
    const doc = state.session?.editor.doc ?? null
    if (doc !== lastDoc) {
      lastDoc = doc
      watch.documentChanged()
      cancelSettle()
      if (state.session && state.session.settled !== doc) cancelSettle = watch.schedule(() => store.dispatch(settle), SETTLE_DELAY_MS)
    }
    const isDirty = state.session !== null && dirtyOf(state.session.editor)
    if (isDirty !== lastDirty) {
      lastDirty = isDirty
      watch.dirtyChanged(isDirty)
    }
    const notice = state.notice
    if (notice && notice.seq !== lastNotice) {
      lastNotice = notice.seq
      cancelNotice()
      cancelNotice = watch.schedule(() => store.dispatch(dismissNotice(notice.seq)), notice.tone === 'error' ? 8000 : 2500)
    }
  })
  return () => {
    unsubscribe()
    cancelSettle()
    cancelNotice()
  }
}

function hasContent(workspace: Workspace): boolean {
  return workspace.root !== null || workspace.files.length > 0
}
