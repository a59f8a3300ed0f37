import { defaultSettings, type AppSettings, type Draft, type FileHandle, type RecentItem, type Workspace } from '../../shared/api/contract'
import type { GlossaryState, ReplacePreview, WorkspaceSearchState } from './workspace-search'
import type { EditorState } from '../../shared/editing/editor-state'
import type { EntryId, Episode, YamlValue } from '../../shared/episode/index'
import type { MergeResult } from '../../shared/episode/merge-episodes'
import type { MatchRef } from '../../shared/workspace/find-replace'
import type { SearchScope } from '../../shared/workspace/find-query'
import { initialPlayerState, type PlayerState } from './player-state'
import { defaultLintContext, type LintContext } from './problems'
import { noSpeakerKnowledge, type SpeakerKnowledge } from './speaker-knowledge'

/** A column of a line row; header rows have only `text`. */
export type Column = 'time' | 'who' | 'text'

/** The columns of a line row, left to right. */
export const COLUMNS: readonly Column[] = ['time', 'who', 'text']

/** The focused cell of the grid. */
export interface Cursor {
  readonly id: EntryId
  readonly column: Column
}

/** The cell being edited, and the editor's pending value for the time and speaker editors. */
export interface Editing {
  readonly id: EntryId
  readonly column: Column
  /** Where the text editor puts its caret when it opens. */
  readonly caret: number | 'start' | 'end' | 'all'
  /** Typed text of the time editor or the speaker picker (the text editor writes straight to the doc). */
  readonly draft?: string
  /** The value the time or speaker editor opened with; committing an unchanged draft changes nothing. */
  readonly initial?: string
  /** Why the last commit of `draft` was refused, shown beside the editor. */
  readonly error?: string
  /**
   * The text value the text editor opened with (after a split or merge in it, the row's value
   * then): Esc puts it back. `value` is undefined when the entry had no text key.
   */
  readonly opened?: { readonly value: YamlValue | undefined }
}

/** Someone else changed the open file on disk while it had unsaved changes. */
export interface DiskChange {
  /** Text on disk now (null when the file was deleted), if already read. */
  readonly text: string | null
  readonly hash: string | null
}

/** An open episode: its editing state, saved base, cursor, selection and pending prompts. */
export interface Session {
  readonly handle: FileHandle
  readonly path: string
  /** Hash of the file as last read or saved; null means "overwrite whatever is on disk". */
  readonly baseHash: string | null
  readonly editor: EditorState
  /**
   * The document derived views read (lint markers, problems, outline, counts, find): the live
   * document, except while the user types in a cell, when it catches up after a short pause.
   */
  readonly settled: Episode
  /** Speakers in a stable order (Alt+1…9 assigns them): by lines at load, then as they appear. */
  readonly roster: readonly string[]
  readonly cursor: Cursor | null
  /** The row a Shift-extended selection grows from. */
  readonly anchor: EntryId | null
  /** Selected rows (always includes the cursor row when not empty). */
  readonly selection: ReadonlySet<EntryId>
  readonly editing: Editing | null
  /**
   * Bumped to ask the grid to scroll a row into view: just enough, or (`ahead`, following the
   * recording) with the rows after it in view too, so that it does not scroll at every line.
   */
  readonly reveal: { readonly id: EntryId; readonly seq: number; readonly focus: boolean; readonly ahead?: boolean } | null
  /** A recovery draft found at load, offered until restored or discarded. */
  readonly draftOffer: DraftOffer | null
  /** The file changed on disk while dirty: offered reload / keep mine. */
  readonly diskChange: DiskChange | null
  readonly saving: boolean
  /**
   * The whitespace a split removed between the two halves, keyed by the new second row, so that
   * merging them back gives the original text (splitting next to punctuation leaves no space).
   */
  readonly splitGaps: ReadonlyMap<EntryId, string>
}

/** A recovery draft on offer, with what its banner needs to tell whether Restore would replace work. */
export interface DraftOffer extends Draft {
  /** The document when the offer appeared: work since is an edit or save away from it. */
  readonly over: Episode
  /** Restore was asked for over work since: the banner asks the user to confirm. */
  readonly confirming: boolean
  /** The file on disk changed after the draft was kept: Restore merges the draft's changes onto it. */
  readonly fileChanged: boolean
}

/** A modal dialog. */
export type Dialog =
  | { readonly kind: 'help' }
  | { readonly kind: 'rename'; readonly from: string }
  | { readonly kind: 'swap' }
  /** Unsaved changes in `episodes` (handles, in tab order) would be lost by `next`. */
  | { readonly kind: 'leave'; readonly next: LeaveIntent; readonly episodes: readonly FileHandle[] }
  /** What Save will write, as a diff of each file on disk (as loaded) against it, for `episodes`. */
  | { readonly kind: 'review'; readonly episodes: readonly FileHandle[]; readonly leave?: LeaveIntent }
  | { readonly kind: 'quick-open' }
  | { readonly kind: 'revert' }
  | { readonly kind: 'conflict'; readonly diskText: string | null; readonly diskHash: string | null; readonly showDiff: boolean }
  /** A merge with the file on disk found entries both sides changed: the user picks a version of each. */
  | {
      readonly kind: 'merge'
      readonly result: MergeResult
      /** The file on disk, parsed (the merge's new base), and its hash. */
      readonly theirs: Episode
      readonly diskHash: string
      /** The document the merge was computed from; Apply refuses if it changed meanwhile. */
      readonly mine: Episode
      /** How many entries my edits changed (the notice counts the re-applied ones). */
      readonly changes: number
    }
  | { readonly kind: 'save-error'; readonly reason: 'invalid' | 'io'; readonly message: string }
  | { readonly kind: 'diff'; readonly title: string; readonly before: string; readonly after: string; readonly beforeLabel?: string; readonly afterLabel?: string }
  | { readonly kind: 'chapters-import' }
  | { readonly kind: 'chapters-export' }
  /** What a replacement across episodes will change, entry by entry, before it is applied. */
  | { readonly kind: 'replace-preview'; readonly preview: ReplacePreview }
  /** Adds a misheard word to the glossary: the misspelling (prefilled from the selection) and the right term. */
  | { readonly kind: 'glossary-add'; readonly misspelling: string }
  | { readonly kind: 'settings' }
  /** Several problems of one row can be fixed: the user picks which. */
  | { readonly kind: 'quick-fix'; readonly id: EntryId }

