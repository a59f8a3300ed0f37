/** Schedules `run` after `ms`; returns the cancel function (a seam so tests drive time themselves). */
export type Scheduler = (run: () => void, ms: number) => () => void

/** The platform's timer as a `Scheduler`. */
export const realScheduler: Scheduler = (run, ms) => {
  const timer = setTimeout(run, ms)
  return () => clearTimeout(timer)
}
