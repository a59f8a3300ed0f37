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

/** Recovery drafts in `<dataDir>/drafts/`, one JSON file per edited file, keyed by a hash of its absolute path. */
export interface DraftStore {
  write(path: string, text: string): Promise<void>
  read(path: string): Promise<StoredDraft | null>
  discard(path: string): Promise<void>
  /** The drafts kept of any of `paths` (one look at the folder, then only those files are read). */
  find(paths: readonly string[]): Promise<StoredDraft[]>
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

  const read = (path: string) =>
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

  return {
    write: (path, text) =>
      queue.run(path, async () => {
        await mkdir(folder, { recursive: true, mode: 0o700 })
        const draft: StoredDraft = { path, savedAt: now(), text }
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
      const names = new Set(await readdir(folder).catch(() => []))
      const found = await Promise.all(paths.filter((path) => names.has(nameOf(path))).map(read))
      return found.filter((draft) => draft !== null)
    },
  }
}

function parseDraft(raw: string, path: string): StoredDraft | null {
  try {
    const value = JSON.parse(raw) as Partial<StoredDraft>
    const valid =
      value.path === path && typeof value.text === 'string' && typeof value.savedAt === 'number'
    return valid ? { path, text: value.text!, savedAt: value.savedAt! } : null
  } catch {
    return null
  }
}
