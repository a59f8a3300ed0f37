import type { FileHandle, HostBridge } from '../../shared/api/contract'
import type { Episode } from '../../shared/episode/index'
import { episodeOfFile } from './opened-episode'
import type { FindQuery } from '../../shared/workspace/find-query'
import type { MatchRef, SearchField } from '../../shared/workspace/find-replace'
import { parseGlossary } from '../../shared/workspace/glossary'
import { describeRewrites } from '../../shared/episode/rewritten-values'
import type { AppState, Session } from './app-state'
import { lastStepRewrites } from './rewrite-notice'
import { sessionOf } from './tabs'
import type { EditEpisodesResult, EpisodeEdit } from './edit-episodes'
import { withGlossaryLint } from './glossary-problems'
import { errorText, focusCursor, jumpTo, notify, setDialog, type AppCommand } from './commands'
import { columnOfField } from './find-matches'
import { mergeResults, openDocuments, panelQuery, planEdit, previewChanges, type ReplacePlan, type ReplacePreview, type SearchResults } from './workspace-search'

/** The controller's calls the workspace search needs. */
export interface WorkspaceSearchDeps {
  readonly bridge: Pick<HostBridge, 'searchWorkspace' | 'readFile' | 'readGlossary' | 'addGlossaryTerm'>
  get(): AppState
  dispatch(command: AppCommand): boolean
  /** Shows an episode in its tab (opening it when it is not open). */
  openFile(handle: FileHandle): Promise<void>
  /** Applies `edit` to each episode as one undo step there (opening background tabs), marks it unsaved, writes nothing. */
  editEpisodes(handles: readonly FileHandle[], edit: EpisodeEdit, label: string): Promise<EditEpisodesResult>
  /** Clock for the search's duration. */
  now(): number
}

/** The workspace search's host work: search, open a result, preview and apply replacements, the glossary. */
export interface WorkspaceSearchController {
  /** Runs the panel's search (files on disk through the host, open episodes in memory). */
  searchWorkspace(): Promise<void>
  /** Opens an episode at a match. */
  openResult(handle: FileHandle, match: MatchRef & { readonly end: number }): Promise<void>
  /** Shows what replacing in these episodes (or only one match) would change. */
  previewReplace(handles: readonly FileHandle[], only?: { handle: FileHandle; match: MatchRef }): Promise<void>
  /** Applies the previewed replacement: one undo step in each episode, nothing written until saved. */
  applyReplace(): Promise<void>
  /** Reads the open folder's glossary. */
  loadGlossary(): Promise<void>
  /** Adds a misspelling to the glossary; true when it was written. */
  addGlossaryTerm(term: string, misspelling: string): Promise<boolean>
}

