import { isHostUnreachable } from '../../shared/api/host-unreachable'
import type { AppState } from './app-state'
import type { AppCommand } from './commands'
import { errorText } from './commands'

let failureSeq = 0

/** Shows a background failure until the user dismisses it (or a newer one replaces it). */
export function showFailure(text: string): AppCommand {
  return (state) => ({ ...state, failure: { seq: ++failureSeq, text } })
}

/** Dismisses the failure if it is still the one given. */
export function dismissFailure(seq: number): AppCommand {
  return (state) => (state.failure?.seq === seq ? { ...state, failure: null } : null)
}

/**
 * The store's review of a change: what the episode list could not show (the host's `problem`, e.g.
 * drafts it could not read) becomes a failure notice when it is new, not again at each listing.
 */
export function withListProblem(before: AppState, after: AppState): AppState {
  const problem = after.workspace?.problem
  if (!problem || problem === before.workspace?.problem) return after
  return showFailure(problem)(after) ?? after
}

/** Marks the host as unreachable (`lost`) or answering again (`online`). */
export function setConnection(connection: 'online' | 'lost'): AppCommand {
  return (state) => (state.connection === connection ? null : { ...state, connection })
}

/**
 * The one path for failures of background work (draft journalling, host calls nobody awaits):
 * each becomes a lasting notice in plain words, and an unreachable host becomes the connection
 * banner with its retry instead. Nothing is swallowed.
 */
export interface FailureReporter {
  /** Reports `error` of the work described by `what` (e.g. "The recovery draft could not be written"). */
  report(what: string, error: unknown): void
}

/** A reporter that shows failures through `dispatch` and hands an unreachable host to `hostLost`. */
export function createFailureReporter(dispatch: (command: AppCommand) => boolean, hostLost: () => void): FailureReporter {
  return {
    report(what, error) {
      if (isHostUnreachable(error)) hostLost()
      else dispatch(showFailure(`${what}: ${errorText(error)}`))
    },
  }
}
