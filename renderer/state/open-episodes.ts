import type { FileHandle, HostApi } from '../../shared/api/contract'
import type { AppState, LeaveIntent } from './app-state'
import { notify, setDialog, type AppCommand } from './commands'
import { editEpisode, type EditEpisodesResult, type EpisodeEdit } from './edit-episodes'
import { createEpisodeSession, loadSession, type EpisodeSession } from './episode-session'
import type { FailureReporter } from './failures'
import type { Scheduler } from './scheduler'
import { dirtyOf } from './selectors'
import type { Store } from './store'
import { activateTab, addTab, closeAllTabs, closeTab, dirtySessions, parkActiveTab, sessionOf, tabSlot, updateSession } from './tabs'

/** What the open episodes need from the controller, passed explicitly. */
export interface OpenEpisodesDeps {
  /** The host calls an open episode makes (read, save, drafts). */
  readonly host: Pick<HostApi, 'readFile' | 'saveFile' | 'writeDraft' | 'discardDraft'>
  readonly store: Store<AppState>
  readonly failures: FailureReporter
  readonly schedule?: Scheduler
  /** Runs work when the page is idle (drafts are serialized there). */
  readonly whenIdle?: (run: () => void) => void
  /** Brings the store up to date with the cell being typed in, before anything reads or changes it. */
  flushTyping(): void
  /** Opens another folder or file by path (what an 'open-path' leave intent goes on to do); every tab is closed by then. */
  openPath(path: string): Promise<void>
  /** An episode was written to disk (the list is refreshed). */
  readonly onSaved?: () => void
}

/**
 * The episodes open in tabs: the session object of each (by handle), loading, background tabs,
 * closing (asking first about unsaved changes), saving one, several or all, edits across
 * episodes, and reverting. The tabs' state itself lives in the store (`tabs.ts`).
 */
export interface OpenEpisodes {
  /** The active episode's session object (null with none open). */
  active(): EpisodeSession | null
  /** The session object of an open episode. */
  get(handle: FileHandle): EpisodeSession | null
  /** Every open episode's session object. */
  all(): Iterable<EpisodeSession>
  /** Shows `handle` in a tab: its own when it is open, else a new one; or shows why it cannot be opened. */
  load(handle: FileHandle): Promise<void>
  /** Opens `handle` as a background tab if it is not open; the reason when it cannot be, else null. */
  openInBackground(handle: FileHandle): Promise<string | null>
  /** Closes every tab without asking (the user was asked first) and disposes of their sessions. */
  dropAll(): void
  /** Closes the tab of `handle` (the active one by default), asking first when it has unsaved changes. */
  closeTab(handle?: FileHandle): Promise<void>
  /** Asks about the unsaved episodes `intent` would close, or goes ahead when there are none. */
  requestLeave(intent: LeaveIntent): Promise<void>
  /** Answers the unsaved-changes question (or the review of the changes it asked about). */
  resolveLeave(choice: 'save' | 'discard' | 'cancel'): Promise<void>
  /** Saves the active episode, with its dialogs; true when the file on disk now holds it. */
  save(options?: { overwrite?: boolean }): Promise<boolean>
  /** Saves `handles` (the active one with its dialogs, the others quietly); failures are reported by name. True when all were saved. */
  saveEpisodes(handles: readonly FileHandle[]): Promise<boolean>
  /** Saves every open episode with unsaved changes; true when all were saved. */
  saveAll(): Promise<boolean>
  /** Applies `edit` to each episode as one undo step there, opening those not open as background tabs; nothing is written. */
  editEpisodes(handles: readonly FileHandle[], edit: EpisodeEdit, label: string): Promise<EditEpisodesResult>
  /** Discards the active episode's unsaved changes and reloads it from disk. */
  revert(): Promise<void>
  /** Disposes of every session (their timers); the tabs stay in the store. */
  dispose(): void
}

