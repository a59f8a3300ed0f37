import type { Page } from '@playwright/test'

/** A Chrome trace event, as CDP's `Tracing` reports it (the fields used here). */
export interface TraceEvent {
  readonly name: string
  readonly ph: string
  readonly ts: number
  readonly dur?: number
  /** Thread (CPU) time of a complete event, µs. */
  readonly tdur?: number
  readonly tid: number
  readonly pid: number
  readonly cat: string
  readonly args?: { readonly name?: string; readonly message?: string; readonly data?: Record<string, unknown>; readonly elementCount?: number }
}

/** Trace categories for the main thread's tasks, the frame's phases and `console.timeStamp` marks. */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel', '__metadata']

/** Runs `work` with Chrome tracing on `page` (and `extraCategories`), and resolves to the trace's events. */
export async function traceWhile(page: Page, work: () => Promise<void>, extraCategories: readonly string[] = []): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [...CATEGORIES, ...extraCategories] } })
  try {
    await work()
  } finally {
    await cdp.send('Tracing.end')
    await done
    await cdp.detach()
  }
  return events
}

/** The main thread's CPU time for one update, from its mark to the end of the frame painted after it. */
export interface UpdateCpu {
  /** ms of thread time of the top-level tasks overlapping [the task that marked, the end of the next frame's task]. */
  readonly total: number
  /**
   * ms of thread time of every top-level task from the one that marked to the next mark's (or
   * the trace's end): `total` and what the update left for after its frame (React's deferred
   * renders, their frame, garbage collection), with the probe's own two small tasks.
   */
  readonly settled: number
  /** Of `total`, by phase (outermost named event; what no named event covers is `other`), ms. */
  readonly phases: ReadonlyMap<string, number>
  /** Elements whose style was recalculated (the `UpdateLayoutTree` events' `elementCount`). */
  readonly styledElements: number
  /** Layout objects Blink laid out (the `Layout` events' dirty objects). */
  readonly laidOutObjects: number
}

/** Outermost trace events counted as a phase of the main thread's work, by the name shown for them. */
export function phaseOf(e: TraceEvent): string | null {
  switch (e.name) {
    case 'EventDispatch':
      return `event ${String(e.args?.data?.type ?? '')}`
    case 'RunMicrotasks':
    case 'v8.runMicrotasks':
      return 'microtasks'
    case 'FireAnimationFrame':
      return 'animation frame callbacks'
    case 'UpdateLayoutTree':
      return 'style'
    case 'Layout':
      return 'layout'
    case 'PrePaint':
      return 'pre-paint'
    case 'Paint':
      return 'paint'
    case 'Layerize':
      return 'layerize'
    case 'Commit':
      return 'commit'
    case 'ResizeObserver::BroadcastObservations':
      return 'resize observers'
    case 'IntersectionObserverController::computeIntersections':
      return 'intersection observers'
    case 'HitTest':
      return 'hit test'
    case 'TimerFire':
    case 'FunctionCall':
      return 'other script'
    case 'MinorGC':
    case 'MajorGC':
    case 'V8.GC_SCAVENGER':
      return 'gc'
    default:
      return null
  }
}

/** The index of the first event of `sorted` (by start) starting at or after `ts`. */
function firstAt(sorted: readonly TraceEvent[], ts: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid]!.ts < ts) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Complete events of the renderer's main thread that holds `mark`'s `TimeStamp` events, by start (outer first). */
export function mainThreadEvents(events: readonly TraceEvent[], mark: string): { onMain: TraceEvent[]; marks: number[] } {
  const stamps = events.filter((e) => e.name === 'TimeStamp' && (e.args?.data?.message === mark || e.args?.data?.name === mark))
  const first = stamps[0]
  if (!first) return { onMain: [], marks: [] }
  const onMain = events.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  return { onMain, marks: stamps.map((e) => e.ts).sort((a, b) => a - b) }
}

