import type { Episode, TranscriptLayout } from './episode'
import { detectStyle } from './detect-style'
import { locate, locateFrontMatter } from './front-matter'
import { isPortablePlain, resolvePlain } from './pyyaml-resolve'
import { EpisodeSyntaxError, type Entry } from './types'
import type { YamlMap, YamlValue } from './yaml-value'
import { parseYamlTree, type MapNode, type PairNode, type YamlNode } from './yaml-tree'

/**
 * Parses an episode file: front matter, metadata typed as PyYAML (YAML 1.1) reads it, and the
 * transcript as entries that remember their exact source text. Throws `EpisodeSyntaxError`
 * (with line and column) for a file that is not an episode.
 */
export function parseEpisode(text: string): Episode {
  const fm = locateFrontMatter(text)
  const tree = parseYamlTree(text, fm.start, fm.end)
  const newline = text.charCodeAt(fm.start - 2) === 13 ? '\r\n' : '\n'
  const transcriptPair = tree.pairs.find((p) => p.key === 'transcript')
  const metadata: YamlMap = {
    kind: 'map',
    pairs: tree.pairs.filter((p) => p !== transcriptPair).map((p) => [p.key, toValue(p.value)] as const),
  }
  const { layout, entries, seqIndent } = transcriptPair
    ? readTranscript(text, transcriptPair)
    : absentTranscript(tree, fm.start)
  return {
    source: text,
    layout,
    entries,
    style: detectStyle(entries, seqIndent, newline),
    metadata,
    frontMatterStart: fm.start,
    frontMatterEnd: fm.end,
    nextId: entries.length + 1,
  }
}

function absentTranscript(tree: MapNode, fmStart: number) {
  const at = tree.pairs.length > 0 ? tree.end : fmStart
  const layout: TranscriptLayout = { form: 'absent', valueStart: at, valueEnd: at, itemsStart: at, itemsEnd: at }
  return { layout, entries: [] as Entry[], seqIndent: 0 }
}

function readTranscript(text: string, pair: PairNode) {
  // A repeated `transcript:` keeps its last value (as PyYAML does): read the layout from that key.
  const colon = text.indexOf(':', pair.valueKeyStart + pair.key.length)
  const lineBreak = text.indexOf('\n', colon)
  const afterKeyLine = lineBreak === -1 ? text.length : lineBreak + 1
  const node = pair.value
  const fail = (message: string, offset: number): never => {
    const { line, column } = locate(text, offset)
    throw new EpisodeSyntaxError(message, line, column)
  }
  if (node.type === 'scalar') {
    if (node.style !== 'plain' || resolvePlain(node.text) !== null) {
      fail('"transcript" must be a list of entries, but it holds text', node.start)
    }
    const layout: TranscriptLayout = {
      form: 'empty',
      valueStart: colon + 1,
      valueEnd: node.text === '' ? colon + 1 : node.end,
      itemsStart: afterKeyLine,
      itemsEnd: afterKeyLine,
    }
    return { layout, entries: [] as Entry[], seqIndent: 0 }
  }
  if (node.type === 'map') fail('"transcript" must be a list of entries, but it is a set of keys', node.start)
  if (node.type !== 'seq') throw new Error('unreachable')
  if (node.flow) {
    if (node.items.length > 0) fail('A transcript written inside [ ] brackets is not supported', node.start)
    const layout: TranscriptLayout = { form: 'empty', valueStart: colon + 1, valueEnd: node.end, itemsStart: afterKeyLine, itemsEnd: afterKeyLine }
    return { layout, entries: [] as Entry[], seqIndent: 0 }
  }
  const entries: Entry[] = []
  let previousEnd = afterKeyLine
  // Speakers and other short values repeat from entry to entry: check each text once.
  const misread = new Map<string, boolean>()
  node.items.forEach((item, index) => {
    const lineStart = node.itemLines[index]!
    if (item.type !== 'map') {
      fail('Each transcript entry must be a set of keys such as "- line: …" or "- header: …"', lineStart)
    }
    const itemMap = item as MapNode
    const pairs = itemMap.pairs.map((p) => [p.key, toValue(p.value)] as const)
    const ambiguous: string[] = []
    itemMap.pairs.forEach((p, i) => {
      if (p.value.type !== 'scalar' || p.value.style !== 'plain' || typeof pairs[i]![1] !== 'string') return
      const text = p.value.text
      // Only short texts are remembered: looking a long one up would hash (and copy) all of it.
      let maybe = text.length <= MEMO_LENGTH ? misread.get(text) : undefined
      if (maybe === undefined) {
        maybe = mightBeMisread(text)
        if (text.length <= MEMO_LENGTH) misread.set(text, maybe)
      }
      if (maybe) ambiguous.push(p.key)
    })
    entries.push({
      id: index + 1,
      pairs,
      lead: text.slice(previousEnd, lineStart),
      source: { text: text.slice(lineStart, itemMap.end), pairs, ambiguous },
    })
    previousEnd = itemMap.end
  })
  const layout: TranscriptLayout = {
    form: 'block',
    valueStart: colon + 1,
    valueEnd: colon + 1,
    itemsStart: afterKeyLine,
    itemsEnd: previousEnd,
  }
  const first = node.itemLines[0]!
  return { layout, entries, seqIndent: node.start - first }
}

/**
 * Whether some YAML reader may take this plain text for a non-string. Prose (long, starting
 * with a letter) never matches a number, date, time, bool or null, so it skips the full check.
 */
function mightBeMisread(text: string): boolean {
  if (text.length > 32 && isAsciiLetter(text.charCodeAt(0))) return false
  return !isPortablePlain(text)
}

/** Texts up to this long have their `mightBeMisread` remembered while a file is parsed (speakers, short lines). */
const MEMO_LENGTH = 64

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** Types a tree node the way PyYAML's SafeLoader does (plain scalars through its resolver). */
function toValue(node: YamlNode): YamlValue {
  switch (node.type) {
    case 'scalar':
      return node.style === 'plain' ? resolvePlain(node.text) : node.text
    case 'seq':
      return { kind: 'seq', items: node.items.map(toValue) }
    case 'map':
      return { kind: 'map', pairs: node.pairs.map((p) => [p.key, toValue(p.value)] as const) }
  }
}
