import { createHash } from 'node:crypto'
import { addMisspelling, EMPTY_GLOSSARY, parseGlossary } from '../../shared/workspace/glossary'
import { indexWorkspace, searchWorkspace } from '../../shared/workspace/workspace-index'
import {
  defaultSettings,
  type AppSettings,
  type FileHandle,
  type FindQuery,
  type GlossaryFile,
  type HostBridge,
  type HostEvent,
  type OpenedFile,
  type PlayerPlace,
  type SaveRequest,
  type SaveResult,
  type SiteContext,
  type Workspace,
  type WorkspaceSearchResult,
} from '../../shared/api/contract'
import { HostUnreachableError } from '../../shared/api/host-unreachable'
import type { Scheduler } from '../../renderer/state/scheduler'

/** A host method name. */
type Method = Exclude<keyof HostBridge, 'onEvent'>

/**
 * An in-memory host for state-layer tests: one folder of files, drafts, a call log, and switches
 * to make calls fail (`down`: unreachable, as a stopped browser-mode server; `failing`: refused).
 */
export class FakeHost implements HostBridge {
  readonly files = new Map<FileHandle, string>()
  readonly drafts = new Map<FileHandle, string>()
  /** The file's text each draft's changes were made to, as the page sent it with the draft. */
  readonly draftBases = new Map<FileHandle, string>()
  readonly calls: Method[] = []
  /** The glossary file's text (null: not created yet). */
  glossary: string | null = null
  /** The settings as the app last saved them. */
  settings: AppSettings = defaultSettings
  /** Chapter lists written, by handle (the fake host's episodes all count as in a site checkout). */
  readonly chapterLists = new Map<FileHandle, string>()
  /** What the listing says it could not show (e.g. drafts it could not read), as the real host's `problem`. */
  listProblem: string | undefined
  /** When true every call rejects with `HostUnreachableError`. */
  down = false
  /** Methods that reject with this error (e.g. a full disk for writeDraft). */
  readonly failing = new Map<Method, Error>()
  private readonly listeners = new Set<(event: HostEvent) => void>()

  constructor(files: Record<FileHandle, string>) {
    for (const [handle, text] of Object.entries(files)) this.files.set(handle, text)
  }

  private async enter(method: Method): Promise<void> {
    this.calls.push(method)
    await Promise.resolve()
    if (this.down) throw new HostUnreachableError(method, new TypeError('Failed to fetch'))
    const error = this.failing.get(method)
    if (error) throw error
  }

  private workspace(): Workspace {
    const files = [...this.files.keys()].map((handle) => ({ handle, relPath: handle, entries: 0, lines: 0, headers: 0, speakers: [], problems: 0 }))
    return { root: '/fake', files, ...(this.listProblem ? { problem: this.listProblem } : {}) }
  }

