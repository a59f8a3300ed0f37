import { realpath } from 'node:fs/promises'
import { dirname } from 'node:path'
import { defaultSettings, type AppSettings } from '../shared/api/contract'
import { parseEpisode, type Episode } from '../shared/episode/index'
import type { EditorProblem } from '../shared/lint/problems'
import { readListing } from './host/episode-check'
import { readGlossaryFile } from './host/glossary-file'
import { createProblemLister, type CountedFile } from './host/problem-counts'
import { createSettingsStore } from './host/settings-store'
import { findSiteCheckout, readSitePeople } from './host/site-context'
import { DEFAULT_SCAN_LIMITS, scanWorkspace } from './host/workspace-scan'

/** How `check` reads and lints a file as the app does, in the workspace the file belongs to. */
export interface WorkspaceLint {
  /** The file's text parsed (by the workspace's listing already, when it read the same text); throws what `parseEpisode` throws. */
  parse(file: string, text: string): Promise<Episode>
  /** The problems of the file's document, found as the app finds them. */
  problems(file: string, doc: Episode): Promise<readonly EditorProblem[]>
}

/** A file of a workspace's listing, with the text its document was read from. */
interface ListedFile extends CountedFile {
  readonly text: string | null
}

/** A workspace `check` counts in: its episodes (for the host speaker) and the lister over its site context. */
interface CheckWorkspace {
  readonly listing: ReadonlyMap<string, ListedFile>
  /** The listing's files in order, the host speaker's source. */
  readonly files: readonly CountedFile[]
  readonly list: ReturnType<typeof createProblemLister>
}

/**
 * What `check` lints each file with: the problems the app's Problems panel and its episode list
 * show for it when the folder holding it is opened (for an episode in a site checkout's
 * `_podcast/`, the checkout): the same `createProblemLister` as the host's list, over the same
 * site context (the people of `_people/`, the glossary in `_data/`, the chapter lists of
 * `podcast-timestamps/`), the host speaker of that folder's episodes, and the settings kept in
 * `dataDir` (the app's data folder; without one, every check on and the host found by itself).
 * Each folder is listed once per run.
 */
export function createWorkspaceLint(dataDir?: string): WorkspaceLint {
  const settings = dataDir === undefined ? async (): Promise<AppSettings> => defaultSettings : createSettingsStore(dataDir).get
  const workspaces = new Map<string, Promise<CheckWorkspace>>()
  const workspaceOf = async (file: string) => {
    const path = await realpath(file).catch(() => file)
    const folder = dirname(path)
    let workspace = workspaces.get(folder)
    if (!workspace) {
      workspace = openWorkspace(folder, settings)
      workspaces.set(folder, workspace)
    }
    return { path, workspace: await workspace }
  }
  return {
    async parse(file, text) {
      const { path, workspace } = await workspaceOf(file)
      const listed = workspace.listing.get(path)
      return listed?.doc && listed.text === text ? listed.doc : parseEpisode(text)
    },
    async problems(file, doc) {
      const { path, workspace } = await workspaceOf(file)
      const [problems] = await workspace.list([{ path, doc, speakers: [] }], workspace.files)
      return problems!
    },
  }
}

/** The workspace the app would open for a file of `folder`: the site checkout it is the `_podcast/` of, or the folder itself. */
async function openWorkspace(folder: string, settings: () => Promise<AppSettings>): Promise<CheckWorkspace> {
  const checkout = await findSiteCheckout(folder)
  const root = checkout?.root ?? folder
  const people = checkout ? await readSitePeople(checkout) : []
  const glossary = await readGlossaryFile(root)
  const scan = await scanWorkspace(root, DEFAULT_SCAN_LIMITS, checkout?.podcast)
  const listing = new Map<string, ListedFile>()
  for (const { path } of scan.files) {
    const listed = await listedFile(path)
    if (listed) listing.set(path, listed)
  }
  const list = createProblemLister({ settings, people: async () => people, glossary: async () => glossary })
  return { listing, files: [...listing.values()], list }
}

/** A file of the folder as the host lists it (null: not an episode); one that does not read has no speakers. */
async function listedFile(path: string): Promise<ListedFile | null> {
  const { listing, doc, text } = await readListing(path)
  return listing === null ? null : { path, doc, speakers: listing.speakers, text }
}
