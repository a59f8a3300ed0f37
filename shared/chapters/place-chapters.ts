import type { Episode } from '../episode/episode'
import { isHeader, textOf, valueOf, withValue } from '../episode/entry'
import { EditError } from '../episode/edits'
import type { Entry } from '../episode/types'
import { sortChapters, type Chapter } from './chapter-list'

/** What happens to one section when a chapter list replaces the headers. */
export type SectionChangeKind = 'kept' | 'added' | 'removed' | 'renamed' | 'moved'

/** The line a section stands before: its index among the new document's entries, and its time. */
export interface SectionAnchor {
  readonly entry: number
  readonly sec?: number
}

/** One row of the preview: a section of the old or new outline and what becomes of it. */
export interface SectionChange {
  readonly kind: SectionChangeKind
  /** The section's title as the file will write it (a kept header keeps its spelling); for `removed` the old one. */
  readonly title: string
  /** For `renamed`: the title it had. */
  readonly oldTitle?: string
  /** The chapter's time (absent for `removed`). */
  readonly sec?: number
  /** Index of the header among the new entries (absent for `removed`). */
  readonly entry?: number
  /** Index of the header among the old entries (absent for `added`). */
  readonly oldEntry?: number
  /** The line the header stands before in the new document (for `removed`: stood before); null at the end. */
  readonly before: SectionAnchor | null
}

/** A chapter list applied to an episode: the new document and the section-by-section diff. */
export interface ChapterPlacement {
  readonly doc: Episode
  /** In new-document order; a removed section comes just before the first section of the place it left. */
  readonly changes: readonly SectionChange[]
  /** False when the headers come out exactly as they were (then `doc` is the episode given). */
  readonly changed: boolean
}

function secOf(entry: Entry): number | undefined {
  const sec = valueOf(entry, 'sec')
  return typeof sec === 'number' ? sec : undefined
}

/**
 * The site's placement rule. Returns, for each line (and one more slot for the end), the
 * chapters to insert before it: chapters sorted by time (ties keep their order); before a timed
 * line every pending chapter at or before its `sec`; before an untimed line after a timed one
 * every pending chapter at or before the next timed line's `sec` (all of them when none follows);
 * before an untimed line with no timed line before it nothing, unless no line is timed at all,
 * when every chapter goes before the first line; chapters left over go at the end.
 */
export function chapterSlots(lineSecs: readonly (number | undefined)[], chapters: readonly Chapter[]): Chapter[][] {
  const sorted = sortChapters(chapters)
  const slots: Chapter[][] = lineSecs.map(() => [])
  const anyTimed = lineSecs.some((s) => s !== undefined)
  let pending = 0
  let seenTimed = false
  lineSecs.forEach((sec, i) => {
    let limit: number
    if (sec !== undefined) limit = sec
    else if (seenTimed) limit = lineSecs.slice(i + 1).find((s) => s !== undefined) ?? Infinity
    else limit = !anyTimed && i === 0 ? Infinity : -Infinity
    while (pending < sorted.length && sorted[pending]!.sec <= limit) slots[i]!.push(sorted[pending++]!)
    if (sec !== undefined) seenTimed = true
  })
  slots.push(sorted.slice(pending))
  return slots
}

interface OldHeader {
  readonly entry: Entry
  readonly index: number
  readonly slot: number
  used: boolean
}

interface NewHeader {
  readonly chapter: Chapter
  readonly slot: number
  kind?: SectionChangeKind
  old?: OldHeader
}

/**
 * Replaces every section header of an episode by a chapter list, with the site's placement rule
 * (see `chapterSlots`). Lossless in the strong sense: a header that comes out with the same title
 * before the same line is the very same entry (so the serializer copies its bytes), a renamed one
 * keeps its place in the file, and lines are never touched. Returns the new document and the
 * section diff for a preview. Throws `EditError` for an episode without transcript lines.
 */
