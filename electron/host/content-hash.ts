import { createHash } from 'node:crypto'

/** The sha256 hex digest of file content: the identity used to detect someone else's change. */
export function contentHash(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}
