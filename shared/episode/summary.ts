import type { Episode } from './episode'
import { isHeader } from './entry'
import { speakerCounts } from './lint'
import { yamlToJson, type YamlValue } from './yaml-value'

/** What a workspace list shows about an episode. */
export interface EpisodeSummary {
  readonly title?: string
  readonly season?: number
  readonly episode?: number
  readonly entries: number
  readonly lines: number
  readonly headers: number
  /** Speakers, most lines first. */
  readonly speakers: string[]
}

/** A metadata value by key (top-level front matter), or undefined. */
export function metadataValue(doc: Episode, key: string): YamlValue | undefined {
  let found: YamlValue | undefined
  for (const [k, v] of doc.metadata.pairs) if (k === key) found = v
  return found
}

/** Summarises an episode: title, season, episode number, counts and speakers. */
export function summarizeEpisode(doc: Episode): EpisodeSummary {
  const headers = doc.entries.filter(isHeader).length
  const title = metadataValue(doc, 'title')
  const season = metadataValue(doc, 'season')
  const episode = metadataValue(doc, 'episode')
  return {
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof season === 'number' ? { season } : {}),
    ...(typeof episode === 'number' ? { episode } : {}),
    entries: doc.entries.length,
    lines: doc.entries.length - headers,
    headers,
    speakers: [...speakerCounts(doc).keys()],
  }
}

/** The transcript as plain JSON data (what the host checks a save against). */
export function transcriptToJson(doc: Episode): Record<string, unknown>[] {
  return doc.entries.map((e) => Object.fromEntries(e.pairs.map(([k, v]) => [k, yamlToJson(v)])))
}
