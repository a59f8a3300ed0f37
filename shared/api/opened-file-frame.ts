import type { OpenedFile } from './contract'

/**
 * Browser mode answers `readFile` in a frame of its own, not as JSON: one line of JSON with the
 * file's other fields, a line break, then the file's text as it is. A long episode (1.7 MB) is
 * then neither escaped by the server nor decoded and parsed as JSON by the page, which was a
 * fifth of opening it.
 */
export const openedFileContentType = 'application/x-transcript-opened-file'

/** The frame's first line: every field of `file` but its text, as JSON (which never holds a raw line break). */
export function openedFileHead(file: Omit<OpenedFile, 'text'>): string {
  const { text: _text, ...rest } = file as Partial<OpenedFile>
  return JSON.stringify(rest)
}

/** The file from a frame's first line and the text after it; throws when the head is not a file's fields. */
export function openedFileFromFrame(head: string, text: string): OpenedFile {
  const fields = JSON.parse(head) as Partial<OpenedFile> | null
  if (typeof fields?.handle !== 'string' || typeof fields.path !== 'string' || typeof fields.hash !== 'string') {
    throw new Error('The host answered the file without its name or hash.')
  }
  return { ...fields, handle: fields.handle, path: fields.path, hash: fields.hash, text }
}
