import type { Episode } from './episode'
import { parseEpisode } from './parse-episode'
import { EpisodeSyntaxError } from './types'
import type { YamlValue } from './yaml-value'

/**
 * What an episode file means, as data: every top-level front-matter value typed as PyYAML reads
 * it, the transcript entries, and the exact text around the front matter. Two files with the same
 * meaning are read the same by the site and the scripts, whatever their quoting or line folding.
 * Values are in a canonical tagged JSON form (`["int","3"]`, `["float","1.5"]`, `["date",…]`,
 * `["map",[k,v]…]`, `["seq",…]`; strings, bools and null as themselves), so `1`, `1.0` and `'1'` differ.
 */
export interface EpisodeMeaning {
  /** The text before the front matter's YAML: an optional BOM and the opening `---` line. */
  readonly opening: string
  /** Top-level keys other than `transcript`, in order, with their canonical values. */
  readonly metadata: readonly (readonly [string, unknown])[]
  /** Each transcript entry as a canonical map. */
  readonly transcript: readonly unknown[]
  /** The text from the closing `---` line to the end of the file. */
  readonly body: string
}

/** The canonical tagged JSON form of a YAML value (see `EpisodeMeaning`). */
function canonical(value: YamlValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value
  if (typeof value === 'number') return [Number.isInteger(value) ? 'int' : 'float', String(value)]
  if (typeof value === 'bigint') return ['int', value.toString()]
  switch (value.kind) {
    case 'float':
      return ['float', Object.is(value.value, -0) ? '-0' : String(value.value)]
    case 'date':
      return ['date', value.text]
    case 'seq':
      return ['seq', ...value.items.map(canonical)]
    case 'map':
      return ['map', ...value.pairs.map(([k, v]) => [k, canonical(v)])]
  }
}

/**
 * The meaning of an episode as it stands (edits included): for a parsed file, what it says; for an
 * edited one, what its saved text must say. The text around the front matter is the source's,
 * since serializing only ever splices inside the front matter.
 */
export function episodeMeaning(doc: Episode): EpisodeMeaning {
  return {
    opening: doc.source.slice(0, doc.frontMatterStart),
    metadata: doc.metadata.pairs.map(([k, v]) => [k, canonical(v)] as const),
    transcript: doc.entries.map((e) => canonical({ kind: 'map', pairs: e.pairs })),
    body: doc.source.slice(doc.frontMatterEnd),
  }
}

/**
 * A 64-bit digest (16 hex digits) of an episode's meaning, so the UI can tell the host what a save
 * must mean without sending the transcript again. It is two 32-bit multiply-xorshift lanes (as in
 * cyrb53) over the canonical JSON text, computed in plain TS (no Node crypto): it guards against
 * serializer bugs, not against an adversary, who could forge any text anyway.
 */
export function episodeDigest(doc: Episode): string {
  return digestText(JSON.stringify(episodeMeaning(doc)))
}

function digestText(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 2654435761)
    h2 = Math.imul(h2 ^ c, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')
}

/** Parses text to save, or gives the plain-language reason it is not an episode. */
function parseForCheck(text: string): Episode | string {
  try {
    return parseEpisode(text)
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) {
      return `The text to save is not a valid episode: ${error.reason} (line ${error.line}, column ${error.column}); nothing was written.`
    }
    if (error instanceof RangeError) return `The text to save cannot be read back: ${error.message}; nothing was written.`
    throw error
  }
}

/**
 * The last gate before a write (command line and host alike): parses `text` and compares its
 * meaning in full (front matter, transcript, text around it) with the `intended` episode. Returns
 * null when they agree, else a plain-language reason naming the first difference.
 * `rewrittenKeys` names front-matter keys the caller rewrote on purpose and checks itself (the
 * chapter sync's `quotableClips` and `duration`): only those may differ or be new.
 */
export function verifySavedText(text: string, intended: Episode, rewrittenKeys: readonly string[] = []): string | null {
  const parsed = parseForCheck(text)
  if (typeof parsed === 'string') return parsed
  const kept = (meaning: EpisodeMeaning): EpisodeMeaning => ({
    ...meaning,
    metadata: meaning.metadata.filter(([key]) => !rewrittenKeys.includes(key)),
  })
  const difference = firstDifference(kept(episodeMeaning(parsed)), kept(episodeMeaning(intended)))
  return difference === null ? null : `The text to save does not read back as the edited episode (${difference}); nothing was written.`
}

/**
 * The same gate when only the intended meaning's digest is known (the host, which receives the
 * text once and `episodeDigest` of the UI's document): null when the text's meaning has that digest.
 */
export function verifySavedDigest(text: string, expectedDigest: string): string | null {
  const parsed = parseForCheck(text)
  if (typeof parsed === 'string') return parsed
  if (episodeDigest(parsed) === expectedDigest) return null
  return 'The text to save does not read back as the episode being edited (its front matter, transcript or the text around them differ); nothing was written.'
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The first place two meanings differ, in words, or null. */
function firstDifference(actual: EpisodeMeaning, wanted: EpisodeMeaning): string | null {
  if (actual.opening !== wanted.opening) return 'the opening "---" line differs'
  const keys = new Set([...wanted.metadata.map(([k]) => k), ...actual.metadata.map(([k]) => k)])
  for (const key of keys) {
    const a = actual.metadata.find(([k]) => k === key)
    const w = wanted.metadata.find(([k]) => k === key)
    if (!a) return `the front-matter key "${key}" is missing`
    if (!w) return `the front-matter key "${key}" was not meant to be there`
    if (!same(a[1], w[1])) return `the front-matter value of "${key}" differs`
  }
  if (!same(actual.metadata.map(([k]) => k), wanted.metadata.map(([k]) => k))) return 'the front-matter keys are in another order'
  const n = Math.max(actual.transcript.length, wanted.transcript.length)
  for (let i = 0; i < n; i++) {
    if (!same(actual.transcript[i], wanted.transcript[i])) {
      if (actual.transcript.length !== wanted.transcript.length) {
        return `it has ${actual.transcript.length} transcript entries instead of ${wanted.transcript.length}`
      }
      return `transcript entry ${i + 1} differs`
    }
  }
  if (actual.body !== wanted.body) return 'the text after the front matter differs'
  return null
}

