import { constants } from 'node:fs'
import { open } from 'node:fs/promises'

/** The path is a FIFO, a device, a socket or a folder: reading it could block forever or mean nothing. */
export class NotRegularFileError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a regular file (a pipe, a device or a folder); it was not opened.`)
    this.name = 'NotRegularFileError'
  }
}

/**
 * Reads a regular file whole. The file is opened without blocking and checked with fstat before
 * any byte is read, so a FIFO named `*.md` (or one swapped in after a listing) is refused at once
 * instead of hanging the reader until some writer appears.
 */
export async function readRegularFile(path: string): Promise<Buffer> {
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  try {
    if (!(await file.stat()).isFile()) throw new NotRegularFileError(path)
    return await file.readFile()
  } finally {
    await file.close()
  }
}