  async openFileDialog() {
    await this.enter('openFileDialog')
    return null
  }
  async openFolderDialog() {
    await this.enter('openFolderDialog')
    return null
  }
  async openPath(_path: string) {
    await this.enter('openPath')
    return this.workspace()
  }
  async getWorkspace() {
    await this.enter('getWorkspace')
    return this.workspace()
  }
  async readFile(handle: FileHandle): Promise<OpenedFile> {
    await this.enter('readFile')
    const text = this.files.get(handle)
    if (text === undefined) throw new Error(`No file ${handle}`)
    const draft = this.drafts.get(handle)
    const base = this.draftBases.get(handle)
    return { handle, path: `/fake/${handle}`, text, hash: hashOf(text), ...(draft !== undefined ? { draft: { text: draft, savedAt: 0, ...(base !== undefined ? { base } : {}) } } : {}) }
  }
  async saveFile(request: SaveRequest): Promise<SaveResult> {
    await this.enter('saveFile')
    const disk = this.files.get(request.handle) ?? null
    if (request.baseHash !== null && (disk === null || hashOf(disk) !== request.baseHash)) {
      return { ok: false, reason: 'conflict', diskText: disk, diskHash: disk === null ? null : hashOf(disk) }
    }
    this.files.set(request.handle, request.text)
    // As the host: a save forgets the file's draft, unless the page still offers it.
    if (!request.keepDraft) this.drafts.delete(request.handle)
    return { ok: true, hash: hashOf(request.text) }
  }
  async writeDraft(handle: FileHandle, text: string, base: string) {
    await this.enter('writeDraft')
    this.drafts.set(handle, text)
    this.draftBases.set(handle, base)
  }
  async discardDraft(handle: FileHandle) {
    await this.enter('discardDraft')
    this.drafts.delete(handle)
  }
  async listRecent() {
    await this.enter('listRecent')
    return []
  }
  async setDirty(_unsaved: readonly FileHandle[]) {
    await this.enter('setDirty')
  }
  /** No recording is remembered for any episode of the fake host. */
  async getEpisodeMedia(_handle: FileHandle) {
    await this.enter('getEpisodeMedia')
    return null
  }
  async pickMediaForEpisode(_handle: FileHandle) {
    await this.enter('pickMediaForEpisode')
    return null
  }
  async forgetEpisodeMedia(_handle: FileHandle) {
    await this.enter('forgetEpisodeMedia')
  }
  /** Player places kept, by handle (the fake host keeps them for the test's run). */
  readonly places = new Map<FileHandle, PlayerPlace>()
  async getPlayerPlace(handle: FileHandle) {
    await this.enter('getPlayerPlace')
    return this.places.get(handle) ?? null
  }
  async setPlayerPlace(handle: FileHandle, place: PlayerPlace) {
    await this.enter('setPlayerPlace')
    this.places.set(handle, place)
  }
  async readChapterList(_handle: FileHandle) {
    await this.enter('readChapterList')
    return { reason: 'the fake host has no site checkout' }
  }
  /** Searches the files as they are in the fake folder. */
  async searchWorkspace(query: FindQuery): Promise<WorkspaceSearchResult> {
    await this.enter('searchWorkspace')
    const found = searchWorkspace(indexWorkspace([...this.files].map(([id, text]) => ({ id, text }))), query)
    return {
      episodes: found.episodes.map((e) => ({ handle: e.id, relPath: e.id, count: e.count, matches: e.matches })),
      total: found.total,
      searched: this.files.size,
      failed: found.failed.map((f) => ({ handle: f.id, relPath: f.id, message: f.error })),
      capped: false,
    }
  }
  async readGlossary(): Promise<GlossaryFile> {
    await this.enter('readGlossary')
    return { path: '/fake/_data/transcript-glossary.yml', text: this.glossary }
  }
  async addGlossaryTerm(term: string, misspelling: string): Promise<GlossaryFile> {
    await this.enter('addGlossaryTerm')
    this.glossary = addMisspelling(this.glossary === null ? EMPTY_GLOSSARY : parseGlossary(this.glossary), term, misspelling)
    return { path: '/fake/_data/transcript-glossary.yml', text: this.glossary }
  }
  async getSettings() {
    await this.enter('getSettings')
    return this.settings
  }
  async saveSettings(settings: AppSettings) {
    await this.enter('saveSettings')
    this.settings = settings
  }
  async writeChapterList(handle: FileHandle, text: string) {
    await this.enter('writeChapterList')
    const created = !this.chapterLists.has(handle)
    this.chapterLists.set(handle, text)
    return { name: `${handle}.txt`, created }
  }
  /** What `getSiteContext` answers (tests set people and a host to see speakers by name). */
  siteContext: SiteContext = { site: false, root: null, people: [], host: null }
  async getSiteContext(): Promise<SiteContext> {
    await this.enter('getSiteContext')
    return this.siteContext
  }
  onEvent(listener: (event: HostEvent) => void) {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }
  /** Pushes a host event to the UI. */
  emit(event: HostEvent): void {
    for (const listener of [...this.listeners]) listener(event)
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A clock the test moves by hand: `schedule` for the code under test, `advance` to let time pass. */
export class ManualClock {
  private time = 0
  private tasks: { at: number; run: () => void }[] = []

  /** The clock's time (ms), for code that asks what time it is (`ControllerOptions.now`). */
  readonly now = (): number => this.time

  readonly schedule: Scheduler = (run, ms) => {
    const task = { at: this.time + ms, run }
    this.tasks.push(task)
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task)
    }
  }

  /** Runs every task due within `ms`, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    for (;;) {
      await settle()
      const due = this.tasks.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.tasks = this.tasks.filter((t) => t !== due)
      this.time = due.at
      due.run()
    }
    this.time = end
    await settle()
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
}
