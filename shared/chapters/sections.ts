import type { Episode } from '../episode/episode'
import { isHeader, valueOf } from '../episode/entry'
import type { Entry } from '../episode/types'
import type { Chapter } from './chapter-list'
import { headerTitle, sameTitle } from './place-chapters'

/** A section of an episode: a header, where it is, and when it starts. */
export interface Section {
  readonly title: string
  /** Index of the header among the episode's entries. */
  readonly entry: number
  /** Start in seconds: its time in the chapter list when the list has it, else its first timed line's `sec`. */
  readonly sec: number
}

function secOf(entry: Entry): number | undefined {
  const sec = valueOf(entry, 'sec')
  return typeof sec === 'number' ? sec : undefined
}

/**
 * The episode's sections in order, with their starts. A section found in the episode's chapter
 * list (same title, in list order) starts at the list's time, which is exact where the
 * transcript only has the next line's time (a list's `00:00:00 Podcast Introduction` before a
 * first line at 2:06). Otherwise it starts at the `sec` of the first timed line after its header
 * (the next section's, for headers back to back), or, with no timed line after it, the last one
 * before it, or 0.
 */
export function sectionsOf(doc: Episode, list: readonly Chapter[] = []): Section[] {
  const sections: Section[] = []
  let listAt = 0
  let lastSec: number | undefined
  doc.entries.forEach((entry, index) => {
    if (!isHeader(entry)) {
      lastSec = secOf(entry) ?? lastSec
      return
    }
    const title = headerTitle(entry)
    const inList = list.findIndex((c, i) => i >= listAt && sameTitle(c.title, title))
    let sec: number | undefined
    if (inList >= 0) {
      sec = list[inList]!.sec
      listAt = inList + 1
    } else {
      for (let i = index + 1; i < doc.entries.length && sec === undefined; i++) sec = secOf(doc.entries[i]!)
    }
    sections.push({ title, entry: index, sec: sec ?? lastSec ?? 0 })
  })
  return sections
}

/** The sections as chapters, for exporting a chapter list (see `formatChapterList`). */
export function sectionsAsChapters(doc: Episode, list: readonly Chapter[] = []): Chapter[] {
  return sectionsOf(doc, list).map(({ title, sec }) => ({ title, sec }))
}
