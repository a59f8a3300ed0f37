import { randomBytes } from 'node:crypto'
import type { FileHandle } from '../../shared/api/contract'
import { refused } from './errors'

/**
 * The opened set: opaque random handles for the files the user opened, each bound to one real
 * path. A path gets the same handle for the life of the table, so handles held by the UI stay
 * valid when the workspace is re-listed. A handle that was not issued here resolves to nothing.
 */
export class HandleTable {
  private readonly byHandle = new Map<FileHandle, string>()
  private readonly byPath = new Map<string, FileHandle>()

  /** The handle of `realPath`, issuing a new one the first time. */
  issue(realPath: string): FileHandle {
    const existing = this.byPath.get(realPath)
    if (existing) return existing
    const handle = `h${randomBytes(16).toString('hex')}`
    this.byHandle.set(handle, realPath)
    this.byPath.set(realPath, handle)
    return handle
  }

  /** The path of an issued handle; throws a refusal for any other value. */
  resolve(handle: FileHandle): string {
    const path = this.byHandle.get(handle)
    if (path === undefined) throw refused('This file was not opened in this session.')
    return path
  }

  /** The handle already issued for `realPath`, if any. */
  handleOf(realPath: string): FileHandle | undefined {
    return this.byPath.get(realPath)
  }
}
