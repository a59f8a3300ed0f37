/**
 * The one contract between the UI and the host (Electron main process or the browser-mode
 * server). The renderer never names a file-system path it was not given: files are addressed
 * by opaque handles that the host issues when the user opens something.
 */

import type { EpisodeWire } from '../episode/episode-wire'
import type { FindMatch } from '../workspace/find-replace'
import type { FindQuery } from '../workspace/find-query'

/** Opaque id of a file the user opened (by dialog, workspace, command line or recent list). */
export type FileHandle = string

/** A located error from the episode format library, ready to show (line and column are 0 for a file that cannot be read). */
export interface LocatedError {
  readonly line: number
  readonly column: number
  readonly message: string
}

/** What the workspace list shows about one file: its summary, or why it cannot be opened. */
export interface EpisodeListing {
  readonly title?: string
  readonly season?: number
  readonly episode?: number
  readonly entries: number
  readonly lines: number
  readonly headers: number
  readonly speakers: readonly string[]
  readonly problems: number
  /** Set when the file cannot be opened as an episode; the counts are then 0. */
  readonly error?: LocatedError
}

/** One episode file of an opened folder, summarised for the workspace list. */
export interface WorkspaceFile extends EpisodeListing {
  readonly handle: FileHandle
  /** Path relative to the workspace folder, with `/` separators. */
  readonly relPath: string
  /** In a git repository: how the file differs from the last commit (absent when it does not, or outside git). */
  readonly git?: 'modified' | 'added' | 'untracked'
  /** The host keeps a recovery draft of unsaved changes that differs from the file (absent when there is none). */
  readonly draft?: true
}

/** What is open: a folder (workspace) with its episode files, or single files. */
export interface Workspace {
  /** Display path of the folder, or null when only single files are open. */
  readonly root: string | null
  readonly files: readonly WorkspaceFile[]
  /** The file this call opened (a single file by path, dialog or the OS), for the UI to show. */
  readonly opened?: FileHandle
  /** What the list could not show (recovery drafts that could not be read), in plain words, for a notice. */
  readonly problem?: string
}

/** An unsaved draft of a file, journalled by the host, whose text differs from the file on disk. */
export interface Draft {
  readonly text: string
  /** Milliseconds since the epoch. */
  readonly savedAt: number
  /**
   * The file's text the draft's changes were made to, so a draft kept before the file changed on
   * disk restores onto the file as it is now. Absent in drafts kept by earlier versions.
   */
  readonly base?: string
}

/** A file's content as read from disk. */
export interface OpenedFile {
  readonly handle: FileHandle
  /** Display path (absolute), for the title bar. */
  readonly path: string
  readonly text: string
  /** Content hash at load; passed back on save so the host can detect someone else's change. */
  readonly hash: string
  /** A recovery draft that differs from the file (whatever the times), offered to the user. */
  readonly draft?: Draft
  /**
   * The host's parse of `text` (`episodeFromWire` rebuilds it), so the page need not parse a long
   * episode itself; absent when the file does not read as an episode (the page's own parse then
   * says where it fails).
   */
  readonly parsed?: EpisodeWire
}

/** Outcome of a save. A refused save never wrote anything. */
export type SaveResult =
  | { readonly ok: true; readonly hash: string }
  /** The file changed on disk since it was loaded; `diskText` is what is there now (null if deleted). */
  | { readonly ok: false; readonly reason: 'conflict'; readonly diskText: string | null; readonly diskHash: string | null }
  /** The text does not re-parse to the document being saved. */
  | { readonly ok: false; readonly reason: 'invalid'; readonly message: string }
  /** The write failed (permissions, disk full…). */
  | { readonly ok: false; readonly reason: 'io'; readonly message: string }

/** An entry of the recent files and folders list. */
export interface RecentItem {
  readonly kind: 'file' | 'folder'
  readonly path: string
  /** Milliseconds since the epoch. */
  readonly openedAt: number
}

/** Commands the host's menu (or the OS) sends to the UI. */
export type MenuCommand =
  | 'save'
  | 'save-all'
  | 'review-changes'
  | 'quick-open'
  | 'next-tab'
  | 'previous-tab'
  | 'revert'
  | 'close'
  | 'undo'
  | 'redo'
  | 'find'
  | 'replace'
  | 'settings'

/** Events the host pushes to the UI. */
export type HostEvent =
  | { readonly type: 'file-changed'; readonly handle: FileHandle }
  /** Re-read the workspace; `opened` names a file the host just opened (menu, OS, second launch). */
  | { readonly type: 'workspace-changed'; readonly opened?: FileHandle }
  | { readonly type: 'menu'; readonly command: MenuCommand }