export function placeChapters(doc: Episode, chapters: readonly Chapter[]): ChapterPlacement {
  const lines = doc.entries.filter((e) => !isHeader(e))
  if (lines.length === 0) throw new EditError('The episode has no transcript lines, so there is nothing to place sections among')
  const slots = chapterSlots(lines.map(secOf), chapters)
  const olds: OldHeader[] = []
  let slot = 0
  doc.entries.forEach((entry, index) => {
    if (isHeader(entry)) olds.push({ entry, index, slot, used: false })
    else slot++
  })
  const news: NewHeader[] = slots.flatMap((chapters, slot) => chapters.map((chapter) => ({ chapter, slot })))
  matchHeaders(olds, news)

  let nextId = doc.nextId
  const entries: Entry[] = []
  const rows: { row: Omit<SectionChange, 'before'>; slot: number }[] = []
  const lineIndex: number[] = []
  let n = 0
  for (let s = 0; s < slots.length; s++) {
    for (const old of olds) {
      if (old.slot === s && !old.used) rows.push({ row: { kind: 'removed', title: headerTitle(old.entry), oldEntry: old.index }, slot: s })
    }
    for (; n < news.length && news[n]!.slot === s; n++) {
      const h = news[n]!
      const sec = h.chapter.sec
      const title = h.kind === 'renamed' || !h.old ? h.chapter.title : headerTitle(h.old.entry)
      const entry = h.old
        ? h.kind === 'renamed' ? withValue(h.old.entry, 'header', title) : h.old.entry
        : { id: nextId++, pairs: [['header', title] as const], lead: '' }
      rows.push({
        row: { kind: h.kind!, title, sec, entry: entries.length, ...(h.old ? { oldEntry: h.old.index } : {}), ...(h.kind === 'renamed' ? { oldTitle: headerTitle(h.old!.entry) } : {}) },
        slot: s,
      })
      entries.push(entry)
    }
    if (s < lines.length) {
      lineIndex.push(entries.length)
      entries.push(lines[s]!)
    }
  }
  const changes = rows.map(({ row, slot }): SectionChange => {
    const line = lines[slot]
    if (!line) return { ...row, before: null }
    const sec = secOf(line)
    return { ...row, before: { entry: lineIndex[slot]!, ...(sec !== undefined ? { sec } : {}) } }
  })
  const changed = entries.length !== doc.entries.length || entries.some((e, i) => e !== doc.entries[i])
  return { doc: changed ? { ...doc, entries, nextId } : doc, changes, changed }
}

/**
 * Whether a chapter title and a header are the same section title: equal once hyphen look-alikes
 * (U+2010 to U+2012, which the site's lists hold and its "Fix dashes" edits replaced by `-`) and
 * runs of white space are set aside. Such a header is kept as the file writes it.
 */
export function sameTitle(a: string, b: string): boolean {
  return a === b || normalizeTitle(a) === normalizeTitle(b)
}

function normalizeTitle(title: string): string {
  return title.replace(/[\u2010-\u2012]/g, '-').replace(/\s+/g, ' ').trim()
}

/** The text of a header entry. */
export function headerTitle(entry: Entry): string {
  const header = valueOf(entry, 'header')
  return textOf(entry, 'header') ?? String(header)
}

/**
 * Pairs new headers with old ones: same title in the same slot is `kept` (a kept header whose
 * order among its slot's kept headers changed is `moved`); then the same title anywhere else is
 * `moved`; then, slot by slot, the remaining new and old headers in order are `renamed`; the rest
 * are `added`, and old headers left unpaired are removed.
 */
function matchHeaders(olds: OldHeader[], news: NewHeader[]): void {
  const pair = (h: NewHeader, old: OldHeader, kind: SectionChangeKind) => {
    h.old = old
    h.kind = kind
    old.used = true
  }
  for (const h of news) {
    const old = olds.find((o) => !o.used && o.slot === h.slot && sameTitle(headerTitle(o.entry), h.chapter.title))
    if (old) pair(h, old, 'kept')
  }
  for (const slot of new Set(news.map((h) => h.slot))) {
    const kept = news.filter((h) => h.slot === slot && h.kind === 'kept')
    const inOldOrder = kept.slice().sort((a, b) => a.old!.index - b.old!.index)
    kept.forEach((h, i) => {
      if (inOldOrder[i] !== h) h.kind = 'moved'
    })
  }
  for (const h of news) {
    if (h.old) continue
    const old = olds.find((o) => !o.used && sameTitle(headerTitle(o.entry), h.chapter.title))
    if (old) pair(h, old, 'moved')
  }
  for (const h of news) {
    if (h.old) continue
    const old = olds.find((o) => !o.used && o.slot === h.slot)
    h.kind = 'added'
    if (old) pair(h, old, 'renamed')
  }
}
