import type { EpisodeSearchResult, FileHandle, FindQuery, GlossaryFile, WorkspaceSearchResult } from '../../shared/api/contract'
import { textOf, type Episode } from '../../shared/episode/index'
import { findInEpisode, replaceInEpisode, type MatchRef, type ReplaceResult, type SearchField } from '../../shared/workspace/find-replace'
import type { Glossary } from '../../shared/workspace/glossary'
import { fixGlossaryHits, glossaryQuery, hitsOfMatches } from '../../shared/workspace/glossary-lint'
import type { AppState, SearchOptions } from './app-state'
import type { AppCommand } from './commands'

/** Where the workspace search takes its query from: the typed text, or every known misspelling of the glossary. */
export type SearchSource = 'text' | 'glossary'

/** One episode of the results; `inEditor` when its matches come from the open (maybe unsaved) document. */
export interface ResultEpisode extends EpisodeSearchResult {
  readonly inEditor: boolean
}

/** The results of the last search, as the panel lists them. */
export interface SearchResults extends Omit<WorkspaceSearchResult, 'episodes'> {
  readonly source: SearchSource
  /** The query that was run (for glossary searches, the glossary's query). */
  readonly query: FindQuery
  readonly episodes: readonly ResultEpisode[]
  /** How long the search took, host call included (milliseconds). */
  readonly ms: number
}

/** The workspace search panel: its query, options, results and the episodes ticked for replacing. */
export interface WorkspaceSearchState extends SearchOptions {
  readonly open: boolean
  readonly replaceOpen: boolean
  readonly query: string
  readonly replacement: string
  readonly source: SearchSource
  /** Bumped to focus the search field. */
  readonly focusSeq: number
  readonly busy: boolean
  readonly results: SearchResults | null
  /** Why the search could not run (a broken regular expression, no glossary), in plain words. */
  readonly error: string | null
  /** Episodes of the results left out of "Replace in selected episodes" (all are ticked at first). */
  readonly unchecked: ReadonlySet<FileHandle>
}

/** The glossary of the open folder: the file as the host read it and its parsed terms, or why it does not read. */
export interface GlossaryState {
  readonly file: GlossaryFile | null
  readonly glossary: Glossary | null
  readonly error: string | null
}

/** What a replacement across episodes does: replace a query's matches, or fix glossary hits. */
export type ReplacePlan =
  | { readonly source: 'text'; readonly query: FindQuery; readonly only?: { readonly handle: FileHandle; readonly match: MatchRef } }
  | { readonly source: 'glossary'; readonly only?: { readonly handle: FileHandle; readonly match: MatchRef } }

/** One entry's field before and after a replacement. */
export interface PreviewChange {
  readonly entry: number
  readonly field: SearchField
  readonly before: string
  readonly after: string
}

/** What a replacement will change in each episode, shown before it is applied. */
export interface ReplacePreview {
  readonly plan: ReplacePlan
  readonly episodes: readonly { readonly handle: FileHandle; readonly relPath: string; readonly title?: string; readonly changes: readonly PreviewChange[] }[]
  /** Episodes that could not be read or changed, with the reason. */
  readonly failed: readonly { readonly relPath: string; readonly message: string }[]
}

/** Opens the panel (Ctrl+Shift+F), or with its replace field (Ctrl+Shift+H), and focuses the search field. */
export function openWorkspaceSearch(replace: boolean): AppCommand {
  return (state) => {
    if (state.workspace === null) return null
    return { ...state, search: { ...state.search, open: true, replaceOpen: replace || state.search.replaceOpen, focusSeq: state.search.focusSeq + 1 } }
  }
}

/** Closes the panel (the episode list comes back). */
export const closeWorkspaceSearch: AppCommand = (state) => (state.search.open ? { ...state, search: { ...state.search, open: false } } : null)

/** Changes the panel's fields or options. */
export function setWorkspaceSearch(patch: Partial<Pick<WorkspaceSearchState, 'query' | 'replacement' | 'replaceOpen' | 'source' | 'regex' | 'matchCase' | 'wholeWord' | 'scopes'>>): AppCommand {
  return (state) => ({ ...state, search: { ...state.search, ...patch } })
}

/** Ticks or unticks an episode for "Replace in selected episodes". */
export function toggleEpisodeChecked(handle: FileHandle): AppCommand {
  return (state) => {
    const unchecked = new Set(state.search.unchecked)
    if (unchecked.has(handle)) unchecked.delete(handle)
    else unchecked.add(handle)
    return { ...state, search: { ...state.search, unchecked } }
  }
}

