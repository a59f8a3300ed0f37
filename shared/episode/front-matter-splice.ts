import type { Episode } from './episode'
import { locateFrontMatter } from './front-matter'
import { emitEntry, emitScalar, type EmitOptions } from './pyyaml-emit'
import { parseYamlTree, type PairNode } from './yaml-tree'
import { yamlEquals, type YamlValue } from './yaml-value'

/** A new value for one top-level front-matter key other than `transcript`. */
export interface MetadataChange {
  readonly key: string
  /** A string or number (written as a scalar), or a list of mappings (written as a block sequence). */
  readonly value: string | number | readonly YamlValue[]
  /** Where to add the key when the file lacks it: before this key (or at the end); without it, a missing key is not added. */
  readonly addBefore?: string
}

/**
 * Rewrites top-level front-matter keys by splicing, as the serializer does for the transcript:
 * every byte outside the changed values stays as it is; a scalar is rewritten on its own line;
 * in a list, each item whose value is unchanged keeps its exact text (matched in order, so an
 * inserted item does not disturb the ones after it) and only new or changed items are written,
 * by the PyYAML emitter in the file's style (sequence indentation, raw or escaped non-ASCII,
 * line breaks, the items' own key order). Returns the new text of the whole file.
 */
export function spliceMetadata(doc: Episode, changes: readonly MetadataChange[]): string {
  const text = doc.source
  const fm = locateFrontMatter(text)
  const tree = parseYamlTree(text, fm.start, fm.end)
  const options: EmitOptions = { allowUnicode: doc.style.allowUnicode, sortKeys: false, quoting: 'portable', seqIndent: 0, newline: doc.style.newline }
  const edits: { start: number; end: number; text: string; order: number }[] = []
  for (const change of changes) {
    const pair = tree.pairs.filter((p) => p.key === change.key).at(-1)
    if (pair) {
      const edit = replacePair(text, pair, change, currentValue(doc, change.key), options)
      if (edit) edits.push({ ...edit, order: edits.length })
    } else if (change.addBefore !== undefined) {
      const before = tree.pairs.find((p) => p.key === change.addBefore)
      const at = before ? before.start : fm.end
      edits.push({ start: at, end: at, text: writePair(change, options), order: edits.length })
    }
  }
  // From the end backwards, so offsets stay valid; keys added at one place keep the given order.
  edits.sort((a, b) => b.start - a.start || b.order - a.order)
  let out = text
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end)
  return out
}

function currentValue(doc: Episode, key: string): YamlValue | undefined {
  return doc.metadata.pairs.filter(([k]) => k === key).at(-1)?.[1]
}

/** The edit that gives `pair` its new value; null when it already has it. */
function replacePair(text: string, pair: PairNode, change: MetadataChange, current: YamlValue | undefined, options: EmitOptions) {
  const { value } = change
  if (!Array.isArray(value)) {
    if (current !== undefined && yamlEquals(current, value as string | number)) return null
    return { start: pair.start, end: pair.end, text: writePair(change, options) }
  }
  const node = pair.value
  if (value.length === 0 || node.type !== 'seq' || node.flow || node.items.length === 0 || current === undefined || typeof current !== 'object' || current === null || current.kind !== 'seq') {
    return { start: pair.start, end: pair.end, text: writePair(change, options) }
  }
  const seqIndent = node.items[0]!.start - node.itemLines[0]! - 2
  const olds = node.items.map((item, i) => ({ value: current.items[i]!, text: text.slice(node.itemLines[i]!, item.end) }))
  const items = reuseItems(olds, value, { ...options, seqIndent })
  const start = node.itemLines[0]!
  const replaced = items.join('')
  return replaced === text.slice(start, node.end) ? null : { start, end: node.end, text: replaced }
}

/** The items' texts: an old item's own text where its value is unchanged, else the emitter's. */
function reuseItems(olds: readonly { value: YamlValue; text: string }[], values: readonly YamlValue[], options: EmitOptions): string[] {
  let from = 0
  return values.map((value) => {
    const at = olds.findIndex((o, i) => i >= from && yamlEquals(o.value, value))
    if (at >= 0) {
      from = at + 1
      return olds[at]!.text
    }
    return emitItem(value, options)
  })
}

function emitItem(value: YamlValue, options: EmitOptions): string {
  if (value !== null && typeof value === 'object' && value.kind === 'map') return emitEntry(value.pairs, options)
  throw new Error('Only lists of mappings can be written into the front matter')
}

/** A whole `key: value` pair as PyYAML writes it at the top level. */
function writePair(change: MetadataChange, options: EmitOptions): string {
  const { key, value } = change
  const nl = options.newline
  if (Array.isArray(value)) {
    if (value.length === 0) return `${key}: []${nl}`
    return `${key}:${nl}${value.map((v) => emitItem(v, options)).join('')}`
  }
  if (typeof value === 'number') return `${key}: ${value}${nl}`
  return `${key}:${emitScalar(value as string, options, 2, key.length + 1)}${nl}`
}
