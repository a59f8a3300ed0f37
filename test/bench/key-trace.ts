/**
 * Chrome traces of keystrokes and the main thread's CPU time per key in them (used by the UI bench
 * and by profile-keys.ts): CPU (thread) time is less sensitive to a busy machine than wall-clock
 * latency.
 */
import type { Page } from '@playwright/test'
import { typeKeys } from './ui-bench'

/** A complete or metadata event of a Chrome trace. */
export interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  tid: number
  pid: number
  cat: string
  args?: { name?: string; data?: { functionName?: string; url?: string } }
}

/** Traces the main thread while typing `keys` keys (from the `from`th character of the bench text). */
export async function trace(page: Page, keys: number, from: number): Promise<TraceEvent[]> {
  const cdp = await page.context().newCDPSession(page)
  const events: TraceEvent[] = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])))
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()))
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc', 'toplevel', '__metadata', ...(process.env.INVALIDATIONS === '1' ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []), ...(process.env.CATEGORIES ? process.env.CATEGORIES.split(',') : [])] },
  })
  await typeKeys(page, from, keys)
  await cdp.send('Tracing.end')
  await done
  return events
}

/**
 * CPU time (thread time, ms) of the main thread from each keydown to the end of the frame
 * painted after it (the first `Commit` after the keydown): median over keys, and the median of
 * each phase of the frame.
 */
export function criticalPath(events: TraceEvent[]): { total: number; phases: Map<string, number> } {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'EventDispatch'))
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const keydowns = onMain.filter((e) => e.name === 'EventDispatch' && (e.args?.data as { type?: string } | undefined)?.type === 'keydown')
  const phaseOf = (e: TraceEvent): string | null => {
    const type = (e.args?.data as { type?: string } | undefined)?.type
    if (e.name === 'EventDispatch') return `event ${type}`
    if (['RunMicrotasks', 'FireAnimationFrame', 'EventHandler::handleMouseMoveEvent', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit', 'TimerFire', 'FunctionCall', 'HitTest', 'ParseHTML', 'MessagePort::Accept', 'ResizeObserver::BroadcastObservations', 'IntersectionObserverController::computeIntersections', 'GCEvent', 'MinorGC', 'MajorGC'].includes(e.name)) return e.name
    return null
  }
  const totals: number[] = []
  const phases = new Map<string, number[]>()
  for (const key of keydowns) {
    const commit = onMain.find((e) => e.ts > key.ts && e.name === 'Commit')
    if (!commit) continue
    const end = commit.ts + commit.dur!
    // Top-level tasks overlapping [keydown, commit end]; phases: outermost named events inside.
    const inWindow = onMain.filter((e) => e.ts + e.dur! > key.ts && e.ts < end)
    let total = 0
    const stackEnd: number[] = []
    let phaseUntil = -1
    const perPhase = new Map<string, number>()
    for (const e of inWindow) {
      while (stackEnd.length && stackEnd[stackEnd.length - 1]! <= e.ts) stackEnd.pop()
      if (stackEnd.length === 0) total += e.tdur ?? e.dur!
      stackEnd.push(e.ts + e.dur!)
      if (e.ts >= phaseUntil) {
        const phase = phaseOf(e)
        if (phase) {
          perPhase.set(phase, (perPhase.get(phase) ?? 0) + (e.tdur ?? e.dur!))
          phaseUntil = e.ts + e.dur!
        }
      }
    }
    totals.push(total / 1000)
    for (const [name, v] of perPhase) phases.set(name, [...(phases.get(name) ?? []), v / 1000])
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / totals.length
  return { total: median(totals), phases: new Map([...phases].map(([k, v]) => [k, mean(v)])) }
}

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
}


/**
 * Adds `css` to a page as an adopted sheet (the CSP forbids <style>), for the profile scripts'
 * `EXTRA_CSS`: to try a rule before changing the app.
 */
export async function addExtraCss(page: Page, css: string | undefined): Promise<void> {
  if (!css) return
  await page.evaluate((rules) => {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(rules)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  }, css)
}
