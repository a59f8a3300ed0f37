import type { Episode } from '../episode/episode'
import { parseEpisode } from '../episode/parse-episode'
import { compileQuery, type CompiledQuery, type FindQuery } from './find-query'
import { findInTexts, searchableTexts, type FindMatch, type SearchableText, type SearchField } from './find-replace'

/** An episode to index: its file text (parsed on demand), or a document already open in the editor. */
export type EpisodeSource =
  | { readonly id: string; readonly text: string }
  | { readonly id: string; readonly doc: Episode }

/**
 * One indexed episode. The file text is kept as is; the parsed document and its searchable
 * texts are computed on first use and remembered (a search for a rare word parses only the
 * few files whose text can hold it).
 */
export interface IndexedEpisode {
  /** The caller's name for the episode (a path relative to the workspace, a handle). */
  readonly id: string
  /** The file text, or null for a document given already parsed (perhaps edited). */
  readonly text: string | null
  /** Whether the text holds a backslash, so a value may be written with escapes (`\u2019`). */
  readonly hasEscapes: boolean
  /** The parsed episode, or the plain-language reason it cannot be parsed. */
  readonly doc: () => Episode | { readonly error: string }
  /** Every line, header and speaker text of the episode, in entry order. */
  readonly texts: () => readonly SearchableText[]
  /** The text in lower case, for the quick check of case-insensitive searches. */
  readonly lowerText: () => string
}

/** Episodes indexed for search across a workspace. Immutable: updates return a new index. */
export interface WorkspaceIndex {
  readonly episodes: readonly IndexedEpisode[]
}

const ALL_SCOPES = new Set(['lines', 'headers', 'speakers'] as const)

function memo<T>(compute: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      value = compute()
      done = true
    }
    return value
  }
}

/** Indexes one episode (cheap: parsing waits until a search needs it). */
export function indexEpisode(source: EpisodeSource): IndexedEpisode {
  const text = 'text' in source ? source.text : null
  const doc = 'doc' in source
    ? () => source.doc
    : memo((): Episode | { error: string } => {
        try {
          return parseEpisode(source.text)
        } catch (error) {
          return { error: error instanceof Error ? error.message : String(error) }
        }
      })
  const texts = memo(() => {
    const parsed = doc()
    return 'error' in parsed ? [] : searchableTexts(parsed.entries, ALL_SCOPES)
  })
  return { id: source.id, text, hasEscapes: text !== null && text.includes('\\'), doc, texts, lowerText: memo(() => (text ?? '').toLowerCase()) }
}

/** Indexes many episodes, in the order given. */
export function indexWorkspace(sources: readonly EpisodeSource[]): WorkspaceIndex {
  return { episodes: sources.map(indexEpisode) }
}

/** The index with one episode added or replaced (after a save, an edit, or a change on disk). */
export function withEpisode(index: WorkspaceIndex, source: EpisodeSource): WorkspaceIndex {
  const fresh = indexEpisode(source)
  const at = index.episodes.findIndex((e) => e.id === source.id)
  const episodes = index.episodes.slice()
  if (at >= 0) episodes[at] = fresh
  else episodes.push(fresh)
  return { episodes }
}

/** The index without an episode (a deleted file). */
export function withoutEpisode(index: WorkspaceIndex, id: string): WorkspaceIndex {
  return { episodes: index.episodes.filter((e) => e.id !== id) }
}

/** Parses every episode now, so that later searches never wait for parsing. */
export function warmIndex(index: WorkspaceIndex): void {
  for (const e of index.episodes) e.texts()
}

/** The matches in one episode. */
export interface EpisodeResult {
  readonly id: string
  readonly count: number
  readonly matches: readonly FindMatch[]
}

/** What a search across the workspace found, grouped by episode in index order. */
export interface WorkspaceResults {
  /** Episodes with at least one match. */
  readonly episodes: readonly EpisodeResult[]
  /** Matches in all episodes. */
  readonly total: number
  /** Episodes that might hold a match but could not be searched because they do not parse, with the reason. */
  readonly failed: readonly { readonly id: string; readonly error: string }[]
}

const FIELD_SCOPE: Readonly<Record<SearchField, 'lines' | 'headers' | 'speakers'>> = { line: 'lines', header: 'headers', who: 'speakers' }

/**
 * Searches every indexed episode. Throws `QueryError` for a query that cannot run. A plain
 * query first skips the files whose text cannot hold it (see `mayContain`), so only the rest
 * are parsed and searched.
 */
export function searchWorkspace(index: WorkspaceIndex, query: FindQuery | CompiledQuery): WorkspaceResults {
  const compiled = 'pattern' in query ? query : compileQuery(query)
  const tokens = compiled.query.regex ? null : requiredTokens(compiled.query.find, compiled.query.matchCase === false)
  const episodes: EpisodeResult[] = []
  const failed: { id: string; error: string }[] = []
  let total = 0
  for (const e of index.episodes) {
    if (tokens && !mayContain(e, tokens, compiled.query.matchCase === false)) continue
    const doc = e.doc()
    if ('error' in doc) {
      failed.push({ id: e.id, error: doc.error })
      continue
    }
    const texts = compiled.scopes.size === ALL_SCOPES.size ? e.texts() : e.texts().filter((t) => compiled.scopes.has(FIELD_SCOPE[t.field]))
    const matches = findInTexts(compiled, texts)
    if (matches.length > 0) {
      episodes.push({ id: e.id, count: matches.length, matches })
      total += matches.length
    }
  }
  return { episodes, total, failed }
}

/**
 * The pieces of a plain search text that must appear verbatim in a file holding it. YAML
 * folds long values only at spaces and doubles `'` inside single quotes, so pieces are cut
 * at whitespace and `'`; for a case-insensitive search, also at non-ASCII letters (whose
 * case rules differ between `toLowerCase` and regular expressions), then lower-cased.
 */
export function requiredTokens(find: string, ignoreCase: boolean): string[] {
  const pieces = find.split(ignoreCase ? /[\s']+|[^\x21-\x7e]+/ : /[\s']+/).filter(Boolean)
  return ignoreCase ? pieces.map((p) => p.toLowerCase()) : pieces
}

/**
 * False only when the episode's file text cannot hold the search: a file without any
 * backslash has no escape sequences, so every value's characters appear in it verbatim apart
 * from folding and quote doubling. Files with escapes, and documents given already parsed,
 * are always searched.
 */
export function mayContain(e: IndexedEpisode, tokens: readonly string[], ignoreCase: boolean): boolean {
  if (e.text === null || e.hasEscapes || tokens.length === 0) return true
  const haystack = ignoreCase ? e.lowerText() : e.text
  return tokens.every((t) => haystack.includes(t))
}
