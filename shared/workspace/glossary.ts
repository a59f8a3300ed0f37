import { isPortablePlain } from '../episode/pyyaml-resolve'
import { EpisodeSyntaxError } from '../episode/types'
import { parseYamlTree, type PairNode, type YamlNode } from '../episode/yaml-tree'

/** Where the glossary lives in a site checkout, relative to its root. */
export const GLOSSARY_PATH = '_data/transcript-glossary.yml'

/** One term: its correct spelling and how transcripts mishear it. */
export interface GlossaryTerm {
  readonly term: string
  readonly misspellings: readonly string[]
}

/**
 * The glossary of misheard names, a human-edited YAML mapping such as
 * `Grafana: [Grifana, Graphana]` (a block list under the term works too; comments are kept).
 * Immutable; `source` is the text it came from, so edits change only the lines they touch.
 */
export interface Glossary {
  readonly source: string
  readonly terms: readonly GlossaryTerm[]
  /** Source span of each term's `key: value` lines, in `terms` order. */
  readonly spans: readonly { readonly start: number; readonly end: number }[]
}

/** An empty glossary, for a checkout that has none yet; its first term creates the file's text. */
export const EMPTY_GLOSSARY: Glossary = {
  source: '# Misheard names in transcripts: the right spelling, then how transcripts get it wrong.\n',
  terms: [],
  spans: [],
}

/**
 * Reads a glossary file. Throws `EpisodeSyntaxError` (line, column, plain words) for text
 * that is not a mapping of terms to a misspelling or a list of them.
 */
export function parseGlossary(text: string): Glossary {
  if (text.trim() === '') return { source: text, terms: [], spans: [] }
  const src = text.endsWith('\n') ? text : `${text}\n`
  const tree = parseYamlTree(src, 0, src.length)
  const terms: GlossaryTerm[] = []
  const spans: { start: number; end: number }[] = []
  for (const pair of tree.pairs) {
    const misspellings = stringsOf(src, pair)
    const at = terms.findIndex((t) => t.term === pair.key)
    if (at >= 0) {
      // A repeated term: the last one wins, as YAML readers have it.
      terms.splice(at, 1)
      spans.splice(at, 1)
    }
    terms.push({ term: pair.key, misspellings })
    spans.push({ start: pair.start, end: Math.min(pair.end, text.length) })
  }
  return { source: text, terms, spans }
}

function stringsOf(src: string, pair: PairNode): string[] {
  const fail = (node: YamlNode): never => {
    const { line, column } = lineColumn(src, node.start)
    throw new EpisodeSyntaxError(`"${pair.key}" must be followed by a misspelling or a list of them, as in "Grafana: [Grifana, Graphana]"`, line, column)
  }
  const value = pair.value
  if (value.type === 'scalar') return value.text === '' && value.style === 'plain' ? [] : [value.text]
  if (value.type !== 'seq') return fail(value)
  return value.items.map((item) => (item.type === 'scalar' ? item.text : fail(item)))
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before[before.length - 1]!.length + 1 }
}

/**
 * The glossary's text with `misspelling` added under `term` (a new term is appended as one
 * line). Every other byte of the file stays as it was; the term's own lines are rewritten as
 * one `Term: [a, b]` line. Adding a misspelling already listed returns the text unchanged.
 */
export function addMisspelling(glossary: Glossary, term: string, misspelling: string): string {
  const at = glossary.terms.findIndex((t) => t.term === term)
  const src = glossary.source
  if (at < 0) {
    const base = src === '' || src.endsWith('\n') ? src : `${src}\n`
    return `${base}${termLine(term, [misspelling])}\n`
  }
  const existing = glossary.terms[at]!
  if (existing.misspellings.includes(misspelling)) return src
  const span = glossary.spans[at]!
  const tail = src.slice(span.start, span.end).endsWith('\n') ? '\n' : ''
  return src.slice(0, span.start) + termLine(term, [...existing.misspellings, misspelling]) + tail + src.slice(span.end)
}

/** A term's line as the glossary writes it: `Term: [a, b]`, quoting only what YAML would misread. */
export function termLine(term: string, misspellings: readonly string[]): string {
  return `${flowScalar(term)}: [${misspellings.map(flowScalar).join(', ')}]`
}

/** A string as a scalar inside `[ ]`: plain when every YAML reader reads it back as itself, else single-quoted. */
function flowScalar(text: string): string {
  if (isPortablePlain(text) && !/[[\]{},'"]/.test(text)) return text
  return `'${text.replace(/'/g, "''")}'`
}
