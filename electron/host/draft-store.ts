import { mkdir, readdir, readFile, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import type { Draft } from '../../shared/api/contract'
import { writeFileAtomic } from './atomic-write'
import { contentHash } from './content-hash'
import { fsErrorCode } from './errors'
import { createKeyedQueue } from './keyed-queue'

/** A journalled draft and the file it belongs to. */
export interface StoredDraft extends Draft {
  readonly path: string
}

/** A draft `find` could not read: the file it belongs to, and why (an error, or a damaged draft). */
export interface UnreadDraft {
  readonly path: string
  readonly error: unknown
}

/** What `find` found: the drafts it could read, and those it could not. */
export interface FoundDrafts {
  readonly drafts: StoredDraft[]
  readonly unread: UnreadDraft[]
}

/** A draft file that is not what this app writes (cut short or altered); its text cannot be offered. */
export class DamagedDraftError extends Error {
  constructor() {
    super('the kept changes are damaged')
    this.name = 'DamagedDraftError'
  }
}

/** Recovery drafts in `<dataDir>/drafts/`, one JSON file per edited file, keyed by a hash of its absolute path. */
export interface DraftStore {
  /** Keeps `text` as the draft of `path`, with `base`, the file's text its changes were made to. */
  write(path: string, text: string, base: string): Promise<void>
  read(path: string): Promise<StoredDraft | null>
  discard(path: string): Promise<void>
  /**
   * The drafts kept of any of `paths` (one look at the folder, then only those files are read).
   * A draft that cannot be read, or is damaged, is returned in `unread` and leaves the others found;
   * only a drafts folder that cannot be looked at fails the call.
   */
  find(paths: readonly string[]): Promise<FoundDrafts>
}

/**
 * Creates the draft journal. Each write replaces the draft atomically, so a process killed at any
 * moment leaves the previous or the new draft, never a torn one. Writes of one file are queued
 * in call order, so a slow older write can never land after a newer one.
 */
export function createDraftStore(dataDir: string, now: () => number = Date.now): DraftStore {
  const folder = join(dataDir, 'drafts')
  const queue = createKeyedQueue()
  const nameOf = (path: string) => `${contentHash(path)}.json`
  const fileOf = (path: string) => join(folder, nameOf(path))

  /** The draft of `path`, null when there is none; a damaged one throws `DamagedDraftError`. */
  const readChecked = (path: string) =>
    queue.run(path, async () => {
      let raw: string
      try {
        raw = await readFile(fileOf(path), 'utf8')
      } catch (error) {
        if (fsErrorCode(error) === 'ENOENT') return null
        throw error
      }
      return parseDraft(raw, path)
    })

  // Opening a file offers no draft when its draft is damaged; the listing says which ones are.
  const read = (path: string) =>
    readChecked(path).catch((error: unknown) => {
      if (error instanceof DamagedDraftError) return null
      throw error
    })

  return {
    write: (path, text, base) =>
      queue.run(path, async () => {
        await mkdir(folder, { recursive: true, mode: 0o700 })
        const draft: StoredDraft = { path, savedAt: now(), text, base }
        await writeFileAtomic(fileOf(path), Buffer.from(JSON.stringify(draft), 'utf8'), { mode: 0o600, syncFolder: false })
      }),
    read,
    discard: (path) =>
      queue.run(path, async () => {
        await unlink(fileOf(path)).catch((error: unknown) => {
          if (fsErrorCode(error) !== 'ENOENT') throw error
        })
      }),
    async find(paths) {
      const names = new Set(
        await readdir(folder).catch((error: unknown) => {
          if (fsErrorCode(error) === 'ENOENT') return []
          throw error
        }),
      )
      const kept = paths.filter((path) => names.has(nameOf(path)))
      const results = await Promise.allSettled(kept.map(readChecked))
      const drafts: StoredDraft[] = []
      const unread: UnreadDraft[] = []
      results.forEach((result, i) => {
        if (result.status === 'rejected') unread.push({ path: kept[i]!, error: result.reason })
        else if (result.value) drafts.push(result.value)
      })
      return { drafts, unread }
    },
  }
}

/** The draft in `raw`, null when it belongs to another file; throws `DamagedDraftError` when it is not a draft. */
function parseDraft(raw: string, path: string): StoredDraft | null {
  let value: Partial<StoredDraft> | null
  try {
    value = JSON.parse(raw) as Partial<StoredDraft> | null
  } catch (error) {
    if (error instanceof SyntaxError) throw new DamagedDraftError()
    throw error
  }
  if (typeof value?.text !== 'string' || typeof value.savedAt !== 'number' || typeof value.path !== 'string') throw new DamagedDraftError()
  if (value.base !== undefined && typeof value.base !== 'string') throw new DamagedDraftError()
  if (value.path !== path) return null
  return { path, text: value.text, savedAt: value.savedAt, ...(value.base !== undefined ? { base: value.base } : {}) }
}
