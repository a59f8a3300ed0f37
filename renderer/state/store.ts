/** A command: a pure function from the current state to the next one, or null when it does not apply. */
export type Command<S> = (state: S) => S | null

/** The app's single source of truth: read it, change it with commands, be told when it changed. */
export interface Store<S> {
  /** The current state (immutable; replaced, never mutated). */
  getState(): S
  /** Runs a command; returns false (and changes nothing) when the command returned null. */
  dispatch(command: Command<S>): boolean
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/**
 * Creates a store holding `initial`. `review`, when given, sees every change before it is kept
 * (the state before and after a command) and may return the after state amended: one place for
 * what follows from any change, whichever command made it.
 */
export function createStore<S>(initial: S, review?: (before: S, after: S) => S): Store<S> {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    dispatch(command) {
      const result = command(state)
      if (result === null) return false
      const next = review && result !== state ? review(state, result) : result
      if (next !== state) {
        state = next
        for (const listener of [...listeners]) listener()
      }
      return true
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
