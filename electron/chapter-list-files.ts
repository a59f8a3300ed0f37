import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { parseChapterList, type ChapterListParse } from '../shared/chapters/chapter-list'
import { CHAPTER_LIST_FOLDER, findChapterList, type ChapterListMatch } from '../shared/chapters/find-chapter-list'
import { metadataValue, type Episode } from '../shared/episode/index'
import { readRegularFile } from './host/read-regular-file'
import { fsErrorCode } from './host/errors'
import { decodeFileText } from './host/text-codec'

/** An episode's chapter list found on disk, read; or why there is none. */
export type LocatedChapterList =
  | { readonly ok: true; readonly path: string; readonly list: ChapterListParse }
  | { readonly ok: false; readonly reason: string }

/**
 * The `podcast-timestamps/` folder of the site checkout an episode file belongs to: the nearest
 * folder above the file that holds one (`_podcast/x.md` → `podcast-timestamps/` beside `_podcast/`).
 */
export async function siteListFolder(episodePath: string): Promise<string | null> {
  let dir = dirname(episodePath)
  for (;;) {
    const candidate = join(dir, CHAPTER_LIST_FOLDER)
    try {
      if ((await stat(candidate)).isDirectory()) return candidate
    } catch (error) {
      if (fsErrorCode(error) !== 'ENOENT' && fsErrorCode(error) !== 'ENOTDIR') throw error
    }
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/** Reads and parses a chapter list file. */
export async function readChapterList(path: string): Promise<ChapterListParse> {
  return parseChapterList(decodeFileText(await readRegularFile(path)))
}

/** Where an episode's chapter list is, by name: its folder and the match there, or no folder at all. */
export type ChapterListPlace = { readonly folder: string; readonly match: ChapterListMatch } | { readonly folder: null }

/**
 * Finds where the chapter list of an episode file is in its site checkout: the list named like
 * the file, else the one matching its season and episode (see `findChapterList`), in the nearest
 * `podcast-timestamps/` above it. Each folder is looked up and listed once per finder, so a
 * listing of many episodes shares them; make a new finder to see the disk afresh.
 */
export function chapterListFinder(): (episodePath: string, doc: Episode) => Promise<ChapterListPlace> {
  const folders = new Map<string, Promise<string | null>>()
  const names = new Map<string, Promise<string[]>>()
  return async (episodePath, doc) => {
    const dir = dirname(episodePath)
    if (!folders.has(dir)) folders.set(dir, siteListFolder(episodePath))
    const folder = await folders.get(dir)!
    if (!folder) return { folder: null }
    if (!names.has(folder)) names.set(folder, readdir(folder))
    const season = metadataValue(doc, 'season')
    const episode = metadataValue(doc, 'episode')
    const match = findChapterList(
      basename(episodePath),
      typeof season === 'number' ? season : undefined,
      typeof episode === 'number' ? episode : undefined,
      await names.get(folder)!,
    )
    return { folder, match }
  }
}

/** Finds and reads the chapter list of an episode file in its site checkout (see `chapterListFinder`). */
export async function locateChapterList(episodePath: string, doc: Episode): Promise<LocatedChapterList> {
  const place = await chapterListFinder()(episodePath, doc)
  if (place.folder === null) return { ok: false, reason: `no ${CHAPTER_LIST_FOLDER}/ folder in any folder above the file (is it in a site checkout?)` }
  const { folder, match } = place
  switch (match.kind) {
    case 'found': {
      const path = join(folder, match.name)
      return { ok: true, path, list: await readChapterList(path) }
    }
    case 'ambiguous':
      return { ok: false, reason: `several chapter lists match this episode (${match.names.join(', ')}); choose one` }
    case 'none':
      return { ok: false, reason: `no chapter list in ${folder}: ${match.reason}` }
  }
}
