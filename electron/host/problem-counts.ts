import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { AppSettings, GlossaryFile, SitePerson } from '../../shared/api/contract'
import type { ChapterListCopy } from '../../shared/chapters/index'
import { findChapterList } from '../../shared/chapters/find-chapter-list'
import { metadataValue, type Episode } from '../../shared/episode/index'
import { chapterListCopyOf, episodeLintContext, workspaceLints } from '../../shared/lint/extra-lints'
import { problemsFor, type ExtraLint } from '../../shared/lint/problems'
import { parseGlossary, type Glossary } from '../../shared/workspace/glossary'
import { hostOfEpisodes } from '../../shared/workspace/speakers'
import { readChapterList, siteListFolder } from '../chapter-list-files'

/** An episode of a listing as the counter sees it: its path, its parsed document (null: it does not read), its speakers. */
export interface CountedFile {
  readonly path: string
  readonly doc: Episode | null
  readonly speakers: readonly string[]
}

/** What the counts depend on beside the files, read afresh for each count (the host caches the listing between changes). */
export interface ProblemCountSources {
  settings(): Promise<AppSettings>
  /** The people of the site checkout the files belong to (none outside one). */
  people(): Promise<readonly SitePerson[]>
  glossary(): Promise<GlossaryFile>
}

/**
 * Counts the problems of a listing's episodes exactly as the open episode's header does:
 * `problemsFor` with the context the editor builds for it (the settings' switches and host
 * speaker, the workspace's host, the site's people, the glossary, the episode's chapter list).
 * Each count is kept per document until what it depends on changes.
 */
export function createProblemCounter(sources: ProblemCountSources): (files: readonly CountedFile[]) => Promise<number[]> {
  let knowledge: { readonly key: string; readonly lints: readonly ExtraLint[] } | null = null
  let generation = 0
  const counts = new WeakMap<Episode, { readonly key: string; readonly count: number }>()
  const lists = new Map<string, { readonly key: string; readonly copy: ChapterListCopy | null }>()

  return async (files) => {
    const [settings, people, glossaryFile] = await Promise.all([sources.settings(), sources.people(), sources.glossary()])
    // A speaker of most episodes is the host; with a single episode nobody can be told apart as one (as getSiteContext says).
    const workspaceHost = hostOfEpisodes(files.map((f) => new Map(f.speakers.map((who) => [who, 1]))), 2)
    const glossaryText = 'text' in glossaryFile ? glossaryFile.text : null
    const key = JSON.stringify([people, workspaceHost, glossaryText, settings.hostSpeaker])
    if (knowledge?.key !== key) {
      generation++
      knowledge = {
        key,
        lints: workspaceLints({ settings, people: new Map(people.map((p) => [p.id, p.name])), workspaceHost, glossary: glossaryOf(glossaryText) }),
      }
    }
    const lints = knowledge.lints
    const disabled = settings.disabledRules.join(' ')
    const chapterList = chapterListFinder(lists)
    return Promise.all(
      files.map(async (file) => {
        if (file.doc === null) return 0
        const list = await chapterList(file.path, file.doc)
        const countKey = `${generation} ${disabled} ${list.key}`
        const hit = counts.get(file.doc)
        if (hit?.key === countKey) return hit.count
        const count = problemsFor(file.doc, episodeLintContext(lints, settings, list.copy)).length
        counts.set(file.doc, { key: countKey, count })
        return count
      }),
    )
  }
}

/** The glossary of its text, or null when there is none or it does not read (the editor then lints without one). */
function glossaryOf(text: string | null): Glossary | null {
  if (text === null) return null
  try {
    return parseGlossary(text)
  } catch {
    return null
  }
}

/**
 * Finds each episode's chapter list as `locateChapterList` does (the list named like the file,
 * else the one of its season and episode, in the nearest `podcast-timestamps/` above it), looking
 * each folder up and listing it once per count; a list file is read again only when it changed.
 */
function chapterListFinder(
  lists: Map<string, { readonly key: string; readonly copy: ChapterListCopy | null }>,
): (path: string, doc: Episode) => Promise<{ readonly key: string; readonly copy: ChapterListCopy | null }> {
  const folders = new Map<string, Promise<string | null>>()
  const names = new Map<string, Promise<string[]>>()
  const none = { key: 'none', copy: null }
  return async (path, doc) => {
    const dir = dirname(path)
    if (!folders.has(dir)) folders.set(dir, siteListFolder(path).catch(() => null))
    const folder = await folders.get(dir)!
    if (!folder) return none
    if (!names.has(folder)) names.set(folder, readdir(folder).catch(() => []))
    const season = metadataValue(doc, 'season')
    const episode = metadataValue(doc, 'episode')
    const match = findChapterList(basename(path), typeof season === 'number' ? season : undefined, typeof episode === 'number' ? episode : undefined, await names.get(folder)!)
    if (match.kind !== 'found') return none
    const listPath = join(folder, match.name)
    const info = await stat(listPath).catch(() => null)
    if (!info) return none
    const key = `${listPath}:${info.mtimeMs}:${info.size}:${info.ino}`
    const cached = lists.get(listPath)
    if (cached?.key === key) return cached
    const copy = await readChapterList(listPath).then((parsed) => chapterListCopyOf(match.name, parsed), () => null)
    const found = { key, copy }
    lists.set(listPath, found)
    return found
  }
}
