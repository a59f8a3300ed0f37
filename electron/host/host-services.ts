import { readFile as readBytes, realpath, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import type {
  EpisodeListing,
  EpisodeMedia,
  FileHandle,
  HostApi,
  HostEvent,
  OpenedFile,
  SaveRequest,
  SaveResult,
  SiteContext,
  Workspace,
  WorkspaceFile,
} from '../../shared/api/contract'
import { ReadOnlyFileError, writeFileAtomic } from './atomic-write'
import { contentHash } from './content-hash'
import { createDraftStore, DamagedDraftError, type FoundDrafts } from './draft-store'
import { createKeyedQueue } from './keyed-queue'
import { checkSaveText, listEpisode, readListing } from './episode-check'
import { fsErrorCode, fsErrorText, HostError, refused } from './errors'
import { createFolderWatcher } from './folder-watcher'
import { HandleTable } from './handle-table'
import { createMediaLibrary } from './media-library'
import { createPlayerPlaces } from './player-places'
import { createRecentList } from './recent-list'
import { checkFileBytes, decodeFileText, encodeFileText } from './text-codec'
import { DEFAULT_SCAN_LIMITS, scanWorkspace, type WorkspaceScan } from './workspace-scan'
import { NotRegularFileError, readRegularFile } from './read-regular-file'
import { createGitStatusCache, type GitFileState } from './git-status'
import { episodeChapterList, writeEpisodeChapterList } from './episode-chapter-list'
import { createSettingsStore } from './settings-store'
import { cleanStaleTempFiles } from './stale-temp-files'
import { parsedForPage } from './parsed-for-page'
import { mapLimited } from './map-limited'
import { addGlossaryTerm, readGlossaryFile } from './glossary-file'
import { createWorkspaceSearch, type SearchableFile } from './workspace-search'
import { createPeopleCache, findSiteCheckout } from './site-context'
import type { SiteCheckout } from '../../shared/workspace/site-checkout'
import { hostOfListing } from '../../shared/workspace/speakers'
import type { Episode } from '../../shared/episode/index'
import { createProblemCounter } from './problem-counts'

/** The folders of a site checkout whose files the checks read: the people, the chapter lists, and `_data/` (the glossary). */
const KNOWLEDGE_FOLDERS = ['_people', 'podcast-timestamps', '_data'] as const

/** Options of `createHostServices`. */
export interface HostServicesOptions {
  /** Folder for drafts and the recent list (Electron: userData; browser mode: ~/.transcript-editor or --data-dir). */
  readonly dataDir: string
  /** Quiet time before a burst of file-system events is reported (default 150 ms). */
  readonly watchDebounceMs?: number
  /** Bounds of the workspace listing (defaults: depth 6, 2000 files). */
  readonly maxDepth?: number
  readonly maxFiles?: number
  /** The URL a media token is played from (default `/media/<token>`, browser mode's). */
  readonly mediaUrl?: (token: string) => string
  /** Clock, for tests. */
  readonly now?: () => number
  /** Test hooks; never set in the app. */
  readonly hooks?: {
    /** Runs when a save's temp file is complete, just before it is renamed over the original. */
    readonly beforeRename?: (tempPath: string, targetPath: string) => Promise<void> | void
    /** Runs each time the workspace folder is scanned (read) again. */
    readonly onScan?: () => void
    /** Runs each time the episodes are listed (each file's summary looked up, cached or not). */
    readonly onList?: () => void
    /** Runs each time git is run (its arguments). */
    readonly onGit?: (args: readonly string[]) => void
  }
}

/**
 * The host side of the contract in plain Node (no Electron): everything but the native dialogs,
 * plus the event stream and the UI's dirty flag. The Electron main process and the browser-mode
 * server both serve the UI from one of these.
 */
export interface HostServices extends Omit<Required<HostApi>, 'openFileDialog' | 'openFolderDialog' | 'pickMediaForEpisode'> {
  /** `readFile` with the file's bytes as read (checked to be UTF-8 text) beside its text: for an answer that carries the bytes as they are, not encoded again. */
  readFileBytes(handle: FileHandle): Promise<OpenedFileBytes>
  /** Remembers a media file (picked by dialog or named on the command line) for an episode. */
  setEpisodeMedia(handle: FileHandle, path: string): Promise<EpisodeMedia>
  /** The file a media token was issued for; refuses any other token. */
  mediaFileOf(token: string): string
  /** Subscribes to host events; returns the unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void
  /** Sends an event to every listener (the Electron menu uses this). */
  emitEvent(event: HostEvent): void
  /** Whether the UI last said it has unsaved changes. */
  isDirty(): boolean
  /** The file names of the episodes the UI last said have unsaved changes (those the host knows). */
  unsavedNames(): string[]
  /** Stops watching; pending drafts and saves still complete. */
  close(): Promise<void>
}

/** An opened file's fields but its text, its bytes (UTF-8, as on disk) and its text decoded from them. */
export interface OpenedFileBytes {
  readonly file: Omit<OpenedFile, 'text'>
  readonly bytes: Buffer
  readonly text: string
}

interface CachedListing {
  readonly key: string
  readonly listing: EpisodeListing | null
  /** The parsed episode, kept to count its problems again when the settings, people or glossary change. */
  readonly doc: Episode | null
}

/** An episode of the listing, before handles and git's state are added. */
interface ListedFile {
  readonly path: string
  readonly relPath: string
  readonly listing: EpisodeListing
  readonly doc: Episode | null
  /** Under the opened folder (git's state is shown only for those). */
  readonly inRoot: boolean
}

class SaveConflict extends Error {}

/** Creates the host services over a data folder. Nothing is open until `openPath`. */
export function createHostServices(options: HostServicesOptions): HostServices {
  const now = options.now ?? Date.now
  const debounceMs = options.watchDebounceMs ?? 150
  const limits = { maxDepth: options.maxDepth ?? DEFAULT_SCAN_LIMITS.maxDepth, maxFiles: options.maxFiles ?? DEFAULT_SCAN_LIMITS.maxFiles }
  const drafts = createDraftStore(options.dataDir, now)
  const recent = createRecentList(options.dataDir, now)
  const settings = createSettingsStore(options.dataDir)
  const handles = new HandleTable()
  const media = createMediaLibrary({
    dataDir: options.dataDir,
    episodePath: (handle) => pathOf(handle, true),
    mediaUrl: options.mediaUrl ?? ((token) => `/media/${token}`),
  })
  const places = createPlayerPlaces({ dataDir: options.dataDir, episodePath: (handle) => pathOf(handle, true), now })
  const listeners = new Set<(event: HostEvent) => void>()
  const search = createWorkspaceSearch()

  let root: string | null = null
  /** The site checkout the root belongs to (the root itself, or the root is its `_podcast/`), or null. */
  let checkout: SiteCheckout | null = null
  const sitePeople = createPeopleCache()
  /** The last scan of the root folder, reused until the watcher reports a change in its folders. */
  let scan: WorkspaceScan | null = null
  /** Files whose cached listing is current: nothing was reported for them since it was made. */
  const verified = new Set<string>()
  let rootFolders: readonly string[] = []
  let rootFiles = new Set<string>()
  let looseFiles: string[] = []
  let unsaved: FileHandle[] = []
  let closed = false
  const listingCache = new Map<string, CachedListing>()
  /** `git status` of the root, run again only after a change (a watch event, our own save, git's own records). */
  const gitStatus = createGitStatusCache({
    onRun: options.hooks?.onGit,
    // A commit, `git add`, a checkout or a reset elsewhere changes the list's git marks, not the episodes.
    onRecordsChange: () => announceWorkspaceChange(),
    debounceMs,
  })
  /** The last listing of the episodes, current while `listingGeneration` is what it was made at. */
  let lastListing: { readonly generation: number; readonly files: readonly ListedFile[] } | null = null
  let listingGeneration = 0
  /** The listing being made, for the generation it was started at. */
  let pendingListing: { readonly generation: number; readonly files: Promise<readonly ListedFile[]> } | null = null
  /** Something the listing shows may have changed: list (and ask git) again next time. */
  const listingChanged = () => {
    listingGeneration++
    gitStatus.invalidate()
  }
  /** Hash of each file as the UI last received or saved it; a different hash on disk is someone else's change. */
  const known = new Map<string, string | null>()
  /** Hash of our own last write of each file, so its watch events are not reported as changes. */
  const ownWrites = new Map<string, string>()
  const saveQueue = createKeyedQueue()
  let workspaceTimer: NodeJS.Timeout | undefined

  const emitEvent = (event: HostEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event)
      } catch {
        // One failing listener must not starve the others.
      }
    }
  }

  const announceWorkspaceChange = () => {
    clearTimeout(workspaceTimer)
    workspaceTimer = setTimeout(() => emitEvent({ type: 'workspace-changed' }), debounceMs)
    workspaceTimer.unref?.()
  }

  const diskHash = async (path: string): Promise<string | null> => {
    try {
      return contentHash(await readBytes(path))
    } catch {
      return null
    }
  }

  const onPathChange = async (path: string) => {
    if (closed) return
    if (knowledgeFolders.includes(path)) {
      // A knowledge folder made or removed in the checkout's root (the first glossary makes `_data/`): watched from the next listing.
      listingChanged()
      knowledgeChanged(path)
      return
    }
    // Only the knowledge folders are of interest in the checkout's root when it is watched for them alone.
    if (dirname(path) === siteRoot && !rootFolders.includes(path) && !rootFolders.includes(siteRoot) && !known.has(path) && !looseFiles.includes(path)) return
    listingChanged()
    if (knowledgeFolders.includes(dirname(path))) knowledgeChanged(dirname(path))
    verified.delete(path)
    search.invalidate(path)
    // Someone else added, removed or rewrote an entry of a scanned folder (an episode, a subfolder):
    // scan again next time. Hidden names (our temp files among them) are never listed.
    const inScannedFolder = root !== null && rootFolders.includes(dirname(path)) && !basename(path).startsWith('.')
    if (!/\.md$/i.test(path)) {
      if (inScannedFolder) scan = null
      return
    }
    const listed = (root !== null && rootFolders.includes(dirname(path))) || looseFiles.includes(path)
    if (!listed && !known.has(path)) return
    // Only an open file's hash or our own write's is compared; other files are not read here.
    const hash = known.has(path) || ownWrites.has(path) ? await diskHash(path) : null
    if (closed) return
    // Gone: what comes back later (a move back, a checkout) is someone else's write, even with our text.
    if (hash === null) ownWrites.delete(path)
    const ours = hash !== null && hash === ownWrites.get(path)
    if (inScannedFolder && !ours) scan = null
    if (known.has(path) && known.get(path) !== hash) {
      known.set(path, hash)
      const handle = handles.handleOf(path)
      if (handle && !ours) emitEvent({ type: 'file-changed', handle })
    }
    if (listed && !ours && listingCache.get(path)?.key !== (await statKey(path))) announceWorkspaceChange()
  }

  const watcher = createFolderWatcher({
    debounceMs,
    onChange: (path) => void onPathChange(path),
    onFolderChange: (folder) => {
      listingChanged()
      if (knowledgeFolders.includes(folder)) knowledgeChanged(folder)
      if (rootFolders.includes(folder)) scan = null
      search.invalidateFolder(folder)
      for (const path of verified) if (dirname(path) === folder) verified.delete(path)
      for (const path of known.keys()) if (dirname(path) === folder) void onPathChange(path)
      if (rootFolders.includes(folder)) announceWorkspaceChange()
    },
  })

  /**
   * The folders whose files the checks depend on beside the episodes: the site's `_people/`,
   * `podcast-timestamps/` and `_data/` (the glossary). On a change there the UI reads the people,
   * the glossary and the open episode's chapter list again, so its header follows the list.
   */
  let knowledgeFolders: readonly string[] = []
  /** The root of the site checkout the knowledge folders are in (watched for their creation), or null. */
  let siteRoot: string | null = null

  /** Someone changed a file in a knowledge folder: forget what was read from it, count and list again. */
  const knowledgeChanged = (folder: string) => {
    if (basename(folder) === '_people') sitePeople.forget()
    announceWorkspaceChange()
  }

  const updateWatches = () => {
    const folders = new Set([...rootFolders, ...knowledgeFolders])
    if (siteRoot !== null) folders.add(siteRoot)
    for (const path of looseFiles) folders.add(dirname(path))
    for (const path of known.keys()) folders.add(dirname(path))
    watcher.setFolders(folders)
  }

  /** The site checkout of what is open: the root's, or for single files opened from a checkout's `_podcast/`, theirs. */
  const siteOfWorkspace = async (): Promise<SiteCheckout | null> =>
    checkout ?? (root === null && looseFiles.length > 0 ? await findSiteCheckout(dirname(looseFiles[0]!)) : null)

  /** Counts the listed episodes' problems with what the editor lints them with. */
  const countProblems = createProblemCounter({
    settings: () => settings.get(),
    people: async () => {
      const site = await siteOfWorkspace()
      return site === null ? [] : sitePeople.read(site)
    },
    glossary: () => readGlossaryFile(root),
  })

  /**
   * Something the counts depend on beside the episodes changed (settings, glossary, chapter lists,
   * people): list again, and say so. No episode changed, so git's answer stands: asking git again
   * kept the list waiting for `git status` (up to its 3 s timeout on a large checkout) while the
   * header already showed the new count.
   */
  const countsChanged = () => {
    listingGeneration++
    announceWorkspaceChange()
  }

  /** The listing of one file, cached by (mtime, size, inode); null for a folder file that is not an episode. */
  const listFile = async (path: string, explicit: boolean): Promise<CachedListing> => {
    const trusted = listingCache.get(path)
    if (trusted && verified.has(path)) return trusted
    const key = await statKey(path)
    const cached = listingCache.get(path)
    if (cached && cached.key === key && key !== '') {
      verified.add(path)
      return cached
    }
    // The text is not kept: the cache holds every listed file.
    const { listing, doc } = await readListing(path, explicit)
    const listed: CachedListing = { key, listing, doc }
    listingCache.set(path, listed)
    if (key !== '') verified.add(path)
    return listed
  }

  const workspaceFile = (path: string, relPath: string, listing: EpisodeListing, git: GitFileState | undefined, draft: boolean): WorkspaceFile => ({
    handle: handles.issue(path),
    relPath,
    ...listing,
    ...(git ? { git } : {}),
    ...(draft ? { draft: true as const } : {}),
  })

  /**
   * Which of `paths` have a recovery draft that differs from the file, as `readFile` would offer
   * it (a draft equal to the file holds nothing). Looked up at every listing: drafts come and go
   * without a change on disk the listing would hear of. A draft that cannot be read leaves only its
   * own mark out, and `problem` says which, in plain words, for the page to show.
   */
  const pathsWithDrafts = async (files: readonly ListedFile[]): Promise<{ paths: Set<string>; problem?: string }> => {
    let found: FoundDrafts
    try {
      found = await drafts.find(files.map((file) => file.path))
    } catch (error) {
      return { paths: new Set(), problem: `The unsaved changes kept from last time could not be looked up, so none are marked in the list: ${fsErrorText(error)}` }
    }
    const differs = await Promise.all(
      // A file gone, unreadable or no longer UTF-8 text is not what the draft holds either.
      found.drafts.map(async (draft) => draft.text !== (await readBytes(draft.path).then(decodeFileText, () => null).catch(() => null))),
    )
    const paths = new Set(found.drafts.filter((_, i) => differs[i]).map((draft) => draft.path))
    if (found.unread.length === 0) return { paths }
    const relPaths = new Map(files.map((file) => [file.path, file.relPath]))
    const which = found.unread.map(({ path, error }) => `${relPaths.get(path) ?? path} (${draftErrorText(error)})`)
    return { paths, problem: `The unsaved changes kept from last time could not be read for ${which.join(', ')}; they are not marked in the list` }
  }

  /** Reads the root folder afresh (and removes temp files crashed saves left in it). */
  const scanRoot = async (folder: string): Promise<WorkspaceScan> => {
    options.hooks?.onScan?.()
    // At a checkout's root only `_podcast/` holds episodes (not `_people/*.md`, pages or posts).
    const only = checkout !== null && checkout.root === folder ? checkout.podcast : undefined
    const fresh = await scanWorkspace(folder, limits, only)
    for (const scanned of fresh.folders) await cleanStaleTempFiles(scanned)
    if (root === folder) {
      scan = fresh
      rootFolders = fresh.folders
      rootFiles = new Set(fresh.files.map((file) => file.path))
      verified.clear()
    }
    return fresh
  }

  /** Lists the episodes afresh: the root folder's (scanned again only after a change in its folders), then the loose files. */
  const listEpisodes = async (): Promise<ListedFile[]> => {
    options.hooks?.onList?.()
    const files: ListedFile[] = []
    if (root !== null) {
      const current = scan ?? (await scanRoot(root))
      const listings = await mapLimited(current.files, 16, (file) => listFile(file.path, false))
      current.files.forEach((file, index) => {
        const { listing, doc } = listings[index]!
        if (listing) files.push({ path: file.path, relPath: file.relPath, listing, doc, inRoot: true })
      })
    }
    for (const path of looseFiles) {
      if (rootFiles.has(path)) continue
      const { listing, doc } = await listFile(path, true)
      files.push({ path, relPath: root === null ? basename(path) : path.split('\\').join('/'), listing: listing!, doc, inRoot: false })
    }
    // Each episode's problems, counted as its header counts them.
    const counts = await countProblems(files.map((f) => ({ path: f.path, doc: f.doc, speakers: f.listing.speakers })))
    return files.map((f, i) => (f.listing.problems === counts[i] ? f : { ...f, listing: { ...f.listing, problems: counts[i]! } }))
  }

  /** The listing, from the last one while nothing was reported since it was made (the site context asks right after the UI). */
  const currentListing = async (): Promise<readonly ListedFile[]> => {
    if (lastListing?.generation === listingGeneration) return lastListing.files
    // A listing under way since the last change serves this call too (the list and the site context ask at once).
    if (pendingListing?.generation === listingGeneration) return pendingListing.files
    const generation = listingGeneration
    const files = listEpisodes()
    pendingListing = { generation, files }
    try {
      const listed = await files
      if (generation === listingGeneration) lastListing = { generation, files: listed }
      return listed
    } finally {
      if (pendingListing?.files === files) pendingListing = null
    }
  }

  const getWorkspace = async (): Promise<Workspace> => {
    const [listed, git] = await Promise.all([currentListing(), root === null ? null : gitStatus.states(root)])
    const site = await siteOfWorkspace()
    // Named even when missing: the checkout's root is watched too, so a folder made later is seen.
    knowledgeFolders = site === null ? [] : KNOWLEDGE_FOLDERS.map((folder) => join(site.root, folder))
    siteRoot = site?.root ?? null
    const withDrafts = await pathsWithDrafts(listed)
    const files = listed.map((file) =>
      workspaceFile(file.path, file.relPath, file.listing, file.inRoot ? git?.get(file.path) : undefined, withDrafts.paths.has(file.path)),
    )
    updateWatches()
    return { root, files, ...(withDrafts.problem ? { problem: withDrafts.problem } : {}) }
  }

  const openPath = async (input: string): Promise<Workspace> => {
    const expanded = input.trim().replace(/^~(?=$|[\\/])/, homedir())
    if (!isAbsolute(expanded)) {
      throw new HostError('invalid-arguments', `Please give a full path (like /home/me/site/_podcast), not "${input}".`)
    }
    let real: string
    let isFolder: boolean
    try {
      real = await realpath(resolve(expanded))
      const info = await stat(real)
      if (!info.isDirectory() && !info.isFile()) throw refused('Only folders and .md files can be opened.')
      isFolder = info.isDirectory()
    } catch (error) {
      if (error instanceof HostError) throw error
      const code = fsErrorCode(error)
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new HostError('not-found', `There is no file or folder at ${expanded}.`)
      throw new HostError('io', `${expanded} cannot be opened: ${fsErrorText(error)}`)
    }
    listingChanged()
    if (isFolder) {
      checkout = await findSiteCheckout(real)
      root = real
      scan = null
      looseFiles = []
      rootFiles = new Set()
      rootFolders = []
      await recent.add('folder', real).catch(reportRecentFailure)
      search.clear()
      const workspace = await getWorkspace()
      // Index the episodes in the background, so the first search does not wait for them.
      search.warm(searchableFiles(workspace)).catch((error: unknown) => console.error(`The episodes could not be indexed for search: ${fsErrorText(error)}`))
      return workspace
    }
    if (!/\.md$/i.test(real)) throw refused('Only Markdown episode files (.md) can be opened.')
    if (!looseFiles.includes(real)) looseFiles.push(real)
    await recent.add('file', real).catch(reportRecentFailure)
    const workspace = await getWorkspace()
    return { ...workspace, opened: handles.issue(real) }
  }

  /** A file-system error on `path` as the host reports it. */
  const fsFailure = (path: string, error: unknown) =>
    new HostError(fsErrorCode(error) === 'ENOENT' ? 'not-found' : 'io', `${path}: ${fsErrorText(error)}`)

  /** The path of an issued handle, checked to still be the same real file (no link swapped in since). */
  const pathOf = async (handle: FileHandle, mustExist: boolean): Promise<string> => {
    const path = handles.resolve(handle)
    try {
      if ((await realpath(path)) !== path) throw refused('The file was replaced by a link; it is not opened again.')
    } catch (error) {
      if (error instanceof HostError) throw error
      if (fsErrorCode(error) !== 'ENOENT' || mustExist) {
        throw fsFailure(path, error)
      }
      if ((await realpath(dirname(path)).catch(() => null)) !== dirname(path)) {
        throw refused('The folder of this file was moved or replaced.')
      }
    }
    return path
  }

  const readFileBytes = async (handle: FileHandle): Promise<OpenedFileBytes> => {
    const path = await pathOf(handle, true)
    let bytes: Buffer
    try {
      bytes = await readRegularFile(path)
    } catch (error) {
      if (error instanceof NotRegularFileError) throw refused(error.message)
      throw fsFailure(path, error)
    }
    await cleanStaleTempFiles(dirname(path), { forName: basename(path) })
    checkFileBytes(bytes)
    const hash = contentHash(bytes)
    known.set(path, hash)
    updateWatches()
    const text = decodeFileText(bytes)
    // Every draft that differs from the file is offered, whatever the times: a `touch` or a
    // `git pull` after a crash must not hide unsaved work. A draft equal to the file holds nothing.
    const draft = await drafts.read(path)
    const same = draft !== null && draft.text === text
    if (same) await drafts.discard(path)
    const offer = draft !== null && !same
    const parsed = parsedForPage(text, listingCache.get(path)?.doc ?? null)
    return { file: { handle, path, hash, ...(offer ? { draft: { text: draft.text, savedAt: draft.savedAt, ...(draft.base !== undefined ? { base: draft.base } : {}) } } : {}), ...(parsed ? { parsed } : {}) }, bytes, text }
  }

  const readFile = async (handle: FileHandle): Promise<OpenedFile> => {
    const { file, text } = await readFileBytes(handle)
    return { ...file, text }
  }

  const writeSave = async (path: string, request: SaveRequest, bytes: Buffer): Promise<SaveResult> => {
    const current = await readBytes(path).catch((error: unknown) => {
      if (fsErrorCode(error) === 'ENOENT') return null
      throw error
    })
    const currentHash = current ? contentHash(current) : null
    if (request.baseHash !== null && currentHash !== request.baseHash) {
      return conflict(current, currentHash)
    }
    const newHash = contentHash(bytes)
    if (currentHash !== newHash) {
      const previousOwn = ownWrites.get(path)
      ownWrites.set(path, newHash)
      try {
        await writeFileAtomic(path, bytes, {
          syncFolder: true,
          beforeRename: async (temp, target) => {
            await options.hooks?.beforeRename?.(temp, target)
            // Last look: someone may have written while our temp file was being synced.
            if (request.baseHash !== null && (await diskHash(path)) !== currentHash) throw new SaveConflict()
          },
        })
      } catch (error) {
        if (previousOwn === undefined) ownWrites.delete(path)
        else ownWrites.set(path, previousOwn)
        if (error instanceof SaveConflict) {
          const disk = await readBytes(path).catch(() => null)
          return conflict(disk, disk ? contentHash(disk) : null)
        }
        throw error
      }
    }
    known.set(path, newHash)
    ownWrites.set(path, newHash)
    // The workspace list learns the saved file's new summary from the text itself: no re-read, no re-scan.
    listingCache.set(path, { key: await statKey(path), ...listEpisode(request.text) })
    search.update(path, request.text)
    verified.add(path)
    listingChanged()
    if (!request.keepDraft) await drafts.discard(path)
    return { ok: true, hash: newHash }
  }

  const saveFile = async (request: SaveRequest): Promise<SaveResult> => {
    const path = await pathOf(request.handle, false)
    const bytes = encodeFileText(request.text)
    if (decodeFileText(bytes) !== request.text) {
      return { ok: false, reason: 'invalid', message: 'The text contains characters that cannot be written as UTF-8.' }
    }
    const problem = checkSaveText(request.text, request.expectedDigest)
    if (problem) return { ok: false, reason: 'invalid', message: problem }
    // One save of a file at a time, in order.
    try {
      return await saveQueue.run(path, () => writeSave(path, request, bytes))
    } catch (error) {
      if (error instanceof ReadOnlyFileError) return { ok: false, reason: 'io', message: error.message }
      return { ok: false, reason: 'io', message: `The file was not saved: ${fsErrorText(error)}` }
    }
  }

  /** The workspace's episode files (those that read as episodes) for the search index. */
  const searchableFiles = (workspace: Workspace): SearchableFile[] =>
    workspace.files
      .filter((f) => f.error === undefined)
      .map((f) => ({ handle: f.handle, path: handles.resolve(f.handle), relPath: f.relPath, ...(f.title !== undefined ? { title: f.title } : {}) }))

  const getSiteContext = async (): Promise<SiteContext> => {
    // The listing the UI just asked for, not a second one (nor a second git status).
    const workspace = await getWorkspace()
    const host = hostOfListing(workspace.files)
    const site = await siteOfWorkspace()
    if (site === null) return { site: false, root: null, people: [], host }
    return { site: true, root: site.root, people: await sitePeople.read(site), host }
  }

  return {
    openPath,
    getWorkspace,
    searchWorkspace: async (query) => search.search(searchableFiles(await getWorkspace()), query),
    readGlossary: () => readGlossaryFile(root),
    addGlossaryTerm: async (term, misspelling) => {
      const file = await addGlossaryTerm(root, term, misspelling)
      countsChanged()
      return file
    },
    getSiteContext,
    readFile,
    readFileBytes,
    saveFile,
    writeDraft: async (handle, text, base) => drafts.write(await pathOf(handle, false), text, base),
    discardDraft: async (handle) => drafts.discard(await pathOf(handle, false)),
    listRecent: () => recent.list(),
    getEpisodeMedia: (handle) => media.get(handle),
    setEpisodeMedia: (handle, path) => media.set(handle, path),
    forgetEpisodeMedia: (handle) => media.forget(handle),
    getPlayerPlace: (handle) => places.get(handle),
    setPlayerPlace: (handle, place) => places.set(handle, place),
    readChapterList: async (handle) => episodeChapterList(await pathOf(handle, true)),
    getSettings: () => settings.get(),
    saveSettings: async (value) => {
      await settings.save(value)
      countsChanged()
    },
    writeChapterList: async (handle, text) => {
      const written = await writeEpisodeChapterList(await pathOf(handle, true), text)
      countsChanged()
      return written
    },
    mediaFileOf: (token) => media.fileOf(token),
    setDirty: async (handlesWithChanges) => {
      unsaved = [...handlesWithChanges]
    },
    isDirty: () => unsaved.length > 0,
    unsavedNames: () =>
      unsaved.flatMap((handle) => {
        try {
          return [basename(handles.resolve(handle))]
        } catch {
          // A handle from before the host restarted names nothing; the count still says it.
          return []
        }
      }),
    onEvent(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    emitEvent,
    async close() {
      closed = true
      clearTimeout(workspaceTimer)
      watcher.close()
      gitStatus.close()
      listeners.clear()
      await saveQueue.idle()
    },
  }
}

function conflict(current: Buffer | null, hash: string | null): SaveResult {
  let diskText: string | null = null
  if (current) {
    try {
      diskText = decodeFileText(current)
    } catch {
      diskText = current.toString('utf8')
    }
  }
  return { ok: false, reason: 'conflict', diskText, diskHash: hash }
}

async function statKey(path: string): Promise<string> {
  try {
    const info = await stat(path)
    return `${info.mtimeMs}:${info.size}:${info.ino}:${info.ctimeMs}`
  } catch {
    return ''
  }
}

/** Why a draft could not be read, in plain words. */
function draftErrorText(error: unknown): string {
  return error instanceof DamagedDraftError ? error.message : fsErrorText(error)
}

/** A recent list that cannot be written must not stop the file from opening; it is said on the console. */
function reportRecentFailure(error: unknown): void {
  console.error(`The recent list could not be updated: ${error instanceof Error ? error.message : String(error)}`)
}