/** The dialog of a merge with conflicts to settle. */
export type MergeDialog = Extract<Dialog, { kind: 'merge' }>

/** What the user wanted to do when asked about unsaved changes. */
export type LeaveIntent =
  | { readonly kind: 'close-tab'; readonly handle: FileHandle }
  /** Opening another folder (or file by path) closes every tab. */
  | { readonly kind: 'open-path'; readonly path: string }

/** A short message in the status area; a `warning` (something done beside what was asked) stays longer than `info`. */
export interface Notice {
  readonly seq: number
  readonly tone: 'info' | 'warning' | 'error'
  readonly text: string
  /**
   * The undo step a notice is about (what an edit also rewrote), by its episode and the document
   * before it: undoing that step takes the notice back, as what it describes will not be saved.
   */
  readonly step?: { readonly handle: FileHandle; readonly before: Episode }
}

/** A failure of background work (journalling, a host call nobody awaited), shown until dismissed. */
export interface Failure {
  readonly seq: number
  readonly text: string
}

/** Whether the host answers; `lost` while calls fail for want of a connection (browser mode). */
export type Connection = 'online' | 'lost'

/** How a search reads its text: the options of find, replace and the workspace search. */
export interface SearchOptions {
  readonly regex: boolean
  readonly matchCase: boolean
  readonly wholeWord: boolean
  /** Where to look: lines, headers, speakers (at least one). */
  readonly scopes: readonly SearchScope[]
}

/** Find and replace in the open episode. */
export interface FindState extends SearchOptions {
  readonly open: boolean
  readonly query: string
  /** Bumped to focus the find field. */
  readonly focusSeq: number
  /** The replace field is shown (Ctrl+H). */
  readonly replaceOpen: boolean
  readonly replacement: string
  /** The match "Replace" replaces: the one find moved to last, while the cursor stays on its cell. */
  readonly current: MatchRef | null
}

/** Everything the UI shows. */
export interface AppState {
  /** `starting` until the first workspace answer from the host. */
  readonly phase: 'starting' | 'ready'
  readonly workspace: Workspace | null
  readonly recent: readonly RecentItem[]
  /** Handle being read (shown as loading). */
  readonly opening: FileHandle | null
  readonly openError: string | null
  /** The active episode (the one shown); every command on "the episode" acts on it. */
  readonly session: Session | null
  /** The open episodes in tab order, the active one included (`renderer/state/tabs.ts`). */
  readonly tabs: readonly FileHandle[]
  /** The open episodes that are not active, each with its own history, draft and conflicts. */
  readonly parked: ReadonlyMap<FileHandle, Session>
  readonly dialog: Dialog | null
  readonly notice: Notice | null
  /** The last background failure, lasting until dismissed: nothing fails invisibly. */
  readonly failure: Failure | null
  readonly connection: Connection
  readonly find: FindState
  readonly sidePanel: 'outline' | 'problems'
  /** The recording player: what plays, where the playhead is, follow and loop. */
  readonly player: PlayerState
  /** Search and replace across the folder's episodes (Ctrl+Shift+F, Ctrl+Shift+H). */
  readonly search: WorkspaceSearchState
  /** The site checkout's glossary of misheard names. */
  readonly glossary: GlossaryState
  /** The user's settings as the host keeps them (the defaults until they are read). */
  readonly settings: AppSettings
  /** Which problems are shown (see `problemsFor`): rebuilt as a whole when the settings change. */
  readonly lintContext: LintContext
  /** People's names and the host speaker, from the workspace (`getSiteContext`) and the settings. */
  readonly speakers: SpeakerKnowledge
}

/** The state before the host has answered. */
export const initialAppState: AppState = {
  phase: 'starting',
  workspace: null,
  recent: [],
  opening: null,
  openError: null,
  session: null,
  tabs: [],
  parked: new Map(),
  dialog: null,
  notice: null,
  failure: null,
  connection: 'online',
  find: { open: false, query: '', focusSeq: 0, replaceOpen: false, replacement: '', current: null, regex: false, matchCase: false, wholeWord: false, scopes: ['lines', 'headers', 'speakers'] },
  sidePanel: 'outline',
  player: initialPlayerState,
  search: {
    open: false,
    replaceOpen: false,
    query: '',
    replacement: '',
    source: 'text',
    focusSeq: 0,
    busy: false,
    results: null,
    error: null,
    unchecked: new Set(),
    regex: false,
    matchCase: false,
    wholeWord: false,
    scopes: ['lines', 'headers', 'speakers'],
  },
  glossary: { file: null, glossary: null, error: null },
  settings: defaultSettings,
  lintContext: defaultLintContext,
  speakers: noSpeakerKnowledge,
}