/** Creates the workspace search's controller part. */
export function createWorkspaceSearchController(deps: WorkspaceSearchDeps): WorkspaceSearchController {
  const { bridge, get, dispatch } = deps
  let searchSeq = 0

  const setSearch = (patch: Partial<AppState['search']>) => dispatch((state) => ({ ...state, search: { ...state.search, ...patch } }))

  const fileInfo = (state: AppState) => new Map((state.workspace?.files ?? []).map((f) => [f.handle, { relPath: f.relPath, ...(f.title !== undefined ? { title: f.title } : {}) }]))

  /** The document of an episode: the open one's, else read from disk. */
  const documentOf = async (handle: FileHandle): Promise<Episode> => {
    const open = openDocuments(get()).get(handle)
    if (open) return open
    return episodeOfFile(await bridge.readFile(handle))
  }

  const searchWorkspace = async () => {
    const state = get()
    const found = panelQuery(state)
    if ('error' in found) {
      setSearch({ error: found.error, results: null, busy: false })
      return
    }
    const seq = ++searchSeq
    const started = deps.now()
    setSearch({ busy: true, error: null })
    try {
      const host = await bridge.searchWorkspace(found.query)
      if (seq !== searchSeq) return
      const now = get()
      const results = mergeResults(
        host,
        found.query,
        now.search.source,
        openDocuments(now),
        (now.workspace?.files ?? []).map((f) => f.handle),
        fileInfo(now),
        now.glossary.glossary,
        deps.now() - started,
      )
      setSearch({ busy: false, results, unchecked: keptUnchecked(now.search, results) })
    } catch (error) {
      if (seq === searchSeq) setSearch({ busy: false, results: null, error: errorText(error) })
    }
  }

  const showMatch = (match: MatchRef & { readonly end: number }): AppCommand => (state) => {
    const s = state.session
    const entry = s?.editor.doc.entries[match.entry]
    if (!s || !entry) return null
    const moved = jumpTo(entry.id, columnOfField(match.field))(state) ?? state
    const q = state.search.results?.query
    // The grid highlights the same matches as the panel, through the find bar.
    const find = q
      ? {
          ...moved.find,
          open: true,
          query: q.find,
          regex: q.regex ?? false,
          matchCase: q.matchCase ?? false,
          wholeWord: q.wholeWord ?? false,
          scopes: q.in ?? ['lines'],
          current: { entry: match.entry, field: match.field, start: match.start },
        }
      : moved.find
    return { ...moved, find }
  }

  const openResult = async (handle: FileHandle, match: MatchRef & { readonly end: number }) => {
    if (get().session?.handle !== handle) await deps.openFile(handle)
    if (get().session?.handle === handle) dispatch(showMatch(match))
  }

  const previewReplace = async (handles: readonly FileHandle[], only?: { handle: FileHandle; match: MatchRef }) => {
    const state = get()
    const results = state.search.results
    if (!results) return
    const plan: ReplacePlan =
      results.source === 'glossary'
        ? { source: 'glossary', ...(only ? { only } : {}) }
        : { source: 'text', query: { ...results.query, replace: state.search.replacement }, ...(only ? { only } : {}) }
    const edit = planEdit(plan, state.glossary.glossary)
    const info = fileInfo(state)
    const episodes: ReplacePreview['episodes'][number][] = []
    const failed: { relPath: string; message: string }[] = []
    for (const handle of handles) {
      const relPath = info.get(handle)?.relPath ?? handle
      try {
        const before = await documentOf(handle)
        const result = edit(before, handle)
        if (result && result.entries.length > 0) episodes.push({ handle, relPath, ...(info.get(handle)?.title !== undefined ? { title: info.get(handle)!.title! } : {}), changes: previewChanges(before, result) })
      } catch (error) {
        failed.push({ relPath, message: errorText(error) })
      }
    }
    if (episodes.length === 0 && failed.length === 0) {
      dispatch(notify('Nothing to replace: the matches are gone or already replaced', 'error'))
      return
    }
    dispatch(setDialog({ kind: 'replace-preview', preview: { plan, episodes, failed } }))
  }

  const applyReplace = async () => {
    const dialog = get().dialog
    if (dialog?.kind !== 'replace-preview') return
    dispatch(setDialog(null))
    const { plan, episodes } = dialog.preview
    const edit = planEdit(plan, get().glossary.glossary)
    const label = plan.source === 'glossary' ? 'Fix glossary misspellings' : `Replace "${plan.query.find}"`
    const { changed, failed } = await deps.editEpisodes(
      episodes.map((e) => e.handle),
      (doc, handle) => edit(doc, handle)?.doc ?? null,
      label,
    )
    const info = fileInfo(get())
    const names = (list: readonly FileHandle[]) => list.map((h) => info.get(h)?.relPath ?? h).join(', ')
    const sessions = changed.map((handle) => sessionOf(get(), handle)).filter((s): s is Session => s !== null)
    const also = describeRewrites(sessions.flatMap(lastStepRewrites))
    const done = `${label}: changed ${changed.length} ${changed.length === 1 ? 'episode' : 'episodes'} (unsaved; undo works in each)${also ? `. ${also}` : ''}`
    dispatch(
      failed.length === 0
        ? notify(done, also ? 'warning' : 'info')
        : notify(`${done}. Not changed: ${failed.map((f) => `${names([f.handle])} (${f.message})`).join('; ')}`, 'error'),
    )
    await searchWorkspace()
    // The button that asked for the preview may be gone with its results: focus goes back to the grid.
    dispatch(focusCursor)
  }

  const setGlossary = (file: AppState['glossary']['file']) => {
    if (file === null || 'reason' in file || file.text === null) {
      dispatch((state) => ({ ...state, glossary: { file, glossary: null, error: null } }))
    } else {
      try {
        dispatch((state) => ({ ...state, glossary: { file, glossary: parseGlossary(file.text!), error: null } }))
      } catch (error) {
        dispatch((state) => ({ ...state, glossary: { file, glossary: null, error: `The glossary ${file.path} does not read: ${errorText(error)}` } }))
      }
    }
    // Its misspellings are shown with the other problems, with a fix each.
    dispatch(withGlossaryLint(get().glossary.glossary))
  }

  return {
    searchWorkspace,
    openResult,
    previewReplace,
    applyReplace,
    async loadGlossary() {
      try {
        setGlossary(await bridge.readGlossary())
      } catch (error) {
        dispatch((state) => ({ ...state, glossary: { file: null, glossary: null, error: `The glossary could not be read: ${errorText(error)}` } }))
      }
    },
    async addGlossaryTerm(term, misspelling) {
      try {
        const file = await bridge.addGlossaryTerm(term, misspelling)
        setGlossary(file)
        dispatch(notify(`Added "${misspelling.trim()}" → "${term.trim()}" to the glossary${'path' in file ? ` (${file.path})` : ''}`))
        return true
      } catch (error) {
        dispatch(notify(`The glossary was not changed: ${errorText(error)}`, 'error'))
        return false
      }
    },
  }
}

/** The field names as the preview shows them. */
export const FIELD_NAMES: Readonly<Record<SearchField, string>> = { line: 'line', header: 'section', who: 'speaker' }

/**
 * The episodes left out of a replacement that stay out when the search runs again: all of them
 * still found when only the replacement changed (the same matches), none for another search.
 */
function keptUnchecked(before: AppState['search'], results: SearchResults): ReadonlySet<FileHandle> {
  const previous = before.results
  if (!previous || previous.source !== results.source || !sameSearch(previous.query, results.query)) return new Set()
  const found = new Set(results.episodes.map((e) => e.handle))
  return new Set([...before.unchecked].filter((handle) => found.has(handle)))
}

/** Whether two queries find the same matches (their replacements may differ). */
function sameSearch(a: FindQuery, b: FindQuery): boolean {
  const find = (q: FindQuery) => JSON.stringify([q.find, q.regex ?? false, q.matchCase ?? false, q.wholeWord ?? false, q.in ?? ['lines']])
  return find(a) === find(b)
}
