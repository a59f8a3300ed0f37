import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseChapterList, type Chapter } from '../../shared/chapters/chapter-list'
import { findChapterList } from '../../shared/chapters/find-chapter-list'
import { EpisodeSyntaxError, metadataValue, parseEpisode, type Episode } from '../../shared/episode/index'
import { corpusDir } from './corpus'

/** The site checkout's `podcast-timestamps/` folder in the shared corpus, or null where it is missing. */
export const listsDir: string | null = corpusDir ? join(corpusDir, 'site/podcast-timestamps') : null

/** Why chapter tests skip on a clone without the shared corpus. */
export const NO_CORPUS = 'the shared corpus (../shared/corpus) with its podcast-timestamps/ is not here'

/** A corpus episode with the chapter list found for it by season and episode. */
export interface EpisodeWithList {
  readonly name: string
  readonly path: string
  readonly doc: Episode
  readonly listName: string
  readonly chapters: readonly Chapter[]
}

/** A number from the front matter, or undefined. */
export function numberOf(doc: Episode, key: string): number | undefined {
  const v = metadataValue(doc, key)
  return typeof v === 'number' ? v : undefined
}

/** Every corpus episode that opens and has exactly one chapter list (empty without the corpus). */
export function episodesWithLists(): EpisodeWithList[] {
  if (!corpusDir || !listsDir) return []
  const dir = join(corpusDir, 'episodes')
  const lists = readdirSync(listsDir)
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .flatMap((name) => {
      const path = join(dir, name)
      let doc: Episode
      try {
        doc = parseEpisode(readFileSync(path, 'utf8'))
      } catch (error) {
        if (error instanceof EpisodeSyntaxError) return [] // the two files that are not episodes
        throw error
      }
      const match = findChapterList(name, numberOf(doc, 'season'), numberOf(doc, 'episode'), lists)
      if (match.kind !== 'found') return []
      const parsed = parseChapterList(readFileSync(join(listsDir!, match.name), 'utf8'))
      if (parsed.errors.length > 0) throw new Error(`${match.name}: ${parsed.errors[0]!.reason}`)
      return [{ name, path, doc, listName: match.name, chapters: parsed.chapters }]
    })
}

/** The episode of that file name among `episodes`; throws when it has no chapter list there. */
export function episodeNamed(episodes: readonly EpisodeWithList[], name: string): EpisodeWithList {
  const found = episodes.find((e) => e.name === name)
  if (!found) throw new Error(`${name} has no chapter list in the corpus`)
  return found
}
