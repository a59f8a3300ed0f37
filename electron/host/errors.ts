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
