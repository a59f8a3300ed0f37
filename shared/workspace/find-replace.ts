import type { Episode } from '../episode/episode'
import { isHeader, textOf } from '../episode/entry'
import { setHeader, setLine, setSpeaker } from '../episode/edits'
import type { Entry } from '../episode/types'
import { compileQuery, matchesIn, replacementFor, type CompiledQuery, type FindQuery, type SearchScope, type TextMatch } from './find-query'

/** The entry field a match is in: `line` and `who` of spoken lines, `header` of headers. */
export type SearchField = 'line' | 'header' | 'who'

/** One searchable text of an episode. */
export interface SearchableText {
  /** Index of the entry (0-based, headers included), as the edit functions number them. */
  readonly entry: number
  readonly field: SearchField
  readonly text: string
}

/** Identifies one match, so a review list can say which matches to replace. */
export interface MatchRef {
  readonly entry: number
  readonly field: SearchField
  /** UTF-16 offset of the match in the field's text. */
  readonly start: number
}

/** A match of a query in an episode, with what it would become and some text around it for a result list. */
export interface FindMatch extends MatchRef {
  readonly end: number
  readonly match: string
  /** The replacement text (with `$1` expanded); absent when the query has no `replace`. */
  readonly replacement?: string
  /** Up to `CONTEXT_CHARS` characters before and after the match, cut at a space where possible. */
  readonly before: string
  readonly after: string
}

/** How much text a match shows on each side in result lists. */
export const CONTEXT_CHARS = 40

const FIELD_OF_SCOPE: Readonly<Record<SearchScope, SearchField>> = { lines: 'line', headers: 'header', speakers: 'who' }

/** The texts of an episode a query with these scopes looks in, in entry order. */
export function searchableTexts(entries: readonly Entry[], scopes: ReadonlySet<SearchScope>): SearchableText[] {
  const out: SearchableText[] = []
  entries.forEach((entry, i) => {
    if (isHeader(entry)) {
      const header = textOf(entry, 'header')
      if (scopes.has('headers') && header !== undefined) out.push({ entry: i, field: 'header', text: header })
      return
    }
    for (const scope of ['lines', 'speakers'] as const) {
      if (!scopes.has(scope)) continue
      const field = FIELD_OF_SCOPE[scope]
      const text = textOf(entry, field)
      if (text !== undefined) out.push({ entry: i, field, text })
    }
  })
  return out
}

/** Runs a compiled query over texts; the shared core of episode and workspace search. */
export function findInTexts(compiled: CompiledQuery, texts: readonly SearchableText[]): FindMatch[] {
  const out: FindMatch[] = []
  for (const t of texts) for (const m of matchesIn(compiled, t.text)) out.push(toFindMatch(compiled, t, m))
  return out
}

/** A match found in `t.text` (offsets relative to it) as a result with its replacement and context. */
export function toFindMatch(compiled: CompiledQuery, t: SearchableText, m: TextMatch): FindMatch {
  const { entry, field, text } = t
  return {
    entry,
    field,
    start: m.start,
    end: m.end,
    match: text.slice(m.start, m.end),
    ...(compiled.query.replace !== undefined ? { replacement: replacementFor(compiled, m, text) } : {}),
    before: contextBefore(text, m.start),
    after: contextAfter(text, m.end),
  }
}

/** Every match of `query` in the episode, in entry order. Throws `QueryError` for a query that cannot run. */
export function findInEpisode(doc: Episode, query: FindQuery | CompiledQuery): FindMatch[] {
  const compiled = 'pattern' in query ? query : compileQuery(query)
  return findInTexts(compiled, searchableTexts(doc.entries, compiled.scopes))
}

/** What a replacement did: the new episode and which entries changed. */
export interface ReplaceResult {
  readonly doc: Episode
  /** How many matches were replaced. */
  readonly replaced: number
  /** Indices of the entries whose text changed, ascending. */
  readonly entries: readonly number[]
}

/**
 * Replaces the matches of `query` (all of them, or only those in `selection`) through the
 * episode's edit functions, so saving rewrites only the entries that changed and undo sees
 * ordinary edits. A query without `replace` replaces with the empty string. A speaker
 * replaced by nothing is kept as an empty `who`, never removed.
 */
export function replaceInEpisode(doc: Episode, query: FindQuery | CompiledQuery, selection?: readonly MatchRef[]): ReplaceResult {
  const compiled = 'pattern' in query ? query : compileQuery(query)
  const chosen = selection ? new Set(selection.map(refKey)) : null
  const matches = findInEpisode(doc, compiled).filter((m) => chosen === null || chosen.has(refKey(m)))
  return applyReplacements(doc, matches.map((m) => ({ ...m, replacement: m.replacement ?? '' })))
}

/** A span of an entry's field and the text it becomes. */
export interface Replacement extends MatchRef {
  readonly end: number
  readonly replacement: string
}

/**
 * Replaces spans of the episode's texts (non-overlapping within a field, offsets in the field's
 * current text) through the edit functions, one edit per touched field, so saving rewrites only
 * the entries that changed. The shared core of replace and of glossary fixes.
 */
export function applyReplacements(doc: Episode, replacements: readonly Replacement[]): ReplaceResult {
  const byText = new Map<string, Replacement[]>()
  for (const r of replacements) {
    const key = `${r.entry}:${r.field}`
    const list = byText.get(key)
    if (list) list.push(r)
    else byText.set(key, [r])
  }
  let next = doc
  let replaced = 0
  const changed = new Set<number>()
  for (const parts of byText.values()) {
    const { entry, field } = parts[0]!
    const text = textOf(doc.entries[entry]!, field) ?? ''
    let out = ''
    let at = 0
    for (const m of [...parts].sort((a, b) => a.start - b.start)) {
      out += text.slice(at, m.start) + m.replacement
      at = m.end
    }
    out += text.slice(at)
    replaced += parts.length
    if (out === text) continue
    next = field === 'line' ? setLine(next, entry, out) : field === 'header' ? setHeader(next, entry, out) : setSpeaker(next, entry, out)
    changed.add(entry)
  }
  return { doc: next, replaced, entries: [...changed].sort((a, b) => a - b) }
}

/** The key of a match reference, for sets of chosen matches. */
export function refKey(ref: MatchRef): string {
  return `${ref.entry}:${ref.field}:${ref.start}`
}

function contextBefore(text: string, start: number): string {
  if (start <= CONTEXT_CHARS) return text.slice(0, start)
  const cut = text.indexOf(' ', start - CONTEXT_CHARS)
  return '…' + text.slice(cut >= 0 && cut < start ? cut + 1 : start - CONTEXT_CHARS, start)
}

function contextAfter(text: string, end: number): string {
  if (text.length - end <= CONTEXT_CHARS) return text.slice(end)
  const cut = text.lastIndexOf(' ', end + CONTEXT_CHARS)
  return text.slice(end, cut > end ? cut : end + CONTEXT_CHARS) + '…'
}
