import type { AppSettings, ChapterListFile, FileHandle, HostBridge, HostEvent, MenuCommand, Workspace } from '../../shared/api/contract'
import type { EntryId } from '../../shared/episode/index'
import type { ConflictChoice } from '../../shared/episode/merge-episodes'
import { runAction, type TextCaret } from '../actions'
import type { Player } from '../player/player'
import { matchShortcut, type ActionId, type Scope } from '../keymap'
import { initialAppState, type AppState } from './app-state'
import { errorText, notify, type AppCommand } from './commands'
import { createWorkspaceSearchController, type WorkspaceSearchController } from './workspace-search-controller'
import { createConnectionMonitor } from './connection'
import { realScheduler, type Scheduler } from './scheduler'
import { createFailureReporter, setConnection, withListProblem } from './failures'
import { followActiveEpisode } from './player-state'
import { keepPlayerPlaces } from './player-place-keeper'
import { applySettings } from './problem-commands'
import { linkChapterLists, type ChapterListWrite } from './chapter-lists'
import { setSiteContext } from './speaker-names'
import { dirtySessions } from './tabs'
import type { EpisodeEdit, EditEpisodesResult } from './edit-episodes'
import { createOpenEpisodes } from './open-episodes'
import { watchStore } from './store-timers'
import { createStore, type Store } from './store'
import { withRewriteNotice } from './rewrite-notice'
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
export interface Controller extends WorkspaceSearchController {
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
  /** Opens an episode of the workspace in a tab (or shows its tab when it is open already). */
  openFile(handle: FileHandle): Promise<void>
  /** Closes an episode's tab (the active one by default), asking first when it has unsaved changes. */
  closeTab(handle?: FileHandle): Promise<void>
  save(options?: { overwrite?: boolean }): Promise<boolean>
  /** Saves every open episode with unsaved changes; failures are reported by name. True when all were saved. */
  saveAll(): Promise<boolean>
  /** Saves the episodes `handles` (the active one as Save does, the others without dialogs); true when all were saved. */
  saveEpisodes(handles: readonly FileHandle[]): Promise<boolean>
  /**
   * Applies `edit` to each episode as one undo step in that episode, opening those not open yet
   * as background tabs; the episodes are left unsaved (nothing is written until they are saved).
   */
  editEpisodes(handles: readonly FileHandle[], edit: EpisodeEdit, label: string): Promise<EditEpisodesResult>
  /** The open episode's own chapter list from its site checkout, or why there is none (null with no episode open). */
  readChapterList(): Promise<ChapterListFile | null>
  /**
   * Writes a chapter list to the open episode's `podcast-timestamps/` file: where it wrote, or the
   * plain reason it did not (outside a site checkout, several matching lists, a host failure).
   */
  writeChapterList(text: string): Promise<ChapterListWrite>
  /** Puts settings in force at once and saves them for later runs; false (after saying why) when the host could not save them. */
  saveSettings(settings: AppSettings): Promise<boolean>
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
  /** Restores the active episode's offered draft (asking first when it would replace work since). */
  restoreDraft(): void
  /** Keeps the work when asked whether Restore may replace it. */
  cancelRestoreDraft(): void
  /** Forgets the active episode's offered draft. */
  discardDraft(): void
  /** Registers the recording's player (null when it goes). */
  setPlayer(player: Player | null): void
  /** The host's calls for an episode's recording. */
  readonly media: Pick<HostBridge, 'getEpisodeMedia' | 'pickMediaForEpisode' | 'forgetEpisodeMedia' | 'getPlayerPlace'>
  /** Registers the open text cell editor (null when it closes). */
  setActiveTextEditor(editor: ActiveTextEditor | null): void
  /**
   * Journals every open episode's unsaved changes as drafts at once, the text being typed
   * included, without waiting for a pause in typing: the view calls it as the page is left or
   * hidden, so a reload or a closed tab loses nothing. Settles when the host took them.
   */
  flushDrafts(): Promise<void>
  dispose(): void
}

