import type { Episode } from './episode'
import { isHeader, textOf, valueOf, withValue } from './entry'
import { formatTime, MAX_SEC, parseTime } from './time'
import type { Entry } from './types'
import type { YamlValue } from './yaml-value'

/** An edit that cannot apply (entry out of range, wrong kind of entry, bad value). */
export class EditError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EditError'
  }
}

/** Half of a two-unit (astral) character without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * `text` itself when every character in it is whole. A lone surrogate has no UTF-8 form and Ruby's
 * YAML (Jekyll) refuses its `\uD83D` escape, so an edit that would write one is refused instead.
 */
function wholeText(text: string): string {
  const half = LONE_SURROGATE.exec(text)
  if (half) {
    const code = half[0].charCodeAt(0).toString(16).toUpperCase()
    throw new EditError(`The text holds U+${code} at position ${half.index}, half of a character: it is not a whole character and cannot be saved`)
  }
  return text
}

function entryAt(doc: Episode, index: number): Entry {
  const entry = Number.isInteger(index) ? doc.entries[index] : undefined
  if (!entry) throw new EditError(`There is no entry ${index} (the transcript has ${doc.entries.length} entries, numbered from 0)`)
  return entry
}

function lineAt(doc: Episode, index: number): Entry {
  const entry = entryAt(doc, index)
  if (isHeader(entry)) throw new EditError(`Entry ${index} is a header, not a line`)
  return entry
}

function headerAt(doc: Episode, index: number): Entry {
  const entry = entryAt(doc, index)
  if (!isHeader(entry)) throw new EditError(`Entry ${index} is a line, not a header`)
  return entry
}

function replaceEntries(doc: Episode, start: number, remove: number, ...insert: Entry[]): Episode {
  const entries = doc.entries.slice()
  entries.splice(start, remove, ...insert)
  return { ...doc, entries }
}

function replaceEntry(doc: Episode, index: number, entry: Entry): Episode {
  return doc.entries[index] === entry ? doc : replaceEntries(doc, index, 1, entry)
}

function newEntry(doc: Episode, pairs: Entry['pairs']): [Episode, Entry] {
  return [{ ...doc, nextId: doc.nextId + 1 }, { id: doc.nextId, pairs, lead: '' }]
}

/** Sets the text of a line entry. */
export function setLine(doc: Episode, index: number, line: string): Episode {
  return replaceEntry(doc, index, withValue(lineAt(doc, index), 'line', wholeText(line)))
}

/** Sets (or, with null, removes) the speaker of a line entry. */
export function setSpeaker(doc: Episode, index: number, who: string | null): Episode {
  return replaceEntry(doc, index, withValue(lineAt(doc, index), 'who', who === null ? undefined : wholeText(who)))
}

/** The key of an entry's text: `header` of a section header, `line` of a line. */
function textKeyOf(entry: Entry): 'header' | 'line' {
  return isHeader(entry) ? 'header' : 'line'
}

/** An entry's text value as written (`header` or `line`; undefined when it has none), for `restoreText`. */
export function textValueOf(entry: Entry): YamlValue | undefined {
  return valueOf(entry, textKeyOf(entry))
}

/**
 * Puts back an entry's text value as `textValueOf` read it, exactly: a missing key is removed
 * again and a value that was not a string comes back as it was, so the entry is written as its
 * source text again. The same document when the value is unchanged.
 */
export function restoreText(doc: Episode, index: number, value: YamlValue | undefined): Episode {
  const entry = entryAt(doc, index)
  return replaceEntry(doc, index, withValue(entry, textKeyOf(entry), value))
}

/** Sets the speaker of several line entries at once (headers among them are skipped). */
export function setSpeakers(doc: Episode, indices: readonly number[], who: string): Episode {
  let next = doc
  for (const i of indices) if (!isHeader(entryAt(doc, i))) next = setSpeaker(next, i, who)
  return next
}

/** Renames a speaker everywhere in the episode; returns how many entries changed. */
export function renameSpeaker(doc: Episode, from: string, to: string): { doc: Episode; count: number } {
  wholeText(to)
  let count = 0
  const entries = doc.entries.map((e) => {
    if (textOf(e, 'who') !== from || from === to) return e
    count++
    return withValue(e, 'who', to)
  })
  return { doc: count ? { ...doc, entries } : doc, count }
}

/** Swaps two speakers within the given entries (the usual diarisation mix-up). */
export function swapSpeakers(doc: Episode, indices: readonly number[], a: string, b: string): { doc: Episode; count: number } {
  wholeText(a)
  wholeText(b)
  let count = 0
  const entries = doc.entries.slice()
  for (const i of indices) {
    const e = entryAt(doc, i)
    const who = textOf(e, 'who')
    if (who !== a && who !== b) continue
    entries[i] = withValue(e, 'who', who === a ? b : a)
    count++
  }
  return { doc: count ? { ...doc, entries } : doc, count }
}

/** Inserts a header before entry `before` (`before` = number of entries appends it). */
export function insertHeader(doc: Episode, before: number, header: string): Episode {
  if (!Number.isInteger(before) || before < 0 || before > doc.entries.length) {
    throw new EditError(`Cannot insert before entry ${before} (valid: 0 to ${doc.entries.length})`)
  }
  const [next, entry] = newEntry(doc, [['header', wholeText(header)]])
  return replaceEntries(next, before, 0, entry)
}

/** Changes a header's text. */
export function setHeader(doc: Episode, index: number, header: string): Episode {
  return replaceEntry(doc, index, withValue(headerAt(doc, index), 'header', wholeText(header)))
}

/** Removes an entry (line or header). */
export function removeEntry(doc: Episode, index: number): Episode {
  entryAt(doc, index)
  return replaceEntries(doc, index, 1)
}

