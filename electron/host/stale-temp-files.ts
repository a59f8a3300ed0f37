import { randomBytes } from 'node:crypto'
import { lstat, readdir, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { fsErrorCode } from './errors'

/** A temp file older than this is stale whoever wrote it: no save takes an hour between write and rename. */
export const staleTempAgeMs = 60 * 60 * 1000

/** A temp file whose writer is gone is removed once it is this old (its name could name a pid of another machine). */
const deadWriterAgeMs = 10 * 1000

/** `.NAME.<pid>.<12 hex>.tmp`, and the older `.NAME.<12 hex>.tmp` without a pid. */
const tempName = /^\.(.+?)\.(?:(\d+)\.)?([0-9a-f]{12})\.tmp$/

/**
 * The temp-file name used beside `target`: hidden and not `.md`, so watchers and listings skip it,
 * and carrying the writer's pid, so a temp file left by a crashed save can be recognised as stale.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
}

/** Options of `cleanStaleTempFiles`. */
export interface CleanOptions {
  /** Only the temp files of this file name (a file being opened); default: every temp file of ours in the folder. */
  readonly forName?: string
  /** Clock, for tests. */
  readonly now?: number
}

/**
 * Removes the temp files a crashed save left in `folder`: only names of our exact pattern that are
 * regular files, and only when older than an hour or when their writer process is gone. Returns
 * the paths removed. A temp file another live save is writing is never touched.
 */
export async function cleanStaleTempFiles(folder: string, options: CleanOptions = {}): Promise<string[]> {
  const now = options.now ?? Date.now()
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    // A folder that is gone or unreadable has nothing of ours to clean.
    if (['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM'].includes(fsErrorCode(error) ?? '')) return []
    throw error
  }
  const removed: string[] = []
  for (const name of names) {
    const match = tempName.exec(name)
    if (!match || (options.forName !== undefined && match[1] !== options.forName)) continue
    const path = join(folder, name)
    const info = await lstat(path).catch((error: unknown) => {
      if (fsErrorCode(error) === 'ENOENT') return null
      throw error
    })
    if (!info?.isFile()) continue
    const age = now - info.mtimeMs
    const pid = match[2] === undefined ? null : Number(match[2])
    const writerGone = pid !== null && pid !== process.pid && !processExists(pid)
    if (age < staleTempAgeMs && !(writerGone && age >= deadWriterAgeMs)) continue
    try {
      await unlink(path)
      removed.push(path)
    } catch (error) {
      // Removed meanwhile by someone else, or not ours to remove: either way nothing to do.
      if (!['ENOENT', 'EACCES', 'EPERM'].includes(fsErrorCode(error) ?? '')) throw error
    }
  }
  return removed
}

/** Whether a process with this id runs on this machine (signal 0 checks without sending anything). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return fsErrorCode(error) === 'EPERM'
  }
}
