/**
 * Profiles opening the synthetic 3,000-entry episode (the bench's "open ms": click on it in the
 * episode list → first grid rows painted) with Chrome's tracing and V8's sampling profiler: per
 * open, the main thread's CPU (thread) time from the click's task to the end of the task that
 * painted the first rows, by phase, and the JS in that window by function (self and inclusive).
 * CPU time is less sensitive to a busy machine than the wall-clock figure, which it prints too. Run:
 * `node --import tsx test/bench/profile-open.ts [opens]` (default 8). Environment: TE_SKIP_BUILD=1
 * reuses dist/renderer; RENDERERS=dirA,dirB serves each of several renderer builds (e.g. made with
 * `npx vite build --minify false --outDir DIR` for readable function names) and opens them in
 * turn, alternately, to compare them under the same load; TOP=n rows of the function tables;
 * JS_SAMPLE_US the profiler's sampling interval (default 200; 0: no JS profile, truer CPU figures);
 * WALL_ONLY=1 neither traces nor profiles (the trace streams to this process, which also serves
 * the host, so it lengthens the wait for the host's answer): wall-clock times only.
 * Writes the raw trace of the last open to /tmp/trace-open.json (open it in DevTools).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config'
import { startServer, type RunningServer } from '../../electron/server/serve'
import { LARGEST } from '../e2e/helpers/episodes'
import { buildRenderer } from '../e2e/helpers/global-setup'
import { createTestWorkspace, rendererDir } from '../e2e/helpers/workspace'
import { episodesDir } from '../helpers/corpus'
import { median } from './percentiles'
import { syntheticEpisode } from './synthetic-episode'
import { cpuByPhase, mainThreadEvents, topLevelTasks, traceWhile, type TraceEvent } from './trace-cpu'
import { clickUntilRowsPainted, newPage } from './ui-bench'

const FILE = 'synthetic-3000-entries.md'
const CLICK = 'open-click'
const PAINTED = 'open-painted'
/** WALL_ONLY=1: no trace and no profile, only the wall-clock time (as the bench takes it). */
const WALL_ONLY = process.env.WALL_ONLY === '1'
/** The sampling profiler's interval, µs (JS_SAMPLE_US; 0 turns the profiler off: it slows the page). */
const SAMPLE_US = WALL_ONLY ? 0 : Number(process.env.JS_SAMPLE_US ?? 200)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** One open's figures. */
interface OpenProfile {
  /** Wall-clock ms from the click to the first rows painted (as the bench measures it). */
  wall: number
  /** Main-thread CPU ms of the top-level tasks from the click's to the one that painted the rows. */
  cpu: number
  /** Of `cpu`, by phase (outermost named trace event), ms. */
  phases: Map<string, number>
  /** JS self time per function in the window, ms. */
  self: Map<string, number>
  /** JS inclusive time per function in the window (each sample counted once per function), ms. */
  inclusive: Map<string, number>
  /** JS time per category (`CATEGORIES`), ms. */
  categories: Map<string, number>
  /** ms from the request for the file to its response's first bytes (the host's work and the transfer's start). */
  hostWait: number
}

/** The main thread's CPU in [the click's task, the painted mark's task], by phase. */
function cpuOfOpen(events: readonly TraceEvent[]): { cpu: number; phases: Map<string, number>; from: number; to: number } {
  const { onMain, marks } = mainThreadEvents(events, CLICK)
  const click = marks[0]
  const painted = mainThreadEvents(events, PAINTED).marks[0]
  if (click === undefined || painted === undefined) throw new Error('the trace lacks the open marks')
  const tasks = topLevelTasks(onMain).filter((t) => t.ts + t.dur! > click && t.ts <= painted)
  const { total, phases } = cpuByPhase(onMain, tasks)
  return { cpu: total, phases, from: tasks[0]?.ts ?? click, to: painted }
}

/**
 * What a JS sample is spent on: the innermost of these functions on its stack (names as an
 * unminified build keeps them), else `other JS`. Garbage collection and native calls count as what called them.
 */
const CATEGORIES: readonly (readonly [string, string])[] = [
  ['parseEpisode', 'parse the episode'],
  ['computeOffsets', 'row offsets (height estimates)'],
  ['speakerCounts', 'speaker counts'],
  ['summarizeEpisode', 'episode summary'],
  ['lintEpisode', 'lint'],
  ['flushLayoutEffects', 'React layout effects (incl. forced layout)'],
  ['flushPassiveEffects', 'React passive effects'],
  ['commitRoot', 'React commit (DOM)'],
  ['renderRootSync', 'React render'],
  ['renderRootConcurrent', 'React render'],
]

/** The category of a sample whose stack (leaf first) is `names`. */
function categoryOf(names: readonly string[]): string {
  for (const name of names) for (const [fn, category] of CATEGORIES) if (name === fn) return category
  return names[0] === '(garbage collector)' ? 'gc (outside the above)' : 'other JS'
}

/** JS self and inclusive time per function of the samples in [from, to] (µs, the trace's clock). */
function jsTimes(profile: CpuProfile, from: number, to: number): { self: Map<string, number>; inclusive: Map<string, number>; categories: Map<string, number> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const categories = new Map<string, number>()
  let ts = profile.startTime
  profile.samples.forEach((id, i) => {
    ts += profile.timeDeltas[i]!
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (ts < from || ts > to) return
    const leaf = byId.get(id)!
    if (['(idle)', '(program)', '(root)'].includes(leaf.callFrame.functionName)) return
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms)
    const stack: string[] = []
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) stack.push(n.callFrame.functionName)
    const category = categoryOf(stack)
    categories.set(category, (categories.get(category) ?? 0) + ms)
    const seen = new Set<string>()
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const key = name(n)
      if (seen.has(key) || n.callFrame.functionName === '(root)') continue
      seen.add(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms)
    }
  })
  return { self, inclusive, categories }
}

