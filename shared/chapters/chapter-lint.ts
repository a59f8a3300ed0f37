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
    let section = 0
    for (const [i, j] of alignClips(expected, actual)) {
      section = i ?? section
      const clip = i === null ? null : expected[i]!
      const have = j === null ? null : actual[j]!
      if (clip === null) {
        add(sectionEntry(section), 'clip-mismatch', `Clip ${j! + 1} of "quotableClips", ${JSON.stringify(have!.name)}, matches no section`)
      } else if (have === null) {
        add(sectionEntry(i!), 'clip-mismatch', `"quotableClips" has no clip for section ${i! + 1}, "${clip.name}"`)
      } else {
        const wrong = CLIP_KEYS.filter((k) => have[k] !== clip[k])
        if (wrong.length === 0) continue
        const detail = wrong.map((k) => `${k} is ${JSON.stringify(have[k])}, expected ${JSON.stringify(clip[k])}`).join('; ')
        add(sectionEntry(i!), 'clip-mismatch', `Clip ${j! + 1} of "quotableClips" does not match section "${clip.name}": ${detail}`)
      }
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

/**
 * Pairs the expected clips (one per section) with the file's, in order: clips of the same name are
 * matched first (the longest such pairing), and between two matches the rest are paired in turn
 * (a renamed section and its clip); what is left over is a section without a clip or a clip
 * without a section (`null` on the other side). So a section inserted or removed in the middle is
 * one problem, not a mismatch of every later clip.
 */
function alignClips(expected: readonly Clip[], actual: readonly Partial<Record<keyof Clip, unknown>>[]): [number | null, number | null][] {
  const n = expected.length
  const m = actual.length
  // lcs[i][j]: the most same-name pairs in expected[i..] and actual[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = expected[i]!.name === actual[j]!.name ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const pairs: [number | null, number | null][] = []
  const gapExpected: number[] = []
  const gapActual: number[] = []
  const closeGap = () => {
    for (let k = 0; k < Math.max(gapExpected.length, gapActual.length); k++) pairs.push([gapExpected[k] ?? null, gapActual[k] ?? null])
    gapExpected.length = 0
    gapActual.length = 0
  }
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && expected[i]!.name === actual[j]!.name) {
      closeGap()
      pairs.push([i++, j++])
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      gapExpected.push(i++)
    } else {
      gapActual.push(j++)
    }
  }
  closeGap()
  return pairs
}

function lastTimedEntry(doc: Episode): number {
  for (let i = doc.entries.length - 1; i >= 0; i--) {
    const e = doc.entries[i]!
    if (!isHeader(e) && typeof valueOf(e, 'sec') === 'number') return i
  }
  return 0
}