/** The documents of the episodes open in the editor, by handle; a search reads these instead of the files on disk. */
export function openDocuments(state: AppState): Map<FileHandle, Episode> {
  const docs = new Map<FileHandle, Episode>()
  for (const [handle, session] of state.parked) docs.set(handle, session.editor.doc)
  if (state.session) docs.set(state.session.handle, state.session.editor.doc)
  return docs
}

/** The query the panel runs: the typed one, or the glossary's (null with an error when it cannot run). */
export function panelQuery(state: AppState): { query: FindQuery } | { error: string } {
  const search = state.search
  if (search.source === 'glossary') {
    const glossary = state.glossary.glossary
    if (!glossary) return { error: state.glossary.error ?? glossaryMissing(state.glossary.file) }
    const compiled = glossaryQuery(glossary)
    if (!compiled) return { error: 'The glossary lists no misspellings yet. Select a misheard word in a line and press Alt+G to add one.' }
    return { query: compiled.query }
  }
  if (search.query === '') return { error: 'Type something to search for.' }
  return {
    query: {
      find: search.query,
      regex: search.regex,
      matchCase: search.matchCase,
      wholeWord: search.wholeWord,
      in: search.scopes,
      ...(search.replaceOpen ? { replace: search.replacement } : {}),
    },
  }
}

function glossaryMissing(file: GlossaryFile | null): string {
  if (file === null) return 'The glossary has not been read yet.'
  if ('reason' in file) return file.reason
  return `There is no glossary yet (${file.path}). Select a misheard word in a line and press Alt+G to start one.`
}

/**
 * Merges the host's results (files on disk) with the episodes open in the editor, whose
 * in-memory documents are searched instead; for glossary searches each match gets its term.
 */
export function mergeResults(
  host: WorkspaceSearchResult,
  query: FindQuery,
  source: SearchSource,
  open: ReadonlyMap<FileHandle, Episode>,
  order: readonly FileHandle[],
  relPaths: ReadonlyMap<FileHandle, { relPath: string; title?: string }>,
  glossary: Glossary | null,
  ms: number,
): SearchResults {
  const byHandle = new Map<FileHandle, ResultEpisode>()
  for (const e of host.episodes) if (!open.has(e.handle)) byHandle.set(e.handle, { ...e, inEditor: false })
  for (const [handle, doc] of open) {
    const matches = findInEpisode(doc, query)
    const info = relPaths.get(handle)
    if (matches.length > 0 && info) byHandle.set(handle, { handle, relPath: info.relPath, ...(info.title !== undefined ? { title: info.title } : {}), count: matches.length, matches, inEditor: true })
  }
  const rank = new Map(order.map((h, i) => [h, i]))
  let episodes = [...byHandle.values()].sort((a, b) => (rank.get(a.handle) ?? 1e9) - (rank.get(b.handle) ?? 1e9))
  if (source === 'glossary' && glossary) {
    episodes = episodes.flatMap((e) => {
      const hits = hitsOfMatches(e.matches, glossary)
      return hits.length > 0 ? [{ ...e, matches: hits, count: e.count - (e.matches.length - hits.length) }] : []
    })
  }
  const total = episodes.reduce((n, e) => n + e.count, 0)
  return { source, query, episodes, total, searched: host.searched, failed: host.failed, capped: host.capped, ms }
}

/** The edit a plan makes to one episode's document (null: nothing to change). */
export function planEdit(plan: ReplacePlan, glossary: Glossary | null): (doc: Episode, handle: FileHandle) => ReplaceResult | null {
  return (doc, handle) => {
    if (plan.only && plan.only.handle !== handle) return null
    const selection = plan.only ? [plan.only.match] : undefined
    if (plan.source === 'glossary') return glossary ? fixGlossaryHits(doc, glossary, selection) : null
    return replaceInEpisode(doc, { ...plan.query, replace: plan.query.replace ?? '' }, selection)
  }
}

/** The changes of a replacement result, entry by entry, for the preview. */
export function previewChanges(before: Episode, result: ReplaceResult): PreviewChange[] {
  const out: PreviewChange[] = []
  for (const entry of result.entries) {
    for (const field of ['who', 'line', 'header'] as const) {
      const a = textOfField(before, entry, field)
      const b = textOfField(result.doc, entry, field)
      if (a !== undefined && b !== undefined && a !== b) out.push({ entry, field, before: a, after: b })
    }
  }
  return out
}

function textOfField(doc: Episode, entry: number, field: SearchField): string | undefined {
  const e = doc.entries[entry]
  return e ? textOf(e, field) : undefined
}
