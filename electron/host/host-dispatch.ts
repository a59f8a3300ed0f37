import type { HostApi, Workspace } from '../../shared/api/contract'
import { InvalidHostArgumentsError, isHostMethod, validateHostArgs } from '../../shared/api/validate'
import { HostError, type HostErrorCode } from './errors'
import type { HostServices } from './host-services'
import { pickMediaFor } from './media-pick'

/** The native pickers the Electron layer supplies; browser mode has none. Each returns a path or null. */
export interface HostDialogs {
  pickFile(): Promise<string | null>
  pickFolder(): Promise<string | null>
  /** Picks an audio or video file for an episode. */
  pickMedia?(): Promise<string | null>
}

/** What a host call produced, as both transports carry it: a value or a showable error. */
export type HostCallOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: { readonly code: HostErrorCode; readonly message: string } }

/**
 * The full contract over host services. Without dialogs (browser mode) the dialog methods
 * return null and `openPath` takes any typed path (the start screen's path field). With
 * dialogs (Electron) the UI picks new files through them, so `openPath` only reopens items of
 * the recent list: the page cannot name arbitrary paths.
 */
export function bindHostApi(services: HostServices, dialogs?: HostDialogs): Required<HostApi> {
  const openPicked = async (pick: (() => Promise<string | null>) | undefined): Promise<Workspace | null> => {
    const path = pick ? await pick() : null
    return path === null ? null : services.openPath(path)
  }
  const openRecentOnly = async (path: string): Promise<Workspace> => {
    const recent = await services.listRecent()
    if (!recent.some((item) => item.path === path)) {
      throw new HostError('refused', 'Open new files and folders with File › Open File… or Open Folder….')
    }
    return services.openPath(path)
  }
  return {
    openFileDialog: () => openPicked(dialogs?.pickFile),
    openFolderDialog: () => openPicked(dialogs?.pickFolder),
    openPath: dialogs ? openRecentOnly : (path) => services.openPath(path),
    getWorkspace: () => services.getWorkspace(),
    readFile: (handle) => services.readFile(handle),
    saveFile: (request) => services.saveFile(request),
    writeDraft: (handle, text, base) => services.writeDraft(handle, text, base),
    discardDraft: (handle) => services.discardDraft(handle),
    listRecent: () => services.listRecent(),
    setDirty: (unsaved) => services.setDirty(unsaved),
    getEpisodeMedia: (handle) => services.getEpisodeMedia(handle),
    pickMediaForEpisode: (handle) => pickMediaFor(services, handle, dialogs?.pickMedia),
    forgetEpisodeMedia: (handle) => services.forgetEpisodeMedia(handle),
    getPlayerPlace: (handle) => services.getPlayerPlace(handle),
    setPlayerPlace: (handle, place) => services.setPlayerPlace(handle, place),
    readChapterList: (handle) => services.readChapterList(handle),
    searchWorkspace: (query) => services.searchWorkspace(query),
    readGlossary: () => services.readGlossary(),
    addGlossaryTerm: (term, misspelling) => services.addGlossaryTerm(term, misspelling),
    getSettings: () => services.getSettings(),
    saveSettings: (settings) => services.saveSettings(settings),
    writeChapterList: (handle, text) => services.writeChapterList(handle, text),
    getSiteContext: () => services.getSiteContext(),
  }
}

/**
 * Runs one call from the UI: the method must be in the contract's channel table and its
 * arguments must pass `validateHostArgs`; only then is the implementation called. Never throws.
 */
export async function dispatchHostCall(api: Required<HostApi>, method: string, args: unknown): Promise<HostCallOutcome> {
  return runHostCall(method, args, (...valid) => (api[method as keyof HostApi] as (...values: unknown[]) => Promise<unknown>)(...valid))
}

/**
 * Runs `implementation` for a call of `method` once its arguments pass `validateHostArgs`, as
 * `dispatchHostCall` runs the contract's: for a transport that answers a method its own way
 * (browser mode's `readFile`). Never throws.
 */
export async function runHostCall(method: string, args: unknown, implementation: (...valid: unknown[]) => Promise<unknown>): Promise<HostCallOutcome> {
  try {
    if (!isHostMethod(method)) throw new HostError('not-found', `There is no host method "${method}".`)
    const valid = validateHostArgs(method, args)
    const value = await implementation(...(valid as unknown[]))
    return { ok: true, value: value ?? null }
  } catch (error) {
    return { ok: false, error: describeError(error) }
  }
}

function describeError(error: unknown): { code: HostErrorCode; message: string } {
  if (error instanceof HostError) return { code: error.code, message: error.message }
  if (error instanceof InvalidHostArgumentsError) return { code: 'invalid-arguments', message: error.message }
  return { code: 'io', message: error instanceof Error ? error.message : String(error) }
}
