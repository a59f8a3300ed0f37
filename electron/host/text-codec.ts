import { HostError } from './errors'

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Decodes file bytes as UTF-8 exactly (a BOM is kept as U+FEFF), so that encoding the text
 * again gives the same bytes. Refuses bytes that are not UTF-8 rather than losing them.
 */
export function decodeFileText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes)
  } catch {
    throw new HostError('io', 'The file is not UTF-8 text; it cannot be edited without changing it.')
  }
}

/** Encodes text for writing; the inverse of `decodeFileText`. */
export function encodeFileText(text: string): Buffer {
  return Buffer.from(text, 'utf8')
}
