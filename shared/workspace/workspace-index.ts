import type { Episode } from '../episode/episode'
import { parseEpisode } from '../episode/parse-episode'
import { compileQuery, matchesIn, SEARCH_SCOPES, type CompiledQuery, type FindQuery, type SearchScope } from './find-query'
import { searchableTexts, toFindMatch, type FindMatch, type SearchableText, type SearchField } from './find-replace'

/** An episode to index: its file text (parsed on demand), or a document already open in the editor. */
export type EpisodeSource =
  | { readonly id: string; readonly text: string }
  | { readonly id: string; readonly doc: Episode }

/**
 * One indexed episode. The file text is kept as is; its searchable texts are extracted on
 * first use and remembered (a search for a rare word parses only the few files whose text
 * can hold it). The parsed document itself is not kept, so a large workspace stays small.
 */
export interface IndexedEpisode {
  /** The caller's name for the episode (a path relative to the workspace, a handle). */
  readonly id: string
  /** The file text, or null for a document given already parsed (perhaps edited). */
  readonly text: string | null
  /** Whether the text holds a backslash, so a value may be written with escapes (`\u2019`). */
  readonly hasEscapes: boolean
  /** The episode (parsed again from the text on each call, for a replacement), or why it cannot be parsed. */
  readonly doc: () => Episode | { readonly error: string }
  /** Every line, header and speaker text in entry order, or why the file cannot be parsed. */
  readonly texts: () => readonly SearchableText[] | { readonly error: string }
  /** The texts of the given scopes joined by NUL characters, with where each starts, for one regex pass. */
  readonly joined: (scopes: ReadonlySet<SearchScope>) => JoinedTexts
  /** The text in lower case, for the quick check of case-insensitive searches. */
  readonly lowerText: () => string
}

/** Texts joined into one string (`\0` between them), so a plain search runs one regex pass per episode. */
export interface JoinedTexts {
  readonly blob: string
  readonly texts: readonly SearchableText[]
  /** Offset in `blob` of each text. */
  readonly starts: readonly number[]
}

/** Episodes indexed for search across a workspace. Immutable: updates return a new index. */
export interface WorkspaceIndex {
  readonly episodes: readonly IndexedEpisode[]
}

const ALL_SCOPES: ReadonlySet<SearchScope> = new Set(SEARCH_SCOPES)
const DEFAULT_SCOPES: ReadonlySet<SearchScope> = new Set(['lines'])
const SEPARATOR = '\0'

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

function parseOrError(text: string): Episode | { error: string } {
  try {
    return parseEpisode(text)
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}

/** Indexes one episode (cheap: parsing waits until a search needs it). */
export function indexEpisode(source: EpisodeSource): IndexedEpisode {
  const text = 'text' in source ? source.text : null
  const doc = 'doc' in source ? () => source.doc : () => parseOrError(source.text)
  const texts = memo(() => {
    const parsed = doc()
    return 'error' in parsed ? parsed : searchableTexts(parsed.entries, ALL_SCOPES)
  })
  const joinedByScopes = new Map<string, JoinedTexts>()
  const joined = (scopes: ReadonlySet<SearchScope>): JoinedTexts => {
    const key = SEARCH_SCOPES.filter((s) => scopes.has(s)).join(',')
    let found = joinedByScopes.get(key)
    if (!found) {
      const all = texts()
      const chosen = 'error' in all ? [] : all.filter((t) => scopes.has(FIELD_SCOPE[t.field]))
      const starts: number[] = []
      let at = 0
      for (const t of chosen) {
        starts.push(at)
        at += t.text.length + 1
      }
      found = { blob: chosen.map((t) => t.text).join(SEPARATOR), texts: chosen, starts }
      joinedByScopes.set(key, found)
    }
    return found
  }
  return { id: source.id, text, hasEscapes: text !== null && text.includes('\\'), doc, texts, joined, lowerText: memo(() => (text ?? '').toLowerCase()) }
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

/** Parses every episode now (and joins its lines, the default scope), so that later searches never wait for parsing. */
export function warmIndex(index: WorkspaceIndex): void {
  for (const e of index.episodes) e.joined(DEFAULT_SCOPES)
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

const FIELD_SCOPE: Readonly<Record<SearchField, SearchScope>> = { line: 'lines', header: 'headers', who: 'speakers' }

/** Bounds of a search's answer: every match is counted, but only so many per episode are described. */
export interface SearchLimits {
  /** Matches of an episode beyond this many are counted, not returned (default: all are returned). */
  readonly maxMatchesPerEpisode?: number
}

/**
 * Searches every indexed episode. Throws `QueryError` for a query that cannot run. A plain
 * query first skips the files whose text cannot hold it (see `mayContain`), so only the rest
 * are parsed, and then runs once over each episode's joined texts.
 */
export function searchWorkspace(index: WorkspaceIndex, query: FindQuery | CompiledQuery, options: SearchLimits = {}): WorkspaceResults {
  const limit = options.maxMatchesPerEpisode ?? Infinity
  const compiled = 'pattern' in query ? query : compileQuery(query)
  const plain = !compiled.query.regex && !compiled.query.find.includes(SEPARATOR)
  const ignoreCase = compiled.query.matchCase === false
  const tokens = plain ? requiredTokens(compiled.query.find, ignoreCase) : null
  const episodes: EpisodeResult[] = []
  const failed: { id: string; error: string }[] = []
  let total = 0
  for (const e of index.episodes) {
    if (tokens && !mayContain(e, tokens, ignoreCase)) continue
    const texts = e.texts()
    if ('error' in texts) {
      failed.push({ id: e.id, error: texts.error })
      continue
    }
    const { count, matches } = plain
      ? findInJoined(compiled, e.joined(compiled.scopes), limit)
      : findInTextsLimited(compiled, texts.filter((t) => compiled.scopes.has(FIELD_SCOPE[t.field])), limit)
    if (count > 0) {
      episodes.push({ id: e.id, count, matches })
      total += count
    }
  }
  return { episodes, total, failed }
}

/**
 * The matches of a plain query in joined texts: the same as searching each text, since a
 * plain search cannot match the NUL between texts and NUL is no letter for `wholeWord`.
 */
function findInJoined(compiled: CompiledQuery, joined: JoinedTexts, limit: number): { count: number; matches: FindMatch[] } {
  const out: FindMatch[] = []
  let k = 0
  const found = matchesIn(compiled, joined.blob)
  for (const m of found) {
    if (out.length >= limit) break
    while (k + 1 < joined.starts.length && joined.starts[k + 1]! <= m.start) k++
    const offset = joined.starts[k]!
    out.push(toFindMatch(compiled, joined.texts[k]!, { start: m.start - offset, end: m.end - offset, groups: m.groups }))
  }
  return { count: found.length, matches: out }
}

/** `findInTexts` describing only the first `limit` matches (all are counted). */
function findInTextsLimited(compiled: CompiledQuery, texts: readonly SearchableText[], limit: number): { count: number; matches: FindMatch[] } {
  const out: FindMatch[] = []
  let count = 0
  for (const t of texts) {
    for (const m of matchesIn(compiled, t.text)) {
      if (out.length < limit) out.push(toFindMatch(compiled, t, m))
      count++
    }
  }
  return { count, matches: out }
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