/** The save request: the new text (sent once), the hash it was based on, and the digest of what it must mean. */
export interface SaveRequest {
  readonly handle: FileHandle
  readonly text: string
  /** Hash from `readFile` (or the last save); null to overwrite whatever is on disk ("keep mine"). */
  readonly baseHash: string | null
  /**
   * `episodeDigest` of the document being saved (16 hex digits): the host parses `text` and refuses
   * the save unless its whole meaning (front matter, transcript, text around them) has this digest.
   */
  readonly expectedDigest: string
  /**
   * The page still offers the file's recovery draft (the user has not restored or discarded it):
   * the host keeps it, where a save otherwise forgets the draft. It may be the only copy of its text.
   */
  readonly keepDraft?: true
}

/** The audio or video file the user picked for an episode, as the player loads it. */
export interface EpisodeMedia {
  /** Opaque URL for a media element's `src` (served with `Range` support); valid for this run only. */
  readonly mediaUrl: string
  /** The file's name, for display. */
  readonly name: string
  readonly kind: 'audio' | 'video'
}

/** Where listening to an episode stood, kept by the host across runs (per episode, in its data folder). */
export interface PlayerPlace {
  /** The playhead, in seconds. */
  readonly time: number
  /** Follow mode on or off. */
  readonly follow: boolean
  /** Playback speed (0.5 to 2). */
  readonly rate: number
  /** What played: the episode's YouTube video, or its remembered recording (the picked media file). */
  readonly source: 'youtube' | 'recording'
}

/** Bounds of a `PlayerPlace` the host accepts: a playhead within a week, speeds from 0.25× to 4×. */
export const playerPlaceBounds = { maxTime: 7 * 24 * 3600, minRate: 0.25, maxRate: 4 } as const

/** An episode's chapter list file as read (its name and text), or the plain reason there is none. */
export type ChapterListFile = { readonly name: string; readonly text: string } | { readonly reason: string }

/** A match as searches return it: where it is, the matched text, its replacement and some text around it. */
export type { FindMatch, MatchRef } from '../workspace/find-replace'
/** What a search looks for: text or a regular expression, case, whole words, where (lines, headers, speakers). */
export type { FindQuery, SearchScope } from '../workspace/find-query'

/** One episode with matches of a workspace search. */
export interface EpisodeSearchResult {
  readonly handle: FileHandle
  readonly relPath: string
  readonly title?: string
  /** Every match in the episode (more than the `matches` sent when the result is capped). */
  readonly count: number
  readonly matches: readonly FindMatch[]
}

/** What a search of the workspace's episode files on disk found, grouped by episode in list order. */
export interface WorkspaceSearchResult {
  readonly episodes: readonly EpisodeSearchResult[]
  /** Matches in all episodes. */
  readonly total: number
  /** How many episode files were searched. */
  readonly searched: number
  /** Files that might hold a match but do not read as episodes, with the reason. */
  readonly failed: readonly { readonly handle: FileHandle; readonly relPath: string; readonly message: string }[]
  /** True when some episodes' `matches` were cut short (`count` is still complete). */
  readonly capped: boolean
}

/**
 * The workspace's glossary of misheard names: where it is (or would be created) and its text
 * (null while it does not exist yet); or, where no glossary can be kept, the plain reason.
 */
export type GlossaryFile = { readonly path: string; readonly text: string | null } | { readonly reason: string }

/** The user's settings, kept by the host in its data folder across runs. */
export interface AppSettings {
  /** Lint codes the user switched off (`typography-dash`…): their problems are not shown, their fixes not applied. */
  readonly disabledRules: readonly string[]
  /** The episode's host as the user names them, overriding the automatic guess; null: automatic. */
  readonly hostSpeaker: string | null
}

/** The settings of a first run (and of a settings file that cannot be read). */
export const defaultSettings: AppSettings = { disabledRules: [], hostSpeaker: null }

/** Where `writeChapterList` wrote: the list's file name in the checkout's `podcast-timestamps/`, and whether it is new. */
export interface WrittenChapterList {
  readonly name: string
  readonly created: boolean
}

/** A person of the site, from `_people/<id>.md`. */
export interface SitePerson {
  /** The person id, as episodes list it under `guests:` (`nicksingh`). */
  readonly id: string
  /** The display name, the person file's `title:` (`Nick Singh`). */
  readonly name: string
}

/** What the open folder knows about speakers: the site checkout's people and the workspace's host. */
export interface SiteContext {
  /** Whether the open folder is a site checkout (its root, or its `_podcast/` folder). */
  readonly site: boolean
  /** Display path of the checkout's root, or null when the folder is not a checkout. */
  readonly root: string | null
  /** The people of the checkout's `_people/` that have a `title:`, sorted by id; empty outside a checkout. */
  readonly people: readonly SitePerson[]
  /** The `who` that speaks in the most episodes of the workspace, or null (too few episodes to tell). */
  readonly host: string | null
}

