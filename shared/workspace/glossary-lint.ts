import type { Episode } from '../episode/episode'
import { textOf } from '../episode/entry'
import { compileQuery, escapeRegExp, type CompiledQuery } from './find-query'
import { applyReplacements, findInEpisode, refKey, type FindMatch, type MatchRef, type ReplaceResult } from './find-replace'
import type { Glossary } from './glossary'
import type { ProblemWithFix } from './speaker-lint'
import { searchWorkspace, type WorkspaceIndex } from './workspace-index'

/** A known misspelling found in a line or header, with the term it should be. */
export interface GlossaryHit extends FindMatch {
  readonly term: string
}

/** The glossary as one query (every misspelling, whole words, any case, in lines and headers), or null when it lists none. */
export function glossaryQuery(glossary: Glossary): CompiledQuery | null {
  const alternatives = glossary.terms
    .flatMap((t) => t.misspellings)
    .filter((m) => m.trim() !== '')
    .sort((a, b) => b.length - a.length)
  if (alternatives.length === 0) return null
  return compileQuery({ find: alternatives.map(escapeRegExp).join('|'), regex: true, matchCase: false, wholeWord: true, in: ['lines', 'headers'] })
}

function termsByMisspelling(glossary: Glossary): Map<string, string> {
  const terms = new Map<string, string>()
  for (const t of glossary.terms) for (const m of t.misspellings) terms.set(m.toLowerCase(), t.term)
  return terms
}

/**
 * The glossary hits among matches of `glossaryQuery` (found anywhere, such as a search in the
 * host): each tagged with its term as the replacement, those already spelt as the term dropped.
 */
export function hitsOfMatches(matches: readonly FindMatch[], glossary: Glossary): GlossaryHit[] {
  return toHits(matches, termsByMisspelling(glossary))
}

/**
 * Corrects the known misspellings of an episode (all of them, or only the hits in `selection`)
 * as one set of edits: every touched line or header changes once.
 */
export function fixGlossaryHits(doc: Episode, glossary: Glossary, selection?: readonly MatchRef[]): ReplaceResult {
  const chosen = selection ? new Set(selection.map(refKey)) : null
  const hits = glossaryHits(doc, glossary).filter((h) => chosen === null || chosen.has(refKey(h)))
  return applyReplacements(doc, hits.map((h) => ({ ...h, replacement: h.term })))
}

/**
 * Tags matches with their term, dropping those already spelt exactly as the term and those
 * that are part of the term where they stand ("Sherlock" in "Sherlock Holmes").
 */
function toHits(matches: readonly FindMatch[], terms: ReadonlyMap<string, string>): GlossaryHit[] {
  return matches.flatMap((m) => {
    const term = terms.get(m.match.toLowerCase())
    return term === undefined || term === m.match || isInsideTerm(m, term) ? [] : [{ ...m, term, replacement: term }]
  })
}

/**
 * Whether the match is one piece of a longer occurrence of `term` (in any case, as the
 * glossary matches) in the text around it, as the match's context shows it.
 */
function isInsideTerm(m: FindMatch, term: string): boolean {
  if (term.length <= m.match.length) return false
  const before = m.before.startsWith('…') ? m.before.slice(1) : m.before
  const after = m.after.endsWith('…') ? m.after.slice(0, -1) : m.after
  const text = (before + m.match + after).toLowerCase()
  const lowerTerm = term.toLowerCase()
  const piece = m.match.toLowerCase()
  for (let k = lowerTerm.indexOf(piece); k >= 0; k = lowerTerm.indexOf(piece, k + 1)) {
    const from = before.length - k
    if (from >= 0 && text.startsWith(lowerTerm, from)) return true
  }
  return false
}

/** Every known misspelling in an episode's lines and headers, each with its term as the replacement. */
export function glossaryHits(doc: Episode, glossary: Glossary): GlossaryHit[] {
  const query = glossaryQuery(glossary)
  return query ? toHits(findInEpisode(doc, query), termsByMisspelling(glossary)) : []
}

/**
 * Flags each known misspelling (`misspelling`) with the corrected text of its line or header
 * as the suggestion, so one click (`setLine` / `setHeader` with it) fixes it.
 */
export function lintGlossary(doc: Episode, glossary: Glossary): ProblemWithFix[] {
  return glossaryHits(doc, glossary).map((hit) => ({
    entry: hit.entry,
    severity: 'warning',
    code: 'misspelling',
    message: `"${hit.match}" is a known mishearing of "${hit.term}"`,
    suggestion: fixedText(doc, hit),
  }))
}

/** The hit's line or header with this one misspelling corrected. */
function fixedText(doc: Episode, hit: GlossaryHit): string {
  const text = textOf(doc.entries[hit.entry]!, hit.field) ?? ''
  return text.slice(0, hit.start) + hit.term + text.slice(hit.end)
}

/** Every known misspelling across the workspace, grouped by episode in index order. */
export function glossaryHitsInWorkspace(index: WorkspaceIndex, glossary: Glossary): { readonly id: string; readonly hits: readonly GlossaryHit[] }[] {
  const query = glossaryQuery(glossary)
  if (!query) return []
  const terms = termsByMisspelling(glossary)
  return searchWorkspace(index, query).episodes.flatMap((e) => {
    const hits = toHits(e.matches, terms)
    return hits.length > 0 ? [{ id: e.id, hits }] : []
  })
}
