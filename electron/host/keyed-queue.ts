/** Runs async jobs one at a time per key, in call order; a failed job does not block the next. */
export interface KeyedQueue {
  run<T>(key: string, job: () => Promise<T>): Promise<T>
  /** Resolves once every job queued so far has settled. */
  idle(): Promise<void>
}

/** Creates a queue per key, so two writes of one file can never interleave or land out of order. */
export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>()
  return {
    run(key, job) {
      const next = (tails.get(key) ?? Promise.resolve()).then(job, job)
      const settled = next.catch(() => undefined)
      tails.set(key, settled)
      void settled.then(() => {
        if (tails.get(key) === settled) tails.delete(key)
      })
      return next
    },
    async idle() {
      await Promise.all(tails.values())
    },
  }
}