/** Everything the UI may ask of the host. One method per channel in `hostChannels`. */
export interface HostApi {
  /** Shows the native open-file dialog (Electron); null if cancelled or not available. */
  openFileDialog(): Promise<Workspace | null>
  /** Shows the native open-folder dialog (Electron); null if cancelled or not available. */
  openFolderDialog(): Promise<Workspace | null>
  /** Opens a path the user typed or picked from the recent list (a folder or an `.md` file). */
  openPath(path: string): Promise<Workspace>
  /** What is open now. */
  getWorkspace(): Promise<Workspace>
  readFile(handle: FileHandle): Promise<OpenedFile>
  saveFile(request: SaveRequest): Promise<SaveResult>
  /** Journals unsaved text so a crash loses at most a few seconds of work; `base` is the file's text its changes were made to. */
  writeDraft(handle: FileHandle, text: string, base: string): Promise<void>
  /** Forgets the draft (after a save, a revert, or when the user declines to restore it). */
  discardDraft(handle: FileHandle): Promise<void>
  listRecent(): Promise<readonly RecentItem[]>
  /** Tells the host which open episodes have unsaved changes (none: an empty list), so closing the window can ask first, naming them. */
  setDirty?(unsaved: readonly FileHandle[]): Promise<void>
  /** The media file remembered for an episode, or null; fails with a plain message if that file is gone. */
  getEpisodeMedia(handle: FileHandle): Promise<EpisodeMedia | null>
  /** Lets the user pick the episode's media file (native dialog) and remembers it; null if cancelled. Refused in browser mode. */
  pickMediaForEpisode(handle: FileHandle): Promise<EpisodeMedia | null>
  /** Forgets the media file remembered for an episode. */
  forgetEpisodeMedia(handle: FileHandle): Promise<void>
  /** Where listening to the episode stood when last kept (in this run or an earlier one), or null. */
  getPlayerPlace(handle: FileHandle): Promise<PlayerPlace | null>
  /** Keeps where listening to the episode stands, for when it is opened again (written atomically). */
  setPlayerPlace(handle: FileHandle, place: PlayerPlace): Promise<void>
  /** The episode's own chapter list from its site checkout's `podcast-timestamps/`, or why there is none. */
  readChapterList(handle: FileHandle): Promise<ChapterListFile>
  /** Searches the open folder's episode files as they are on disk (refused, with the reason, for a query that cannot run). */
  searchWorkspace(query: FindQuery): Promise<WorkspaceSearchResult>
  /** The glossary of the open site checkout (`_data/transcript-glossary.yml`). */
  readGlossary(): Promise<GlossaryFile>
  /** Adds a misspelling under a term (creating the file on first use); returns the glossary as written. */
  addGlossaryTerm(term: string, misspelling: string): Promise<GlossaryFile>
  /** The settings as last saved (the defaults on a first run). */
  getSettings(): Promise<AppSettings>
  /** Saves the settings (atomically) for this and later runs. */
  saveSettings(settings: AppSettings): Promise<void>
  /**
   * Writes a chapter list (the site's format) to the episode's own `podcast-timestamps/` file, the one
   * `readChapterList` reads, or a new one named after the episode; refused outside a site checkout.
   */
  writeChapterList(handle: FileHandle, text: string): Promise<WrittenChapterList>
  /** The people names and the host speaker of the open workspace (a site checkout or any folder). */
  getSiteContext(): Promise<SiteContext>
}

/** Channel names, the single table both the Electron preload and the browser client are built from. */
export const hostChannels = {
  openFileDialog: 'host:open-file-dialog',
  openFolderDialog: 'host:open-folder-dialog',
  openPath: 'host:open-path',
  getWorkspace: 'host:get-workspace',
  readFile: 'host:read-file',
  saveFile: 'host:save-file',
  writeDraft: 'host:write-draft',
  discardDraft: 'host:discard-draft',
  listRecent: 'host:list-recent',
  setDirty: 'host:set-dirty',
  getEpisodeMedia: 'host:get-episode-media',
  pickMediaForEpisode: 'host:pick-media-for-episode',
  forgetEpisodeMedia: 'host:forget-episode-media',
  getPlayerPlace: 'host:get-player-place',
  setPlayerPlace: 'host:set-player-place',
  readChapterList: 'host:read-chapter-list',
  searchWorkspace: 'host:search-workspace',
  readGlossary: 'host:read-glossary',
  addGlossaryTerm: 'host:add-glossary-term',
  getSettings: 'host:get-settings',
  saveSettings: 'host:save-settings',
  writeChapterList: 'host:write-chapter-list',
  getSiteContext: 'host:get-site-context',
} as const satisfies { readonly [K in keyof HostApi]: `host:${string}` }

/** The channel on which the host pushes `HostEvent`s. */
export const hostEventChannel = 'host:event'

/** What the renderer gets: the API plus a subscription to host events (returns an unsubscribe). */
export interface HostBridge extends HostApi {
  onEvent(listener: (event: HostEvent) => void): () => void
}
