import type { Episode } from '../episode/episode'
import { isHeader, valueOf } from '../episode/entry'
import type { Problem } from '../episode/lint'
import { metadataValue } from '../episode/summary'
import { yamlToJson } from '../episode/yaml-value'
import type { Chapter } from './chapter-list'
import { CLIP_KEYS, expectedClips, formatDuration, transcriptSpan, type Clip } from './clips'
import { sectionsOf } from './sections'
import { sameTitle } from './place-chapters'

/** The episode's chapter list as the linter compares it: its name (for messages) and chapters. */
export interface ChapterListCopy {
  readonly name: string
  readonly chapters: readonly Chapter[]
}

/**
 * Finds where the copies of the sections drifted from them: `quotableClips` items that do not
 * match (name, start, URL, end; see `expectedClips`), a `duration` other than the transcript's
 * span, and a chapter list (`podcast-timestamps/`) whose chapters differ from the sections. Each
 * problem points at the header of the section concerned (`duration`: the last timed line). A file
 * without `quotableClips` or `duration` is not asked to have them.
 */
export function lintChapterCopies(doc: Episode, list?: ChapterListCopy): Problem[] {
  const problems: Problem[] = []
  const sections = sectionsOf(doc, list?.chapters)
  const add = (entry: number, code: Problem['code'], message: string) => problems.push({ entry, severity: 'warning', code, message })
  const sectionEntry = (i: number) => sections[Math.min(i, sections.length - 1)]?.entry ?? 0

  const duration = metadataValue(doc, 'duration')
  const span = transcriptSpan(doc)
  if (duration !== undefined && span !== null && duration !== formatDuration(span)) {
    add(lastTimedEntry(doc), 'duration-mismatch', `"duration" is ${JSON.stringify(yamlToJson(duration))} but the transcript spans ${formatDuration(span)} (last "sec" minus first)`)
  }

  const clips = metadataValue(doc, 'quotableClips')
  const expected = expectedClips(doc, list?.chapters)
  if (clips !== undefined && expected !== null && expected.length > 0) {
    const actual = clips !== null && typeof clips === 'object' && clips.kind === 'seq' ? (clips.items.map(yamlToJson) as Partial<Record<keyof Clip, unknown>>[]) : []
    expected.forEach((clip, i) => {
      const have = actual[i]
      if (!have) {
        add(sectionEntry(i), 'clip-mismatch', `"quotableClips" has no clip for section ${i + 1}, "${clip.name}"`)
        return
      }
      const wrong = CLIP_KEYS.filter((k) => have[k] !== clip[k])
      if (wrong.length > 0) {
        const detail = wrong.map((k) => `${k} is ${JSON.stringify(have[k])}, expected ${JSON.stringify(clip[k])}`).join('; ')
        add(sectionEntry(i), 'clip-mismatch', `Clip ${i + 1} of "quotableClips" does not match section "${clip.name}": ${detail}`)
      }
    })
    if (actual.length > expected.length) {
      add(sectionEntry(expected.length), 'clip-mismatch', `"quotableClips" has ${actual.length} clips for ${expected.length} sections`)
    }
  }

  if (list && sections.length > 0) {
    const at = sections.findIndex((s, i) => list.chapters[i] === undefined || !sameTitle(list.chapters[i]!.title, s.title) || list.chapters[i]!.sec !== s.sec)
    if (at >= 0 || list.chapters.length !== sections.length) {
      const i = at >= 0 ? at : sections.length
      const chapter = list.chapters[i]
      const detail = chapter ? `chapter ${i + 1} is "${chapter.title}"` : `it has ${list.chapters.length} chapters for ${sections.length} sections`
      add(sectionEntry(i), 'chapter-list-mismatch', `${list.name} differs from the sections: ${detail}${sections[i] ? `, section ${i + 1} is "${sections[i]!.title}"` : ''}`)
    }
  }
  return problems
}

function lastTimedEntry(doc: Episode): number {
  for (let i = doc.entries.length - 1; i >= 0; i--) {
    const e = doc.entries[i]!
    if (!isHeader(e) && typeof valueOf(e, 'sec') === 'number') return i
  }
  return 0
}