/** Options of `createController`. */
export interface ControllerOptions {
  /** The host has native open dialogs (the desktop app); browser mode has not. */
  readonly nativeDialogs?: boolean
  /** Focus and window effects (`renderer/view/dom-view.ts` in the page). */
  readonly view?: ViewEffects
  /** Timers (tests drive time themselves). */
  readonly schedule?: Scheduler
  /** The time (ms) on `schedule`'s clock (`performance.now` with the platform's timers). */
  readonly now?: () => number
  /** First delay between probes of a lost host. */
  readonly reconnectMs?: number
}

/** The action each host menu command runs. */
const menuActions: Record<MenuCommand, ActionId> = {
  save: 'save',
  'save-all': 'save-all',
  'review-changes': 'review-changes',
  'quick-open': 'quick-open',
  'next-tab': 'next-tab',
  'previous-tab': 'previous-tab',
  revert: 'revert',
  close: 'close',
  undo: 'undo',
  redo: 'redo',
  find: 'find',
  replace: 'replace',
  settings: 'settings',
}

/** Creates the controller over a host bridge. */
export function createController(bridge: HostBridge, options: ControllerOptions = {}): Controller {
  // Every change passes the review that tells of values an edit also wrote in another form.
  const store = createStore<AppState>(initialAppState, (before, after) => withListProblem(before, withRewriteNotice(before, after)))
  // First of the store's listeners, so the player's place changes with the episode before the view renders it.
  const stopFollowingEpisode = followActiveEpisode(store)
  const view = options.view ?? noViewEffects
  const schedule = options.schedule ?? realScheduler
  const dispatch = (command: AppCommand) => store.dispatch(command)
  const get = () => store.getState()
  let activeText: ActiveTextEditor | null = null
  let activePlayer: Player | null = null

  const connection = createConnectionMonitor({
    probe: () => bridge.listRecent(),
    onLost: () => dispatch(setConnection('lost')),
    onRestored: () => {
      dispatch(setConnection('online'))
      for (const episode of episodes.all()) void episode.hostRestored()
    },
    schedule,
    ...(options.reconnectMs !== undefined ? { retryMs: options.reconnectMs } : {}),
  })
  const failures = createFailureReporter(dispatch, () => connection.lost())
  /** Brings the store up to date with the cell being typed in, before anything reads or changes it. */
  const flushTyping = () => activeText?.flush()
  const episodes = createOpenEpisodes({
    host: bridge,
    store,
    failures,
    schedule,
    whenIdle: view.whenIdle,
    flushTyping,
    openPath: (path) => doOpenPath(path),
    onSaved: () => void refreshWorkspace(),
  })
  const active = () => episodes.active()
  // Where listening to each episode stands, kept by the host for later runs.
  const now = options.now ?? (() => performance.now())
  const places = keepPlayerPlaces(store, { save: (handle, place) => bridge.setPlayerPlace(handle, place), schedule, now, failures })
  // A playing recording is kept only every few seconds: leaving the page keeps where it is now.
  const stopKeepingOnLeave = view.onLeave(() => places.flush())

  const dirty = () => dirtySessions(get()).length > 0

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

  const doOpenPath = async (path: string) => {
    try {
      const workspace = await bridge.openPath(path)
      // What was open is closed (the user was asked about unsaved changes first).
      episodes.dropAll()
      dispatch((state) => ({ ...state, workspace, openError: null }))
      await Promise.all([refreshRecent(), refreshSiteContext()])
      void searchPart.loadGlossary()
      if (workspace.opened) await episodes.load(workspace.opened)
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
      void searchPart.loadGlossary()
      void refreshSiteContext()
      if (workspace.opened) await episodes.load(workspace.opened)
    } catch (error) {
      dispatch((state) => ({ ...state, openError: errorText(error) }))
    }
  }

  const saveSettings = async (settings: AppSettings): Promise<boolean> => {
    dispatch(applySettings(settings))
    try {
      await bridge.saveSettings(settings)
      return true
    } catch (error) {
      dispatch(notify(`The settings apply now but could not be saved for next time: ${errorText(error)}`, 'error'))
      return false
    }
  }

  const loadSettings = async () => {
    try {
      dispatch(applySettings(await bridge.getSettings()))
    } catch (error) {
      failures.report('The settings could not be read; the defaults apply', error)
    }
  }

  const searchPart = createWorkspaceSearchController({
    bridge,
    get,
    dispatch,
    openFile: (handle) => episodes.load(handle),
    editEpisodes: episodes.editEpisodes,
    now: () => Date.now(),
  })

  const run = (action: ActionId): boolean => {
    flushTyping()
    return runAction(action, {
      state: get(),
      dispatch,
      save: () => void episodes.save(),
      saveAll: () => void episodes.saveAll(),
      reload: () => void active()?.reloadFromDisk(),
      close: () => void episodes.closeTab(),
      readChapterList: chapterLists.read,
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
      void episodes.get(event.handle)?.fileChanged()
    } else if (event.type === 'workspace-changed') {
      // The people, the glossary or a chapter list may be what changed: the checks read them again.
      void refreshWorkspace().then(() => {
        void refreshSiteContext()
        void searchPart.loadGlossary()
        void chapterLists.refresh()
        if (event.opened) void episodes.load(event.opened)
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

  // The section copies are checked against the active episode's own chapter list, read whenever another episode becomes active.
  const chapterLists = linkChapterLists(store, bridge)
  const stopWatching = watchStore(store, {
    schedule,
    documentChanged: () => active()?.documentChanged(),
    dirtyChanged: (unsaved) => {
      bridge.setDirty?.(unsaved).catch((error: unknown) => failures.report('The app could not be told about unsaved changes', error))
    },
  })
  let stopGuard: () => void = () => {}
  let unsubscribeHost: (() => void) | null = null

  return {
    store,
    nativeDialogs: options.nativeDialogs ?? false,
    readChapterList: chapterLists.read,
    writeChapterList: chapterLists.write,
    saveSettings,
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
      // The text being typed counts: the cell hands it over only after painting.
      stopGuard = view.guardUnload(() => {
        flushTyping()
        return dirty()
      })
      let workspace: Workspace | null = null
      try {
        workspace = await bridge.getWorkspace()
      } catch (error) {
        failures.report('The open folder could not be read', error)
      }
      await Promise.all([refreshRecent(), loadSettings(), workspace && hasContent(workspace) ? refreshSiteContext() : null])
      dispatch((state) => ({ ...state, phase: 'ready', workspace: workspace && hasContent(workspace) ? workspace : null }))
      if (workspace && hasContent(workspace)) void searchPart.loadGlossary()
      if (workspace?.opened) await episodes.load(workspace.opened)
    },
    openPath: (path) => episodes.requestLeave({ kind: 'open-path', path }),
    openFolderDialog: () => fromDialog(() => bridge.openFolderDialog()),
    openFileDialog: () => fromDialog(() => bridge.openFileDialog()),
    openFile: async (handle) => {
      flushTyping()
      await episodes.load(handle)
    },
    closeTab: episodes.closeTab,
    save: episodes.save,
    saveAll: episodes.saveAll,
    saveEpisodes: episodes.saveEpisodes,
    editEpisodes: episodes.editEpisodes,
    ...searchPart,
    resolveLeave: episodes.resolveLeave,
    revert: episodes.revert,
    reloadFromDisk: async () => active()?.reloadFromDisk(),
    keepMine: async () => {
      flushTyping()
      return active()?.keepMine()
    },
    mergeWithDisk: (diskText, diskHash) => {
      flushTyping()
      active()?.mergeWithDisk(diskText, diskHash)
    },
    applyMerge(choices) {
      const dialog = get().dialog
      if (dialog?.kind === 'merge') active()?.applyMerge(dialog, choices)
    },
    keepMineAfterChange: () => active()?.keepMineAfterChange(),
    restoreDraft: () => active()?.restoreDraft(),
    cancelRestoreDraft: () => active()?.cancelRestoreDraft(),
    discardDraft: () => active()?.discardDraft(),
    setActiveTextEditor(editor) {
      activeText = editor
    },
    async flushDrafts() {
      flushTyping()
      await Promise.all([...episodes.all()].map((episode) => episode.flushDraft()))
    },
    dispose() {
      unsubscribeHost?.()
      stopWatching()
      stopGuard()
      connection.dispose()
      stopKeepingOnLeave()
      places.flush()
      places.stop()
      episodes.dispose()
      stopFollowingEpisode()
      chapterLists.stop()
    },
  }
}

function hasContent(workspace: Workspace): boolean {
  return workspace.root !== null || workspace.files.length > 0
}
