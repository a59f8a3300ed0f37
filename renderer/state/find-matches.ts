import type { Episode, EntryId } from '../../shared/episode/index'
import { compileQuery, QueryError, type CompiledQuery, type FindQuery } from '../../shared/workspace/find-query'
import { findInEpisode, refKey, type FindMatch, type MatchRef, type SearchField } from '../../shared/workspace/find-replace'
import type { Column, FindState, SearchOptions } from './app-state'

/** A query compiled from the find bar, or why it cannot run (null query and no error: nothing typed). */
export interface CompiledFind {
  readonly compiled: CompiledQuery | null
  readonly error: string | null
}

/** A match in the open episode, with the row and cell it shows in. */
export interface GridMatch extends FindMatch {
  readonly id: EntryId
  readonly column: Column
}

/** The grid column a field shows in. */
export function columnOfField(field: SearchField): Column {
  return field === 'who' ? 'who' : 'text'
}

/** The search options and texts as the shared find library takes them. */
export function toFindQuery(find: string, options: SearchOptions, replace?: string): FindQuery {
  return { find, regex: options.regex, matchCase: options.matchCase, wholeWord: options.wholeWord, in: options.scopes, ...(replace !== undefined ? { replace } : {}) }
}

let lastCompiled: { key: string; value: CompiledFind } | null = null

/** Compiles the find bar's query and options (memoised on them), with the replacement when the replace field is open. */
export function compiledFind(find: FindState): CompiledFind {
  const key = JSON.stringify([find.query, find.replaceOpen ? find.replacement : null, find.regex, find.matchCase, find.wholeWord, find.scopes])
  if (lastCompiled?.key === key) return lastCompiled.value
  let value: CompiledFind
  if (find.query === '') value = { compiled: null, error: null }
  else {
    try {
      value = { compiled: compileQuery(toFindQuery(find.query, find, find.replaceOpen ? find.replacement : undefined)), error: null }
    } catch (error) {
      if (!(error instanceof QueryError)) throw error
      value = { compiled: null, error: error.message }
    }
  }
  lastCompiled = { key, value }
  return value
}

const matchCache = new WeakMap<Episode['entries'], { compiled: CompiledQuery; matches: readonly GridMatch[] }>()

/** Every match of the compiled query in the document, in row order (speaker before text within a row); cached per document. */
export function gridMatches(doc: Episode, compiled: CompiledQuery | null): readonly GridMatch[] {
  if (!compiled) return []
  const cached = matchCache.get(doc.entries)
  if (cached && cached.compiled === compiled) return cached.matches
  const order = (m: FindMatch) => (m.field === 'who' ? 0 : 1)
  const matches = findInEpisode(doc, compiled)
    .map((m) => ({ ...m, id: doc.entries[m.entry]!.id, column: columnOfField(m.field) }))
    .sort((a, b) => a.entry - b.entry || order(a) - order(b) || a.start - b.start)
  matchCache.set(doc.entries, { compiled, matches })
  return matches
}

/** The position of `ref` among `matches`, or -1. */
export function indexOfMatch(matches: readonly MatchRef[], ref: MatchRef | null): number {
  if (!ref) return -1
  const key = refKey(ref)
  return matches.findIndex((m) => refKey(m) === key)
}
