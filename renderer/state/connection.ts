import { realScheduler, type Scheduler } from './scheduler'

/** Watches for the host coming back after a call found it unreachable. */
export interface ConnectionMonitor {
  /** A call could not reach the host: say so and start probing (idempotent while lost). */
  lost(): void
  readonly isLost: boolean
  dispose(): void
}

/** Options of `createConnectionMonitor`. */
export interface ConnectionMonitorOptions {
  /** A cheap host call; it resolving means the host is back. */
  probe(): Promise<unknown>
  /** Called once when the connection is lost (to show the banner). */
  onLost(): void
  /** Called once when a probe succeeds (to journal the draft and clear the banner). */
  onRestored(): void
  /** First delay between probes; doubles up to `maxRetryMs`. */
  readonly retryMs?: number
  readonly maxRetryMs?: number
  readonly schedule?: Scheduler
}

/** Creates a monitor that, once told the host is lost, probes it until it answers. */
export function createConnectionMonitor(options: ConnectionMonitorOptions): ConnectionMonitor {
  const schedule = options.schedule ?? realScheduler
  const first = options.retryMs ?? 1000
  const max = options.maxRetryMs ?? 5000
  let lost = false
  let delay = first
  let cancel: (() => void) | null = null
  let disposed = false

  const probeLater = () => {
    cancel = schedule(() => {
      cancel = null
      options.probe().then(
        () => {
          if (disposed || !lost) return
          lost = false
          delay = first
          options.onRestored()
        },
        () => {
          // Still unreachable (or refusing): keep the banner and try again later.
          if (disposed || !lost) return
          delay = Math.min(delay * 2, max)
          probeLater()
        },
      )
    }, delay)
  }

  return {
    lost() {
      if (lost || disposed) return
      lost = true
      options.onLost()
      probeLater()
    },
    get isLost() {
      return lost
    },
    dispose() {
      disposed = true
      cancel?.()
    },
  }
}
