import { basename } from 'node:path'
import type { ChapterListFile } from '../../shared/api/contract'
import { EpisodeSyntaxError, parseEpisode } from '../../shared/episode/index'
import { locateChapterList } from '../chapter-list-files'
import { readRegularFile } from './read-regular-file'
import { decodeFileText } from './text-codec'

/**
 * The chapter list of the episode file at `path` in its site checkout (`locateChapterList`): the
 * list's file name and text, or the plain reason there is none. The episode is read from disk,
 * since its season and episode choose the list.
 */
export async function episodeChapterList(path: string): Promise<ChapterListFile> {
  let doc
  try {
    doc = parseEpisode(decodeFileText(await readRegularFile(path)))
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) return { reason: `the episode file on disk does not read: ${error.message}` }
    throw error
  }
  const located = await locateChapterList(path, doc)
  if (!located.ok) return { reason: located.reason }
  return { name: basename(located.path), text: decodeFileText(await readRegularFile(located.path)) }
}
