/**
 * A host call that never reached the host (browser mode: the server stopped or the network
 * dropped). Distinct from a refusal: the call may succeed as is once the host is back, so the UI
 * keeps the user's work and retries instead of reporting a failed operation.
 */
export class HostUnreachableError extends Error {
  constructor(method: string, cause?: unknown) {
    super(`The editor cannot reach its host (${method} did not get an answer)`, { cause })
    this.name = 'HostUnreachableError'
  }
}

/** Whether a thrown value says the host could not be reached (see `HostUnreachableError`). */
export function isHostUnreachable(error: unknown): boolean {
  return error instanceof HostUnreachableError
}
