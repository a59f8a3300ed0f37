import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { AppSettings, GlossaryFile, SitePerson } from '../../shared/api/contract'
import type { ChapterListCopy } from '../../shared/chapters/index'
import type { Episode } from '../../shared/episode/index'
import { chapterListCopyOf, episodeLintContext, workspaceLints } from '../../shared/lint/extra-lints'
import { problemsFor, type EditorProblem, type ExtraLint } from '../../shared/lint/problems'
import { parseGlossary, type Glossary } from '../../shared/workspace/glossary'
import { hostOfListing } from '../../shared/workspace/speakers'
import { chapterListFinder, readChapterList } from '../chapter-list-files'

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
 * Counts the problems of a listing's episodes exactly as the open episode's header does (see
 * `createProblemLister`); a file that does not read counts 0.
 */
export function createProblemCounter(sources: ProblemCountSources): (files: readonly CountedFile[]) => Promise<number[]> {
  const list = createProblemLister(sources)
  return async (files) => (await list(files)).map((problems) => problems.length)
}

/**
 * Lists the problems of some of a workspace's episodes exactly as the open episode's header and
 * Problems panel do: `problemsFor` with the context the editor builds for it (the settings'
 * switches and host speaker, the workspace's host, the site's people, the glossary, the episode's
 * chapter list). The workspace's host is that of `listing`, the whole workspace's episodes (by
 * default `files` themselves, as when the host lists them all). Each list is kept per document
 * until what it depends on changes. The host's list counts with it, and so does `check`.
 */
export function createProblemLister(
  sources: ProblemCountSources,
): (files: readonly CountedFile[], listing?: readonly { readonly speakers: readonly string[] }[]) => Promise<(readonly EditorProblem[])[]> {
  let knowledge: { readonly key: string; readonly lints: readonly ExtraLint[] } | null = null
  let generation = 0
  const found = new WeakMap<Episode, { readonly key: string; readonly problems: readonly EditorProblem[] }>()
  const lists = new Map<string, { readonly key: string; readonly copy: ChapterListCopy | null }>()

  return async (files, listing = files) => {
    const [settings, people, glossaryFile] = await Promise.all([sources.settings(), sources.people(), sources.glossary()])
    const workspaceHost = hostOfListing(listing)
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
    const chapterList = chapterListOf(lists)
    return Promise.all(
      files.map(async (file) => {
        if (file.doc === null) return []
        const list = await chapterList(file.path, file.doc)
        const problemsKey = `${generation} ${disabled} ${list.key}`
        const hit = found.get(file.doc)
        if (hit?.key === problemsKey) return hit.problems
        const problems = problemsFor(file.doc, episodeLintContext(lints, settings, list.copy))
        found.set(file.doc, { key: problemsKey, problems })
        return problems
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
 * Finds each episode's chapter list as `locateChapterList` does, with one `chapterListFinder` per
 * count (each folder looked up and listed once); a list file is read again only when it changed.
 * An episode whose list cannot be looked up or read is counted without one, as the editor does.
 */
function chapterListOf(
  lists: Map<string, { readonly key: string; readonly copy: ChapterListCopy | null }>,
): (path: string, doc: Episode) => Promise<{ readonly key: string; readonly copy: ChapterListCopy | null }> {
  const find = chapterListFinder()
  const none = { key: 'none', copy: null }
  return async (path, doc) => {
    const place = await find(path, doc).catch(() => ({ folder: null }) as const)
    if (place.folder === null || place.match.kind !== 'found') return none
    const listPath = join(place.folder, place.match.name)
    const info = await stat(listPath).catch(() => null)
    if (!info) return none
    const key = `${listPath}:${info.mtimeMs}:${info.size}:${info.ino}`
    const cached = lists.get(listPath)
    if (cached?.key === key) return cached
    const name = place.match.name
    const copy = await readChapterList(listPath).then((parsed) => chapterListCopyOf(name, parsed), () => null)
    const found = { key, copy }
    lists.set(listPath, found)
    return found
  }
}
