import { randomBytes } from 'node:crypto'
import { open, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { fsErrorCode } from './errors'

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Permission bits for the file; defaults to the existing file's, or the umask default for a new file. */
  readonly mode?: number
  /** Runs after the temp file is complete and synced, just before it replaces the target (tests, last checks). */
  readonly beforeRename?: (tempPath: string, targetPath: string) => Promise<void> | void
  /** Also fsync the folder so the rename itself survives a power cut (skipped for drafts). */
  readonly syncFolder?: boolean
}

/** The temp-file name used beside `target`; hidden and not `.md`, so watchers and listings skip it. */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
}

/**
 * Replaces `target` with `data` so that readers (and a crash at any moment) see either the whole
 * old file or the whole new one: write a temp file in the same folder, fsync, rename over.
 * The file keeps its permission bits. On failure the temp file is removed and the target untouched.
 */
export async function writeFileAtomic(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? (await existingMode(target))
  const temp = tempPathFor(target)
  const file = await open(temp, 'wx', mode ?? 0o666)
  try {
    try {
      await file.writeFile(data)
      // The umask may have cleared bits of the original mode; set them exactly.
      if (mode !== undefined) await file.chmod(mode)
      await file.sync()
    } finally {
      await file.close()
    }
    await options.beforeRename?.(temp, target)
    await rename(temp, target)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw error
  }
  if (options.syncFolder) await syncFolder(dirname(target))
}

async function existingMode(target: string): Promise<number | undefined> {
  try {
    return (await stat(target)).mode & 0o7777
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return undefined
    throw error
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Not supported on every platform (Windows refuses to open folders); the rename is already done.
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // best effort
  }
}
