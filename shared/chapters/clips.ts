import type { Episode } from '../episode/episode'
import { isHeader, valueOf } from '../episode/entry'
import { metadataValue } from '../episode/summary'
import type { YamlValue } from '../episode/yaml-value'
import type { Chapter } from './chapter-list'
import { sectionsOf } from './sections'

/** One `quotableClips` item, in the site's key order. */
export interface Clip {
  readonly name: string
  readonly startOffset: number
  readonly url: string
  readonly endOffset: number
}

/** The site's key order of a clip mapping (not alphabetical). */
export const CLIP_KEYS = ['name', 'startOffset', 'url', 'endOffset'] as const

/**
 * The transcript's span in seconds: the last timed line's `sec` minus the first's, in file order
 * (as the site's script computes `duration`); null without a timed line.
 */
export function transcriptSpan(doc: Episode): number | null {
  const secs: number[] = []
  for (const e of doc.entries) {
    const sec = valueOf(e, 'sec')
    if (!isHeader(e) && typeof sec === 'number') secs.push(sec)
  }
  return secs.length === 0 ? null : secs[secs.length - 1]! - secs[0]!
}

/**
 * A span written as the site's script writes `duration`: `PT`, two-digit hours and `H`, then
 * two-digit minutes and `M` when not zero, then two-digit seconds and `S` when not zero or when the
 * whole span is under a minute (`PT00H58M44S`, an hour and five seconds `PT01H05S`).
 */
export function formatDuration(sec: number): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  const h = Math.floor(sec / 3600)
  const m = Math.floor((sec % 3600) / 60)
  const s = sec % 60
  return `PT${pad(h)}H${m !== 0 ? `${pad(m)}M` : ''}${s !== 0 || sec < 60 ? `${pad(s)}S` : ''}`
}

/** The episode's YouTube video id (`ids.youtube`), or undefined. */
export function youtubeId(doc: Episode): string | undefined {
  const ids = metadataValue(doc, 'ids')
  if (ids === null || typeof ids !== 'object' || ids.kind !== 'map') return undefined
  const id = ids.pairs.filter(([k]) => k === 'youtube').at(-1)?.[1]
  return typeof id === 'string' && id !== '' ? id : undefined
}

/**
 * The clips the sections call for: one per section, named like it, starting at its start (the
 * chapter list's time when the list has it), `url` the YouTube watch URL at that second, ending
 * where the next one starts and the last one at the episode's duration (the transcript's span).
 * Null when the episode has no YouTube id or no timed line to compute them from.
 */
export function expectedClips(doc: Episode, list: readonly Chapter[] = []): Clip[] | null {
  const id = youtubeId(doc)
  const span = transcriptSpan(doc)
  if (id === undefined || span === null) return null
  const sections = sectionsOf(doc, list)
  return sections.map((s, i) => ({
    name: s.title,
    startOffset: s.sec,
    url: `https://www.youtube.com/watch?v=${id}&t=${s.sec}`,
    endOffset: sections[i + 1]?.sec ?? span,
  }))
}

/** A clip as the YAML value written for it, in the site's key order. */
export function clipValue(clip: Clip): YamlValue {
  return { kind: 'map', pairs: CLIP_KEYS.map((k) => [k, clip[k]] as const) }
}
