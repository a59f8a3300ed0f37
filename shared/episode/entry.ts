import type { Entry } from './types'
import { yamlEquals, type YamlValue } from './yaml-value'

/** Key order PyYAML's scripts give entries; a key an entry lacks is inserted at its place in it. */
const CANONICAL_ORDER = ['header', 'line', 'sec', 'time', 'who']

/** The value of `key` in an entry, or undefined when the entry lacks the key. */
export function valueOf(entry: Entry, key: string): YamlValue | undefined {
  // An indexed loop: whole-episode passes (speaker counts, height estimates) call this for every
  // entry when an episode opens, while the code is still cold, where an iterator with
  // destructuring costs several times as much.
  const pairs = entry.pairs
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!
    if (pair[0] === key) return pair[1]
  }
  return undefined
}

/** A string value of an entry, or undefined when absent or not a string. */
export function textOf(entry: Entry, key: string): string | undefined {
  const v = valueOf(entry, key)
  return typeof v === 'string' ? v : undefined
}

/** Whether the entry is a section header (`{header: …}` without a `line`). */
export function isHeader(entry: Entry): boolean {
  return valueOf(entry, 'header') !== undefined && valueOf(entry, 'line') === undefined
}

/**
 * Returns the entry with `key` set to `value` (or removed when `value` is undefined). An
 * existing key keeps its position; a new key goes where PyYAML's key order puts it.
 */
export function withValue(entry: Entry, key: string, value: YamlValue | undefined): Entry {
  const index = entry.pairs.findIndex(([k]) => k === key)
  if (index >= 0) {
    if (value !== undefined && yamlEquals(entry.pairs[index]![1], value)) return entry
    const pairs = entry.pairs.slice()
    if (value === undefined) pairs.splice(index, 1)
    else pairs[index] = [key, value]
    return { ...entry, pairs }
  }
  if (value === undefined) return entry
  const rank = rankOf(key)
  let at = entry.pairs.findIndex(([k]) => rankOf(k) > rank)
  if (at < 0) at = entry.pairs.length
  const pairs = entry.pairs.slice()
  pairs.splice(at, 0, [key, value])
  return { ...entry, pairs }
}

function rankOf(key: string): number {
  const i = CANONICAL_ORDER.indexOf(key)
  return i < 0 ? CANONICAL_ORDER.length : i
}

/** Whether two lists of pairs hold the same keys, in the same order, with equal values. */
export function pairsEqual(
  a: readonly (readonly [string, YamlValue])[],
  b: readonly (readonly [string, YamlValue])[],
): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const [ka, va] = a[i]!
    const [kb, vb] = b[i]!
    if (ka !== kb || !yamlEquals(va, vb)) return false
  }
  return true
}