/** ms from the first request after `from` to its response (µs clock of the trace), NaN without one. */
function hostWait(events: readonly TraceEvent[], from: number): number {
  const sent = events.find((e) => e.name === 'ResourceSendRequest' && e.ts >= from)
  const id = (e: TraceEvent) => (e.args?.data as { requestId?: string } | undefined)?.requestId
  const received = sent && events.find((e) => e.name === 'ResourceReceiveResponse' && id(e) === id(sent))
  return sent && received ? (received.ts - sent.ts) / 1000 : Number.NaN
}

/** Loads the app, then clicks the synthetic episode with tracing and profiling on; one open's figures. */
async function profileOpen(page: Page, url: string): Promise<{ open: OpenProfile; events: TraceEvent[] }> {
  await page.goto(url)
  await page.locator(`.file-item[title="${FILE}"]`).waitFor()
  await page.waitForTimeout(300)
  const cdp = await page.context().newCDPSession(page)
  if (SAMPLE_US > 0) {
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US })
    await cdp.send('Profiler.start')
  }
  let wall = 0
  const open = async () => {
    wall = await clickUntilRowsPainted(page, FILE, { click: CLICK, painted: PAINTED })
  }
  if (WALL_ONLY) {
    await open()
    await cdp.detach()
    return { open: { wall, cpu: Number.NaN, phases: new Map(), self: new Map(), inclusive: new Map(), categories: new Map(), hostWait: Number.NaN }, events: [] }
  }
  const events = await traceWhile(page, open)
  const profile = SAMPLE_US > 0 ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile : null
  await cdp.detach()
  const { cpu, phases, from, to } = cpuOfOpen(events)
  const js = profile ? jsTimes(profile, from, to) : { self: new Map<string, number>(), inclusive: new Map<string, number>(), categories: new Map<string, number>() }
  return { open: { wall, cpu, phases, ...js, hostWait: hostWait(events, from) }, events }
}

/** Median of each key over `maps` (a missing key counts as 0). */
function medians(maps: readonly Map<string, number>[]): Map<string, number> {
  const keys = new Set(maps.flatMap((m) => [...m.keys()]))
  return new Map([...keys].map((k) => [k, median(maps.map((m) => m.get(k) ?? 0))] as const).sort((a, b) => b[1] - a[1]))
}

/** Prints a build's figures over its opens. */
function report(label: string, opens: readonly OpenProfile[], top: number): void {
  const range = (xs: number[]) => `median ${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`
  console.log(`\n== ${label}: ${opens.length} opens`)
  console.log(`wall click → rows painted, ms: ${range(opens.map((o) => o.wall))}`)
  console.log(`main-thread CPU in that window, ms: ${range(opens.map((o) => o.cpu))}`)
  console.log(`waiting for the host's answer (request → response), ms: ${range(opens.map((o) => o.hostWait))}`)
  console.log('phases (median ms):')
  for (const [name, ms] of medians(opens.map((o) => o.phases))) console.log(`  ${name.padEnd(58)}${ms.toFixed(1).padStart(8)}`)
  console.log('JS by category (median ms):')
  for (const [name, ms] of medians(opens.map((o) => o.categories))) console.log(`  ${name.padEnd(58)}${ms.toFixed(1).padStart(8)}`)
  console.log('JS inclusive (median ms):')
  for (const [name, ms] of [...medians(opens.map((o) => o.inclusive))].slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`)
  console.log('JS self (median ms):')
  for (const [name, ms] of [...medians(opens.map((o) => o.self))].slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`)
}

const opens = Number(process.argv[2] ?? 8)
const top = Number(process.env.TOP ?? 30)
const dirs = process.env.RENDERERS ? process.env.RENDERERS.split(',') : [rendererDir]
if (!process.env.RENDERERS) await buildRenderer()
const workspace = await createTestWorkspace([LARGEST], { [FILE]: syntheticEpisode(await readFile(join(episodesDir, LARGEST), 'utf8'), 3000) })
const servers: RunningServer[] = []
const browser = await chromium.launch(chromiumLaunchOptions)
try {
  for (const dir of dirs) servers.push(dir === rendererDir ? workspace.server : await startServer({ dataDir: workspace.dataDir, rendererDir: dir, watchDebounceMs: 40, openPath: workspace.dir }))
  const pages = await Promise.all(dirs.map(() => newPage(browser)))
  const results: OpenProfile[][] = dirs.map(() => [])
  let last: TraceEvent[] = []
  // A warm-up open each, then the builds in turn, so they share the machine's load.
  for (let k = 0; k < dirs.length; k++) await profileOpen(pages[k]!, servers[k]!.url)
  for (let run = 0; run < opens; run++) {
    for (let k = 0; k < dirs.length; k++) {
      const { open, events } = await profileOpen(pages[k]!, servers[k]!.url)
      results[k]!.push(open)
      last = events
      console.log(`${dirs[k]} open ${run + 1}: wall ${open.wall.toFixed(1)} ms, CPU ${open.cpu.toFixed(1)} ms`)
    }
  }
  dirs.forEach((dir, k) => report(dir, results[k]!, top))
  if (!WALL_ONLY) await writeFile('/tmp/trace-open.json', JSON.stringify({ traceEvents: last }))
} finally {
  await browser.close()
  for (const server of servers) if (server !== workspace.server) await server.close()
  await workspace.close()
}
