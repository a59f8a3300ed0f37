import type { Episode, TranscriptLayout } from './episode'
import type { Entry, EpisodeStyle } from './types'
import type { YamlValue } from './yaml-value'

/**
 * An episode parsed by the host, as plain JSON data, sent with the file it was parsed from so the
 * page rebuilds it (`episodeFromWire`) instead of parsing 1.7 MB on code not yet optimized, which
 * was the largest part of opening a long episode. Texts taken whole from the file are sent as
 * their offsets in it; values JSON cannot hold exactly (big ints, NaN, -0, floats, dates) are
 * tagged. Rebuilt, it equals `parseEpisode(text)`.
 */
export interface EpisodeWire {
  readonly version: typeof WIRE_VERSION
  readonly layout: TranscriptLayout
  readonly style: EpisodeStyle
  readonly metadata: readonly WirePair[]
  readonly frontMatterStart: number
  readonly frontMatterEnd: number
  /** Per entry: the offset its `- ` line starts at and its end (its lead runs from the previous end). */
  readonly spans: readonly number[]
  readonly entries: readonly WireEntry[]
}

/** An entry's pairs, and the keys whose plain value some reader misreads (`EntrySource.ambiguous`). */
type WireEntry = readonly [pairs: readonly WirePair[], ambiguous?: readonly string[]]
type WirePair = readonly [string, WireValue]

/**
 * A YAML value as JSON: a string, a safe number, a bool or null as itself; a sequence as an array;
 * otherwise an object with one tag: `s` a string as [start, end] in its entry's text, `m` a
 * mapping's pairs, `i` an int's digits, `n` a number JSON cannot write (NaN, -0, Infinity),
 * `f` a float (a number, or such digits), `d` a date's text.
 */
type WireValue =
  | string
  | number
  | boolean
  | null
  | readonly WireValue[]
  | { readonly s: readonly [number, number] }
  | { readonly m: readonly WirePair[] }
  | { readonly i: string }
  | { readonly n: string }
  | { readonly f: number | string }
  | { readonly d: string }

const WIRE_VERSION = 1

/** Raised when data given as an `EpisodeWire` is not one this code can rebuild. */
export class EpisodeWireError extends Error {
  constructor(reason: string) {
    super(`The host's parse of the file cannot be used: ${reason}`)
    this.name = 'EpisodeWireError'
  }
}

/** `doc` as JSON data for `episodeFromWire`; `doc.source` is sent apart (it is the file's text). */
export function episodeToWire(doc: Episode): EpisodeWire {
  const spans: number[] = []
  let at = doc.layout.itemsStart
  const entries = doc.entries.map((entry): WireEntry => {
    const source = entry.source
    if (source === undefined || source.pairs !== entry.pairs) throw new EpisodeWireError('an entry was edited after parsing')
    const start = at + entry.lead.length
    at = start + source.text.length
    spans.push(start, at)
    const pairs = entry.pairs.map(([key, value]) => [key, wireValue(value, source.text)] as const)
    return source.ambiguous.length > 0 ? [pairs, source.ambiguous] : [pairs]
  })
  return {
    version: WIRE_VERSION,
    layout: doc.layout,
    style: doc.style,
    metadata: doc.metadata.pairs.map(([key, value]) => [key, wireValue(value, null)] as const),
    frontMatterStart: doc.frontMatterStart,
    frontMatterEnd: doc.frontMatterEnd,
    spans,
    entries,
  }
}

/** Shortest text worth sending as offsets rather than itself. */
const SPAN_MIN_LENGTH = 16

/** A number as JSON holds it exactly, else its text (`NaN`, `-0`, `Infinity`), which `Number` reads back. */
function jsonNumber(n: number): number | string {
  if (Object.is(n, -0)) return '-0'
  return Number.isFinite(n) ? n : String(n)
}

function wireValue(value: YamlValue, entryText: string | null): WireValue {
  switch (typeof value) {
    case 'string': {
      const at = entryText !== null && value.length >= SPAN_MIN_LENGTH ? entryText.indexOf(value) : -1
      return at < 0 ? value : { s: [at, at + value.length] }
    }
    case 'number': {
      const exact = jsonNumber(value)
      return typeof exact === 'number' ? exact : { n: exact }
    }
    case 'bigint':
      return { i: value.toString() }
    case 'boolean':
      return value
    case 'object':
      if (value === null) return null
      switch (value.kind) {
        case 'float':
          return { f: jsonNumber(value.value) }
        case 'date':
          return { d: value.text }
        case 'seq':
          return value.items.map((item) => wireValue(item, entryText))
        case 'map':
          return { m: value.pairs.map(([key, item]) => [key, wireValue(item, entryText)] as const) }
      }
  }
  throw new EpisodeWireError(`a value of type ${typeof value}`)
}

/**
 * Rebuilds the episode `wire` describes over `text`, the file it was parsed from. Throws
 * `EpisodeWireError` when the data does not fit the text (another version, spans outside it).
 */
export function episodeFromWire(wire: EpisodeWire, text: string): Episode {
  if (wire?.version !== WIRE_VERSION) throw new EpisodeWireError('it was made by another version')
  const { spans, layout } = wire
  if (spans.length !== wire.entries.length * 2 || layout.itemsEnd > text.length || wire.frontMatterEnd > text.length) {
    throw new EpisodeWireError('it does not fit the text')
  }
  let previousEnd = layout.itemsStart
  const entries = wire.entries.map(([wirePairs, ambiguous], index): Entry => {
    const start = spans[index * 2]!
    const end = spans[index * 2 + 1]!
    if (start < previousEnd || end < start || end > layout.itemsEnd) throw new EpisodeWireError(`entry ${index + 1} does not fit the text`)
    const entryText = text.slice(start, end)
    const pairs = wirePairs.map(([key, value]) => [key, yamlValue(value, entryText)] as const)
    const lead = text.slice(previousEnd, start)
    previousEnd = end
    return { id: index + 1, pairs, lead, source: { text: entryText, pairs, ambiguous: ambiguous ?? [] } }
  })
  return {
    source: text,
    layout,
    entries,
    style: wire.style,
    metadata: { kind: 'map', pairs: wire.metadata.map(([key, value]) => [key, yamlValue(value, null)] as const) },
    frontMatterStart: wire.frontMatterStart,
    frontMatterEnd: wire.frontMatterEnd,
    nextId: entries.length + 1,
  }
}

function yamlValue(value: WireValue, entryText: string | null): YamlValue {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((item: WireValue) => yamlValue(item, entryText)) }
  const tagged = value as Partial<Record<'s' | 'm' | 'i' | 'n' | 'f' | 'd', unknown>>
  if (tagged.s !== undefined) {
    const [start, end] = tagged.s as [number, number]
    if (entryText === null || !(start >= 0 && end >= start && end <= entryText.length)) throw new EpisodeWireError('a text outside its entry')
    return entryText.slice(start, end)
  }
  if (tagged.m !== undefined) return { kind: 'map', pairs: (tagged.m as WirePair[]).map(([key, item]) => [key, yamlValue(item, entryText)] as const) }
  if (typeof tagged.i === 'string') return BigInt(tagged.i)
  if (typeof tagged.n === 'string') return Number(tagged.n)
  if (tagged.f !== undefined) return { kind: 'float', value: Number(tagged.f) }
  if (typeof tagged.d === 'string') return { kind: 'date', text: tagged.d }
  throw new EpisodeWireError('a value of unknown form')
}
