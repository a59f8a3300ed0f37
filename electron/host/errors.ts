/** Why a host call failed, in a form both transports map to a status (400/403/404/500). */
export type HostErrorCode = 'invalid-arguments' | 'refused' | 'not-found' | 'io'

/** A host call that failed for a reason the user can act on; the message is safe to show. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'HostError'
  }
}

/** Refuses access to something outside what the user opened (unknown handle, path escaping the workspace). */
export function refused(message: string): HostError {
  return new HostError('refused', message)
}

/** The error code of a Node file-system error (`ENOENT`, `EACCES`…), if it is one. */
export function fsErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** A file-system error in plain words ("permission denied", "the disk is full"), for messages users read. */
export function fsErrorText(error: unknown): string {
  switch (fsErrorCode(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOENT':
      return 'the file does not exist'
    case 'EISDIR':
      return 'it is a folder'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EROFS':
      return 'the disk is read-only'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
