import { constants, type Stats } from 'node:fs'
import { access, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { fsErrorCode } from './errors'
import { tempPathFor } from './stale-temp-files'

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /** Permission bits for the file; defaults to the existing file's, or the umask default for a new file. */
  readonly mode?: number
  /** Runs after the temp file is complete and synced, just before it replaces the target (tests, last checks). */
  readonly beforeRename?: (tempPath: string, targetPath: string) => Promise<void> | void
  /** Fsync the folder after the rename so the rename itself survives a power cut (default true; drafts skip it). */
  readonly syncFolder?: boolean
}

/** The file may not be written (no write permission bit, or access denied); nothing was written. */
export class ReadOnlyFileError extends Error {
  constructor(readonly path: string) {
    super(`${basename(path)} is read-only; nothing was written.`)
    this.name = 'ReadOnlyFileError'
  }
}

/**
 * Replaces `target` with `data` so that readers (and a crash at any moment) see either the whole
 * old file or the whole new one: write a temp file in the same folder, fsync, rename over, fsync
 * the folder. A symbolic link is written through (its target is replaced, the link stays); the file
 * keeps its permission bits, and its owner and group where the process may set them (root). A
 * read-only file is refused, since the rename would only need the folder's permission. On failure
 * the temp file is removed and the target untouched.
 */
export async function writeFileAtomic(target: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const real = await resolveLinks(target)
  const existing = await existingFile(real)
  if (existing && options.mode === undefined) await refuseReadOnly(real, existing)
  const mode = options.mode ?? (existing ? existing.mode & 0o7777 : undefined)
  const temp = tempPathFor(real)
  const file = await open(temp, 'wx', mode ?? 0o666)
  try {
    try {
      await file.writeFile(data)
      if (existing) await keepOwner(file, existing)
      // The umask may have cleared bits of the original mode (and chown clears set-id bits); set them exactly.
      if (mode !== undefined) await file.chmod(mode)
      await file.sync()
    } finally {
      await file.close()
    }
    await options.beforeRename?.(temp, real)
    await rename(temp, real)
  } catch (error) {
    await removeTemp(temp, error)
    throw error
  }
  if (options.syncFolder !== false) await syncFolder(dirname(real))
}

/** Removes a failed save's temp file; if even that fails, says so beside the first error. */
async function removeTemp(temp: string, cause: unknown): Promise<void> {
  try {
    await unlink(temp)
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new AggregateError([cause, error], `${reason} (the temp file ${temp} could not be removed)`)
  }
}

/** The path a write of `target` must replace: the final target of a link, or `target` itself when it does not exist yet. */
async function resolveLinks(target: string): Promise<string> {
  try {
    return await realpath(target)
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return target
    throw error
  }
}

async function existingFile(path: string): Promise<Stats | null> {
  try {
    return await stat(path)
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return null
    throw error
  }
}

/** Refuses a file without any write permission bit (root ignores the bits) or one this process may not write. */
async function refuseReadOnly(path: string, info: Stats): Promise<void> {
  if ((info.mode & 0o222) === 0) throw new ReadOnlyFileError(path)
  try {
    await access(path, constants.W_OK)
  } catch (error) {
    if (['EACCES', 'EPERM', 'EROFS'].includes(fsErrorCode(error) ?? '')) throw new ReadOnlyFileError(path)
    throw error
  }
}

/**
 * Gives the temp file the original's owner and group. Root can set both; another user keeps the
 * group only where they belong to it, and cannot write someone else's file at all (refused above).
 */
async function keepOwner(file: FileHandle, original: Stats): Promise<void> {
  const own = await file.stat()
  if (own.uid === original.uid && own.gid === original.gid) return
  if (process.getuid?.() === 0) return file.chown(original.uid, original.gid)
  try {
    await file.chown(own.uid, original.gid)
  } catch (error) {
    // Not a member of the file's group: the new file keeps ours, as any editor's save would.
    if (fsErrorCode(error) !== 'EPERM') throw error
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; the rename is done and NTFS journals it.
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } catch (error) {
    // A few file systems (some network and FUSE mounts) do not support fsync on folders.
    if (!['EINVAL', 'ENOTSUP', 'EOPNOTSUPP'].includes(fsErrorCode(error) ?? '')) throw error
  } finally {
    await handle.close()
  }
}