/** Moves an entry so that it ends up at position `to`. */
export function moveEntry(doc: Episode, index: number, to: number): Episode {
  const entry = entryAt(doc, index)
  if (!Number.isInteger(to) || to < 0 || to >= doc.entries.length) {
    throw new EditError(`Cannot move to position ${to} (valid: 0 to ${doc.entries.length - 1})`)
  }
  if (to === index) return doc
  const entries = doc.entries.slice()
  entries.splice(index, 1)
  entries.splice(to, 0, entry)
  return { ...doc, entries }
}

function secOf(entry: Entry): number | undefined {
  const sec = valueOf(entry, 'sec')
  return typeof sec === 'number' ? sec : undefined
}

/**
 * Splits a line entry at a character offset (UTF-16, as in the editor) into two. The second
 * keeps the speaker; its `sec` is the one given, or interpolated between this entry's and the
 * next timed entry's by the share of text before the split, and its `time` is derived.
 */
export function splitLine(doc: Episode, index: number, offset: number, sec?: number): Episode {
  const entry = lineAt(doc, index)
  const text = textOf(entry, 'line') ?? ''
  if (!Number.isInteger(offset) || offset <= 0 || offset >= text.length) {
    throw new EditError(`Cannot split entry ${index} at ${offset}: the offset must be inside its text (1 to ${text.length - 1})`)
  }
  if (/[\uDC00-\uDFFF]/.test(text[offset]!) && /[\uD800-\uDBFF]/.test(text[offset - 1]!)) {
    throw new EditError(`Cannot split entry ${index} at ${offset}: that is inside the character ${text.slice(offset - 1, offset + 1)}`)
  }
  const head = text.slice(0, offset).trimEnd()
  const tail = text.slice(offset).trimStart()
  if (!head || !tail) throw new EditError('Splitting there would leave an empty line')
  const from = secOf(entry)
  const newSec = sec ?? (from === undefined ? undefined : interpolate(doc, index, from, offset / text.length))
  if (newSec !== undefined) checkedSec(newSec)
  const who = valueOf(entry, 'who')
  const [next, created] = newEntry(doc, [['line', tail]])
  let tailEntry: Entry = created
  if (newSec !== undefined) {
    tailEntry = withValue(tailEntry, 'sec', newSec)
    tailEntry = withValue(tailEntry, 'time', formatTime(newSec, doc.style.padMinutes))
  }
  if (who !== undefined) tailEntry = withValue(tailEntry, 'who', who)
  return replaceEntries(next, index, 1, withValue(entry, 'line', head), tailEntry)
}

function interpolate(doc: Episode, index: number, from: number, share: number): number {
  for (let i = index + 1; i < doc.entries.length; i++) {
    const to = secOf(doc.entries[i]!)
    if (to !== undefined) return to > from ? Math.round(from + (to - from) * share) : from
  }
  return from
}

/**
 * Merges a line entry into the previous one: texts joined with a space, the previous entry's
 * time kept. The speakers must match unless `who` says which speaker the merged line gets.
 */
export function mergeWithPrevious(doc: Episode, index: number, who?: string): Episode {
  const entry = lineAt(doc, index)
  if (who !== undefined) wholeText(who)
  if (index === 0) throw new EditError('The first entry has no previous entry to merge into')
  const previous = doc.entries[index - 1]!
  if (isHeader(previous)) throw new EditError(`Entry ${index - 1} is a header; only lines can be merged`)
  const a = textOf(previous, 'who')
  const b = textOf(entry, 'who')
  if (who === undefined && a !== b) {
    throw new EditError(`Entries ${index - 1} and ${index} have different speakers (${a ?? 'none'} and ${b ?? 'none'}); say which one to keep`)
  }
  const joined = [textOf(previous, 'line') ?? '', textOf(entry, 'line') ?? ''].filter(Boolean).join(' ')
  let merged = withValue(previous, 'line', joined)
  if (who !== undefined) merged = withValue(merged, 'who', who)
  return replaceEntries(doc, index - 1, 2, merged)
}

/** `sec` itself when it is a whole number of seconds from 0 to `MAX_SEC`; otherwise an `EditError` saying so. */
function checkedSec(sec: number): number {
  if (!Number.isInteger(sec) || sec < 0 || sec > MAX_SEC) {
    throw new EditError(`"sec" must be a whole number of seconds from 0 to ${MAX_SEC} (100 hours), not ${sec}`)
  }
  return sec
}

/** Sets a line's `sec` (0 to `MAX_SEC`, 100 hours) and derives its `time` in the file's format. */
export function setSec(doc: Episode, index: number, sec: number): Episode {
  checkedSec(sec)
  const entry = lineAt(doc, index)
  return replaceEntry(doc, index, withValue(withValue(entry, 'sec', sec), 'time', formatTime(sec, doc.style.padMinutes)))
}

/** Sets a line's time from text (`1:02:31`, `62:31`, or seconds, at most 100 hours); `sec` follows. */
export function setTime(doc: Episode, index: number, time: string): Episode {
  const sec = parseTime(time)
  if (sec === null) throw new EditError(`"${time}" is not a time; write it as 1:02:31, 62:31 or a number of seconds`)
  if (sec > MAX_SEC) throw new EditError(`"${time}" is more than 100 hours; a time must be from 0:00 to 100:00:00`)
  return setSec(doc, index, sec)
}

/** Re-emits an entry with portable quoting, so values some YAML reader misreads get quoted. */
export function requoteEntry(doc: Episode, index: number): Episode {
  const entry = entryAt(doc, index)
  if (!entry.source) return doc
  const { source: _source, ...rest } = entry
  return replaceEntry(doc, index, rest)
}
