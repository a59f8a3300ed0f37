/**
 * A YAML value as PyYAML (YAML 1.1) types it. Strings, ints (a `bigint` beyond 2^53, so it is
 * never rounded), bools and null map to JS values;
 * floats, dates and timestamps keep a wrapper so they are written back the way PyYAML would
 * write them, never through a JS `Date` or a lossy number.
 */
export type YamlValue = string | number | bigint | boolean | null | YamlFloat | YamlDate | YamlSeq | YamlMap

/** A float, kept apart from ints because PyYAML writes `1.0`, not `1`. */
export interface YamlFloat {
  readonly kind: 'float'
  readonly value: number
}

/** A date (`2022-03-19`) or timestamp as it was written in the source. */
export interface YamlDate {
  readonly kind: 'date'
  readonly text: string
}

/** A sequence. */
export interface YamlSeq {
  readonly kind: 'seq'
  readonly items: readonly YamlValue[]
}

/** A mapping with string keys, in source order (a repeated key keeps its last value, as PyYAML does). */
export interface YamlMap {
  readonly kind: 'map'
  readonly pairs: readonly (readonly [string, YamlValue])[]
}

/** Deep equality of two YAML values. */
export function yamlEquals(a: YamlValue, b: YamlValue): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)
  }
  if (a.kind !== b.kind) return false
  switch (a.kind) {
    case 'float':
      return Object.is(a.value, (b as YamlFloat).value) || a.value === (b as YamlFloat).value
    case 'date':
      return a.text === (b as YamlDate).text
    case 'seq': {
      const items = (b as YamlSeq).items
      return a.items.length === items.length && a.items.every((v, i) => yamlEquals(v, items[i]!))
    }
    case 'map': {
      const pairs = (b as YamlMap).pairs
      return (
        a.pairs.length === pairs.length &&
        a.pairs.every(([k, v], i) => pairs[i]![0] === k && yamlEquals(v, pairs[i]![1]))
      )
    }
  }
}

/**
 * Converts a YAML value to plain JSON-compatible data (dates become their text; an int beyond 2^53
 * becomes the nearest number, since JSON data has no exact form for it).
 */
export function yamlToJson(value: YamlValue): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value === null || typeof value !== 'object') return value
  switch (value.kind) {
    case 'float':
      return value.value
    case 'date':
      return value.text
    case 'seq':
      return value.items.map(yamlToJson)
    case 'map':
      return Object.fromEntries(value.pairs.map(([k, v]) => [k, yamlToJson(v)]))
  }
}