/** Creates the open episodes over a store and a host. */
export function createOpenEpisodes(deps: OpenEpisodesDeps): OpenEpisodes {
  const { host, store, failures, flushTyping } = deps
  const dispatch = (command: AppCommand) => store.dispatch(command)
  const get = () => store.getState()
  /** The session object of every open episode, by handle. */
  const episodes = new Map<FileHandle, EpisodeSession>()

  const active = (): EpisodeSession | null => {
    const handle = get().session?.handle
    return handle === undefined ? null : (episodes.get(handle) ?? null)
  }

  /** Starts the session object of a session just put in the store. */
  const track = (handle: FileHandle): EpisodeSession => {
    const slot = tabSlot(store, handle)
    const episode = createEpisodeSession(handle, { host, slot, dispatch, failures, schedule: deps.schedule, whenIdle: deps.whenIdle, onSaved: deps.onSaved })
    episodes.set(handle, episode)
    return episode
  }

  const load = async (handle: FileHandle) => {
    if (dispatch(activateTab(handle))) return
    dispatch((state) => ({ ...state, opening: handle, openError: null }))
    const result = await loadSession(host, handle)
    if (dispatch(activateTab(handle))) {
      // Opened meanwhile (a double click, or a replace across episodes): that tab has the edits.
      dispatch((state) => ({ ...state, opening: null }))
      return
    }
    if (!result.ok && result.unreadable && get().session !== null) {
      // A read failure while an episode is shown keeps it and says so.
      dispatch((state) => ({ ...state, opening: null }))
      dispatch(notify(result.message, 'error'))
      return
    }
    if (!result.ok) {
      dispatch(parkActiveTab)
      dispatch((state) => ({ ...state, opening: null, openError: result.message }))
      return
    }
    dispatch(addTab(result.session))
    dispatch((state) => ({ ...state, opening: null, dialog: null }))
    track(handle)
  }

  const openInBackground = async (handle: FileHandle): Promise<string | null> => {
    if (sessionOf(get(), handle)) return null
    const result = await loadSession(host, handle)
    if (!result.ok) return result.message
    if (dispatch(addTab(result.session, true))) track(handle)
    return null
  }

  /** Closes the tab of `handle` and disposes of its session (its draft timer). */
  const dropTab = (handle: FileHandle) => {
    episodes.get(handle)?.dispose()
    episodes.delete(handle)
    dispatch(closeTab(handle))
  }

  const dropAll = () => {
    for (const episode of episodes.values()) episode.dispose()
    episodes.clear()
    dispatch(closeAllTabs)
  }

  const leave = async (intent: LeaveIntent) => {
    if (intent.kind === 'close-tab') dropTab(intent.handle)
    else await deps.openPath(intent.path)
  }

  const requestLeave = async (intent: LeaveIntent) => {
    const state = get()
    const closing = intent.kind === 'close-tab' ? [sessionOf(state, intent.handle)].filter((s) => s !== null) : dirtySessions(state)
    const unsaved = closing.filter((s) => dirtyOf(s.editor)).map((s) => s.handle)
    if (unsaved.length > 0) dispatch(setDialog({ kind: 'leave', next: intent, episodes: unsaved }))
    else await leave(intent)
  }

  const saveEpisodes = async (handles: readonly FileHandle[]): Promise<boolean> => {
    flushTyping()
    const activeHandle = get().session?.handle
    const failed: string[] = []
    let saved = 0
    for (const handle of handles) {
      const episode = episodes.get(handle)
      const session = sessionOf(get(), handle)
      if (!episode || !session) continue
      const name = episodeName(session.path)
      if (handle === activeHandle) {
        if (await episode.save()) saved++
        else failed.push(`${name} (see the message about it)`)
      } else {
        const reason = await episode.saveInBackground()
        if (reason === null) saved++
        else failed.push(`${name}: ${reason}`)
      }
    }
    if (failed.length > 0) failures.report(`${failed.length === 1 ? 'One episode was' : `${failed.length} episodes were`} not saved`, new Error(failed.join('; ')))
    else if (handles.length > 1) dispatch(notify(`Saved ${saved} episodes`))
    return failed.length === 0
  }

  const editEpisodes = async (handles: readonly FileHandle[], edit: EpisodeEdit, label: string): Promise<EditEpisodesResult> => {
    flushTyping()
    const changed: FileHandle[] = []
    const failed: { handle: FileHandle; message: string }[] = []
    for (const handle of handles) {
      const reason = await openInBackground(handle)
      if (reason !== null) {
        failed.push({ handle, message: reason })
        continue
      }
      const outcome = applyEdit(handle, edit, label)
      if (outcome === true) changed.push(handle)
      else if (outcome !== false) failed.push({ handle, message: outcome })
    }
    return { changed, failed }
  }

  /** Applies `edit` to one open episode as one undo step: true when it changed, the refusal, or false (no change). */
  const applyEdit = (handle: FileHandle, edit: EpisodeEdit, label: string): boolean | string => {
    let message: string | null = null
    const done = dispatch(
      updateSession(handle, (s) => {
        const outcome = editEpisode(s, edit, label)
        if (typeof outcome === 'string') message = outcome
        return typeof outcome === 'string' ? null : outcome
      }),
    )
    if (done) episodes.get(handle)?.documentChanged()
    return done ? true : (message ?? false)
  }

  return {
    active,
    get: (handle) => episodes.get(handle) ?? null,
    all: () => episodes.values(),
    load,
    openInBackground,
    dropAll,
    requestLeave,
    async closeTab(handle) {
      flushTyping()
      const target = handle ?? get().session?.handle
      if (target !== undefined) await requestLeave({ kind: 'close-tab', handle: target })
    },
    async resolveLeave(choice) {
      const dialog = get().dialog
      // The question, or the review of the changes it was asked about.
      const asked = dialog?.kind === 'leave' ? dialog : dialog?.kind === 'review' && dialog.leave ? { next: dialog.leave, episodes: dialog.episodes } : null
      if (!asked) return
      flushTyping()
      dispatch(setDialog(null))
      if (choice === 'cancel') return
      if (choice === 'save' && !(await saveEpisodes(asked.episodes))) return
      if (choice === 'discard') for (const handle of asked.episodes) episodes.get(handle)?.abandon()
      await leave(asked.next)
    },
    async save(options = {}) {
      flushTyping()
      return active()?.save(options) ?? false
    },
    saveEpisodes,
    async saveAll() {
      flushTyping()
      const handles = dirtySessions(get()).map((s) => s.handle)
      if (handles.length === 0) {
        dispatch(notify('No changes to save'))
        return true
      }
      return saveEpisodes(handles)
    },
    editEpisodes,
    async revert() {
      flushTyping()
      dispatch(setDialog(null))
      await active()?.reloadFromDisk()
      dispatch(notify('Reverted to the file on disk'))
    },
    dispose() {
      for (const episode of episodes.values()) episode.dispose()
      episodes.clear()
    },
  }
}

/** The file name of an episode's path, as tabs and messages name it. */
function episodeName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}