/**
 * The main thread's CPU (thread) time of each update in a trace: an update starts at the
 * top-level task in which the page called `console.timeStamp(mark)` (the player's message
 * dispatch) and ends with the top-level task of the first frame after it (the one running
 * `requestAnimationFrame` callbacks: style, layout, pre-paint, paint, layerize and commit follow
 * in it). Sums the thread time of every top-level task overlapping that window, so work the
 * update queues before its frame (React, observers, timers) counts, and splits it by phase.
 */
export function cpuPerUpdate(events: readonly TraceEvent[], mark: string): UpdateCpu[] {
  const { onMain, marks } = mainThreadEvents(events, mark)
  const topLevel = topLevelTasks(onMain)
  const taskAt = (ts: number) => {
    const t = topLevel[firstAt(topLevel, ts + 1) - 1]
    return t && ts < t.ts + t.dur! ? t : undefined
  }
  const updates: UpdateCpu[] = []
  for (let k = 0; k < marks.length; k++) {
    const markTs = marks[k]!
    const next = marks[k + 1] ?? Infinity
    const startTask = taskAt(markTs)
    const frame = onMain.slice(firstAt(onMain, markTs)).find((e) => e.name === 'FireAnimationFrame')
    if (!startTask || !frame || frame.ts >= next) continue
    const frameTask = taskAt(frame.ts)
    if (!frameTask) continue
    const start = startTask.ts
    const end = frameTask.ts + frameTask.dur!
    const tasks = topLevel.slice(firstAt(topLevel, start), firstAt(topLevel, end))
    const nextStart = next === Infinity ? Infinity : (taskAt(next)?.ts ?? next)
    const settled = topLevel.slice(firstAt(topLevel, start), nextStart === Infinity ? topLevel.length : firstAt(topLevel, nextStart)).reduce((sum, t) => sum + cpu(t), 0)
    let styledElements = 0
    let laidOutObjects = 0
    const { total, phases } = cpuByPhase(onMain, tasks, (e) => {
      if (e.name === 'UpdateLayoutTree') styledElements += Number(e.args?.elementCount ?? e.args?.data?.elementCount ?? 0)
      if (e.name === 'Layout') laidOutObjects += Number((e.args as { beginData?: { dirtyObjects?: number } } | undefined)?.beginData?.dirtyObjects ?? 0)
    })
    updates.push({ total, settled, phases, styledElements, laidOutObjects })
  }
  return updates
}

/** A complete event's thread (CPU) time, ms (its wall duration where the trace has no thread time). */
function cpu(e: TraceEvent): number {
  return (e.tdur ?? e.dur!) / 1000
}

/** The top-level tasks among a thread's complete events sorted by start (outer first): those not nested in another. */
export function topLevelTasks(onMain: readonly TraceEvent[]): TraceEvent[] {
  const topLevel: TraceEvent[] = []
  for (const e of onMain) {
    const last = topLevel[topLevel.length - 1]
    if (!last || e.ts >= last.ts + last.dur!) topLevel.push(e)
  }
  return topLevel
}

/**
 * The CPU time of `tasks` (top-level tasks of `onMain`), in total and by phase: each task's
 * outermost named events (`phaseOf`), and what none covers as `other`. `visit` sees every event
 * nested in the tasks.
 */
export function cpuByPhase(onMain: readonly TraceEvent[], tasks: readonly TraceEvent[], visit?: (e: TraceEvent) => void): { total: number; phases: Map<string, number> } {
  const phases = new Map<string, number>()
  let total = 0
  for (const task of tasks) {
    total += cpu(task)
    let covered = 0
    let phaseUntil = -1
    for (let i = firstAt(onMain, task.ts); i < onMain.length; i++) {
      const e = onMain[i]!
      if (e === task) continue
      if (e.ts >= task.ts + task.dur!) break
      visit?.(e)
      if (e.ts < phaseUntil) continue
      const phase = phaseOf(e)
      if (!phase) continue
      phases.set(phase, (phases.get(phase) ?? 0) + cpu(e))
      covered += cpu(e)
      phaseUntil = e.ts + e.dur!
    }
    phases.set('other', (phases.get('other') ?? 0) + Math.max(0, cpu(task) - covered))
  }
  return { total, phases }
}
