import { isUtf8 } from 'node:buffer'
import { HostError } from './errors'

/**
 * The largest file the editor opens: 64 MiB, hundreds of times the longest episode, and well inside
 * what a JS string can hold, so a bigger file is refused as too large before decoding is tried.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Decodes file bytes as UTF-8 exactly (a BOM is kept as U+FEFF), so that encoding the text
 * again gives the same bytes. Refuses bytes that are not UTF-8 rather than losing them, and a
 * file over `MAX_FILE_BYTES` as too large.
 */
export function decodeFileText(bytes: Uint8Array): string {
  checkFileBytes(bytes)
  return strictUtf8.decode(bytes)
}

/**
 * Refuses, as `decodeFileText` does, bytes that are not UTF-8 or a file over `MAX_FILE_BYTES`,
 * without decoding them (a validation pass is about a hundredth of the decoding's time): for
 * bytes sent on as they are.
 */
export function checkFileBytes(bytes: Uint8Array): void {
  if (bytes.length > MAX_FILE_BYTES) {
    const mb = (n: number) => Math.ceil(n / (1024 * 1024))
    throw new HostError('io', `The file is too large to open (${mb(bytes.length)} MB; the limit is ${mb(MAX_FILE_BYTES)} MB).`)
  }
  if (!isUtf8(bytes)) throw new HostError('io', 'The file is not UTF-8 text; it cannot be edited without changing it.')
}

/** Encodes text for writing; the inverse of `decodeFileText`. */
export function encodeFileText(text: string): Buffer {
  return Buffer.from(text, 'utf8')
}
