import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { ChapterListFile, WrittenChapterList } from '../../shared/api/contract'
import { parseChapterList } from '../../shared/chapters/chapter-list'
import { CHAPTER_LIST_FOLDER, chapterListFileName } from '../../shared/chapters/find-chapter-list'
import { EpisodeSyntaxError, metadataValue, parseEpisode } from '../../shared/episode/index'
import { locateChapterList, siteListFolder } from '../chapter-list-files'
import { writeFileAtomic } from './atomic-write'
import { refused } from './errors'
import { readRegularFile } from './read-regular-file'
import { decodeFileText, encodeFileText } from './text-codec'

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

/**
 * Writes a chapter list to the episode's own `podcast-timestamps/` file (the one `locateChapterList`
 * finds, else a new `sNNeMM-<name>.txt`, see `chapterListFileName`), atomically. Refused outside a
 * site checkout, when several lists match, and for text that is not a chapter list.
 */
export async function writeEpisodeChapterList(path: string, text: string): Promise<WrittenChapterList> {
  const parsed = parseChapterList(text)
  if (parsed.errors.length > 0 || parsed.chapters.length === 0) {
    const first = parsed.errors[0]
    throw refused(first ? `The text is not a chapter list: line ${first.line}, ${first.reason}.` : 'The chapter list is empty; there is nothing to write.')
  }
  let doc
  try {
    doc = parseEpisode(decodeFileText(await readRegularFile(path)))
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) throw refused(`The episode file on disk does not read (${error.message}), so its chapter list cannot be chosen.`)
    throw error
  }
  const folder = await siteListFolder(path)
  if (!folder) throw refused(`This episode is not in a site checkout: there is no ${CHAPTER_LIST_FOLDER}/ folder above it. Copy the list instead.`)
  const season = metadataValue(doc, 'season')
  const episode = metadataValue(doc, 'episode')
  const names = await readdir(folder)
  const name = chapterListFileName(basename(path), typeof season === 'number' ? season : undefined, typeof episode === 'number' ? episode : undefined, names)
  if (name === null) throw refused(`Several lists in ${CHAPTER_LIST_FOLDER}/ match this episode; copy the list and save it by hand.`)
  await writeFileAtomic(join(folder, name), encodeFileText(text))
  return { name, created: !names.includes(name) }
}
