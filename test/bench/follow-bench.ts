import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Frame, Page } from '@playwright/test'
import { isHeader, parseEpisode, valueOf } from '../../shared/episode/index'
import { addRenderCounter, readRowRenders, resetRowRenders } from '../helpers/render-counter'
import { percentile } from './percentiles'
import { cpuPerUpdate, traceWhile, type TraceEvent, type UpdateCpu } from './trace-cpu'

/** Where the player's frames come from; the bench answers them with `STAND_IN`. */
const YOUTUBE_ORIGIN = 'https://www.youtube-nocookie.com'
/** Updates as a playing recording sends them: every 0.25 s of playback. */
const PLAYING_UPDATES = 200
const PLAYING_STEP_S = 0.25
/** Updates that each move the highlight to the next line. */
const LINE_UPDATES = 100

/**
 * A stand-in for YouTube's embedded player: it answers the IFrame API's `listening` and a seek,
 * and otherwise reports only the times the bench hands it (`deliver(t)`), as the real one's `infoDelivery`.
 */
const STAND_IN = `<!doctype html><body><script>
let parentOrigin = null
let chain = null
window.deliver = (t) => parentOrigin && parent.postMessage(JSON.stringify({ event: 'infoDelivery', info: { currentTime: t, playerState: 2, duration: 86400, playbackRate: 1 } }), parentOrigin)
// The traced pass: delivers \`times\` one after the other, each when the page says the previous one painted.
window.chain = (times) => new Promise((resolve) => {
  chain = { times, k: 0, resolve }
  window.deliver(times[0])
})
addEventListener('message', (e) => {
  if (e.data === 'bench-next' && chain) {
    if (++chain.k < chain.times.length) window.deliver(chain.times[chain.k])
    else chain.resolve()
    return
  }
  const data = JSON.parse(e.data)
  // A seek (the page coming back to where the last run left the video) is answered as the real player does.
  if (parentOrigin && data.event === 'command' && data.func === 'seekTo') return window.deliver(data.args[0])
  if (parentOrigin || data.event !== 'listening') return
  parentOrigin = e.origin
  window.deliver(0)
})
</script></body>`
/** The \`console.timeStamp\` the probe leaves in a trace at the start of each update's handling. */
const UPDATE_MARK = 'follow-update'

/** Percentiles of one measure (ms). */
export interface Latency {
  readonly p50: number
  readonly p95: number
}

/** Figures of one sequence of playhead updates. */
export interface FollowSequence {
  readonly updates: number
  /** Updates that moved the highlight to another row. */
  readonly rowChanges: number
  /** The app's handling of the player's message: the store update and React's render and commit (no style, layout or paint). */
  readonly commit: Latency
  /** The player's message → the paint after it: the whole cost of one update on screen. */
  readonly paint: Latency
  /** Updates after which following had scrolled the grid. */
  readonly scrolled: number
  /** `paint` of the updates that did not scroll (the highlight moved, or only the clock). */
  readonly paintInPlace: Latency
  /** Grid rows React rendered per update, all kinds. */
  readonly rowRendersPerUpdate: number
  /** Re-renders of the rows whose highlight changed (2 per change: the row left, the row reached). */
  readonly highlightRenders: number
  /** Renders of rows already in the window whose highlight did not change (target 0). */
  readonly otherRowRenders: number
  /** Rows rendered for the first time because following scrolled them into the rendered window. */
  readonly mountedRows: number
}

/**
 * The main thread's CPU (thread) time of one sequence's updates, from a Chrome trace: from the
 * task that dispatches the player's message to the end of the frame painted after it (JS
 * handling, style, layout, pre-paint, paint, layerize, commit), whatever else the machine runs.
 */
export interface SequenceCpu {
  /** Updates measured (those whose frame the trace holds). */
  readonly updates: number
  /** The player's message → the end of the frame painted after it. */
  readonly total: Latency
  /** The player's message → the next update: with what the update leaves for after its frame (React's deferred renders and their frame, GC). */
  readonly settled: Latency
  /** Mean ms per update by phase (`trace-cpu.ts`'s names; `other`: tasks' time outside them). */
  readonly phases: Readonly<Record<string, number>>
  /** Mean per update: elements whose style was recalculated, layout objects laid out. */
  readonly styledElements: number
  readonly laidOutObjects: number
}

/** The follow-mode figures: a playing recording's updates, line-to-line updates, and the empty page's floor. */
export interface FollowBench {
  readonly entries: number
  readonly playing: FollowSequence
  readonly nextLine: FollowSequence
  /**
   * The baseline: updates within one 0.1 s step of the playhead, so the store keeps its state:
   * the player's message handled, the time command run, nothing to render.
   */
  readonly unchanged: FollowSequence
  /** A message to an empty page → the paint after it (the same probe, no app): the floor of `paint`. */
  readonly emptyPage: Latency
  /**
   * The same sequences again on a page of their own, traced (no render counter), and messages
   * to the empty page: the main thread's CPU per update (`emptyPage`: the floor of a message
   * and a frame with nothing to do).
   */
  readonly cpu: { readonly unchanged: SequenceCpu; readonly playing: SequenceCpu; readonly nextLine: SequenceCpu; readonly emptyPage: SequenceCpu; readonly bareList: SequenceCpu }
}

interface ProbeWindow {
  __commit: number[]
  __paint: number[]
  __updateStart: number
  /** The traced pass: run 15 ms after each update's paint (asks for the next update). */
  __afterPaint: (() => void) | null
}

/**
 * In-page (an init script): for every message from the player's origin, records the time from
 * the event to the paint after it (`__paint`: rAF runs just before the frame is painted; a
 * message posted from it runs right after), and notes when its handling starts, for
 * `installCommitProbe`.
 */
function installUpdateProbe(origin: string): void {
  const w = window as unknown as ProbeWindow
  w.__commit = []
  w.__paint = []
  w.__updateStart = 0
  w.__afterPaint = null
  const afterPaint = new MessageChannel()
  const paints: number[] = []
  afterPaint.port1.onmessage = () => {
    w.__paint.push(performance.now() - paints.shift()!)
    const next = w.__afterPaint
    if (next) setTimeout(next, 15)
  }
  window.addEventListener(
    'message',
    (event) => {
      if (origin !== '*' && event.origin !== origin) return
      if (typeof event.data !== 'string' || event.data === 'bench-next') return
      // Marks the update's start in a trace (a no-op when not tracing).
      console.timeStamp('follow-update')
      w.__updateStart = performance.now()
      const t0 = event.timeStamp
      requestAnimationFrame(() => {
        paints.push(t0)
        afterPaint.port2.postMessage(null)
      })
    },
    true,
  )
}

/**
 * In-page, once the app listens to the player: a listener after the app's records how long the
 * app's handling took (`__commit`): the store update and React's render and commit, which React
 * runs in the microtask after the app's listener returns, before the next listener.
 */
function installCommitProbe(origin: string): void {
  const w = window as unknown as ProbeWindow
  window.addEventListener('message', (event) => {
    if (event.origin === origin) w.__commit.push(performance.now() - w.__updateStart)
  })
}

/** In-page: forgets the samples so far. */
function resetProbe(): void {
  const w = window as unknown as ProbeWindow
  w.__commit = []
  w.__paint = []
}

function latency(samples: readonly number[]): Latency {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) }
}

/** The `sec` of every timed line of the episode, in order. */
function timedSecs(text: string): number[] {
  return parseEpisode(text).entries.flatMap((entry) => {
    const sec = isHeader(entry) ? undefined : valueOf(entry, 'sec')
    return typeof sec === 'number' ? [sec] : []
  })
}

/** Hands the player `time`, and waits until the paint after it (and a little more, as between keys). */
async function deliver(page: Page, frame: Frame, time: number, count: number): Promise<{ spoken: string | null; scrollTop: number }> {
  await frame.evaluate((t) => (window as unknown as { deliver(t: number): void }).deliver(t), time)
  await page.waitForFunction((n) => (window as unknown as ProbeWindow).__paint.length >= n, count, { polling: 'raf' })
  await page.waitForTimeout(15)
  return page.evaluate(() => ({ spoken: document.querySelector<HTMLElement>('.row.spoken')?.dataset.id ?? null, scrollTop: document.querySelector('.grid-body')!.scrollTop }))
}

/** Plays `times` through the player, one update after the other's paint, and reads the figures. */
async function runSequence(page: Page, frame: Frame, times: readonly number[], settleAt = times[0]! - 0.05): Promise<FollowSequence> {
  // Start just before the first time and let following settle there.
  let { spoken, scrollTop } = await deliver(page, frame, settleAt, 1)
  await page.waitForTimeout(300)
  await page.evaluate(resetProbe)
  await page.evaluate(resetRowRenders)
  const changed = new Set<string>()
  let rowChanges = 0
  const scrolledAt = new Set<number>()
  for (let k = 0; k < times.length; k++) {
    const now = await deliver(page, frame, times[k]!, k + 1)
    if (now.spoken !== spoken) {
      rowChanges++
      for (const id of [spoken, now.spoken]) if (id !== null) changed.add(id)
      spoken = now.spoken
    }
    if (now.scrollTop !== scrollTop) scrolledAt.add(k)
    scrollTop = now.scrollTop
  }
  await page.waitForTimeout(300)
  const renders = await page.evaluate(readRowRenders)
  const samples = await page.evaluate(() => ({ commit: (window as unknown as ProbeWindow).__commit, paint: (window as unknown as ProbeWindow).__paint }))
  const highlightRenders = [...changed].reduce((sum, id) => sum + (renders.byId[id] ?? 0) - (renders.mountsById[id] ?? 0), 0)
  return {
    updates: times.length,
    rowChanges,
    commit: latency(samples.commit),
    paint: latency(samples.paint),
    scrolled: scrolledAt.size,
    paintInPlace: latency(samples.paint.filter((_, k) => !scrolledAt.has(k))),
    rowRendersPerUpdate: renders.total / times.length,
    highlightRenders,
    otherRowRenders: renders.total - highlightRenders - renders.mounts,
    mountedRows: renders.mounts,
  }
}

/** With FOLLOW_TRACES=DIR, writes a traced pass's raw trace to DIR/follow-NAME.json (open it in DevTools' Performance panel). */
async function keepTrace(name: string, events: readonly TraceEvent[]): Promise<void> {
  const dir = process.env.FOLLOW_TRACES
  if (dir) await writeFile(join(dir, `follow-${name}.json`), JSON.stringify({ traceEvents: events }))
}

function summarize(updates: readonly UpdateCpu[]): SequenceCpu {
  const n = updates.length
  const phases: Record<string, number> = {}
  for (const u of updates) for (const [name, ms] of u.phases) phases[name] = (phases[name] ?? 0) + ms / n
  const mean = (f: (u: UpdateCpu) => number) => updates.reduce((sum, u) => sum + f(u), 0) / n
  return {
    updates: n,
    total: latency(updates.map((u) => u.total)),
    settled: latency(updates.map((u) => u.settled)),
    phases: Object.fromEntries(Object.entries(phases).sort((a, b) => b[1] - a[1])),
    styledElements: mean((u) => u.styledElements),
    laidOutObjects: mean((u) => u.laidOutObjects),
  }
}

/** The gap (ms) after an update's paint before the traced pass sends the next one (the probe's 15, then this). */
const TRACED_GAP_MS = 25

/**
 * The traced pass of one sequence: settles at `settleAt`, then has the stand-in frame deliver
 * `times` itself, each 40 ms after the previous update's paint (no CDP call in between to show
 * up in the trace, and time for the work left after the frame), and takes each update's CPU
 * from the trace. `extraCategories`: more trace categories (`profile-follow.ts`).
 */
export async function traceSequence(page: Page, frame: Frame, name: string, times: readonly number[], settleAt = times[0]! - 0.05, extraCategories: readonly string[] = []): Promise<SequenceCpu> {
  await page.evaluate(resetProbe)
  await deliver(page, frame, settleAt, 1)
  await page.waitForTimeout(300)
  await page.evaluate(
    ([origin, gap]) => {
      const player = document.querySelector<HTMLIFrameElement>(`iframe[src^="${origin}"]`)!.contentWindow!
      ;(window as unknown as ProbeWindow).__afterPaint = () => setTimeout(() => player.postMessage('bench-next', origin), gap)
    },
    [YOUTUBE_ORIGIN, TRACED_GAP_MS] as const,
  )
  const events = await traceWhile(page, () => frame.evaluate((t) => (window as unknown as { chain(t: readonly number[]): Promise<void> }).chain(t), times), extraCategories)
  await page.evaluate(() => ((window as unknown as ProbeWindow).__afterPaint = null))
  await keepTrace(name, events)
  return summarize(cpuPerUpdate(events, UPDATE_MARK))
}

/**
 * In-page: the floor of a line-to-line update without the app. A bare list of 60 rows of wrapped
 * text in a strictly contained 456 px scroller (the grid's height in the bench's window), no
 * framework; each message moves a highlight class (the app's colours) to the next row and, as the
 * grid's follow does, scrolls it up to a fifth from the top once it passes four fifths of the view.
 */
function installBareList(): void {
  const words = 'so what we do in data teams is build the pipelines and then we talk about models'.split(' ')
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(
    '.list{position:absolute;top:300px;left:280px;width:800px;height:456px;overflow:auto;contain:strict;font:16px/24px sans-serif}' +
      '.item{padding:8px 12px;border-bottom:1px solid #ddd}.item.spoken{box-shadow:inset 3px 0 0 #36c;background:#e8efff}',
  )
  document.adoptedStyleSheets = [sheet]
  const list = document.body.appendChild(document.createElement('div'))
  list.className = 'list'
  const items = Array.from({ length: 60 }, (_, i) => {
    const item = list.appendChild(document.createElement('div'))
    item.className = 'item'
    item.textContent = Array.from({ length: 8 + ((i * 37) % 90) }, (_, k) => words[(i + k) % words.length]).join(' ')
    return item
  })
  let at = 2
  window.addEventListener('message', (event) => {
    if (event.data !== 'tick') return
    items[at]!.classList.remove('spoken')
    at = (at + 1) % items.length
    const item = items[at]!
    item.classList.add('spoken')
    const top = item.offsetTop
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight * 0.8) list.scrollTop = Math.max(0, top - list.clientHeight * 0.2)
  })
}

/** The traced pass on a page without the app (empty, or made by `setup`): `count` messages, each 15 ms after the previous one's paint. */
async function traceEmptyPage(browser: Browser, count: number, name = 'empty-page', setup?: () => void): Promise<SequenceCpu> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  await page.goto('about:blank')
  await page.evaluate(installUpdateProbe, '*')
  if (setup) await page.evaluate(setup)
  const events = await traceWhile(page, () =>
    page.evaluate(
      ([n, gap]) =>
        new Promise<void>((resolve) => {
          let k = 0
          ;(window as unknown as ProbeWindow).__afterPaint = () => setTimeout(() => (++k < n ? window.postMessage('tick', '*') : resolve()), gap)
          window.postMessage('tick', '*')
        }),
      [count, TRACED_GAP_MS] as const,
    ),
  )
  await page.close()
  await keepTrace(name, events)
  return summarize(cpuPerUpdate(events, UPDATE_MARK))
}

/** The same probe on an empty page: a message → the paint after it, with nothing to do. */
async function emptyPageFloor(browser: Browser): Promise<Latency> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  await page.goto('about:blank')
  await page.evaluate(installUpdateProbe, '*')
  for (let k = 1; k <= PLAYING_UPDATES; k++) {
    await page.evaluate(() => window.postMessage('tick', '*'))
    await page.waitForFunction((n) => (window as unknown as ProbeWindow).__paint.length >= n, k, { polling: 'raf' })
    await page.waitForTimeout(15)
  }
  const paint = await page.evaluate(() => (window as unknown as ProbeWindow).__paint)
  await page.close()
  return latency(paint)
}

/**
 * Follow mode on a long episode: opens `file` (which has `ids.youtube`) at `url`, plays its video
 * in the panel through a stand-in frame served by route interception, and hands the player
 * playhead times from the middle of the episode: `PLAYING_UPDATES` 0.25 s apart (a playing
 * recording: most keep the spoken row), then `LINE_UPDATES` each at the next timed line (every
 * one moves the highlight and follows it down). Each update waits for the previous one's paint.
 * Then the same sequences again, traced, on a page without the render counter, for the main
 * thread's CPU per update (`cpu`), beside an empty page's.
 */
export async function runFollowBench(browser: Browser, url: string, file: string, text: string): Promise<FollowBench> {
  const { sequences, unchangedSettle } = followSequences(text)
  // The wall-clock pass, with the render counter.
  let { page, frame } = await openFollowPage(browser, url, file, true)
  const playing = await runSequence(page, frame, sequences.playing)
  const unchanged = await runSequence(page, frame, sequences.unchanged, unchangedSettle)
  const nextLine = await runSequence(page, frame, sequences.nextLine)
  await page.close()
  const emptyPage = await emptyPageFloor(browser)
  // The traced pass, on a page of its own without the render counter.
  ;({ page, frame } = await openFollowPage(browser, url, file, false))
  const cpu = {
    playing: await traceSequence(page, frame, 'playing', sequences.playing),
    unchanged: await traceSequence(page, frame, 'unchanged', sequences.unchanged, unchangedSettle),
    nextLine: await traceSequence(page, frame, 'next-line', sequences.nextLine),
    emptyPage: await traceEmptyPage(browser, PLAYING_UPDATES),
    bareList: await traceEmptyPage(browser, LINE_UPDATES, 'bare-list', installBareList),
  }
  await page.close()
  return { entries: parseEpisode(text).entries.length, unchanged, playing, nextLine, emptyPage, cpu }
}

/**
 * The playhead times of the bench's sequences in `text`: `playing` (0.25 s steps from the middle
 * of the episode), `unchanged` (within one 0.1 s step, settled at `unchangedSettle`) and
 * `nextLine` (each at the next timed line, further on).
 */
export function followSequences(text: string): { sequences: Record<'playing' | 'unchanged' | 'nextLine', number[]>; unchangedSettle: number } {
  const secs = timedSecs(text)
  const middle = Math.floor(secs.length / 2)
  const sequences = {
    playing: Array.from({ length: PLAYING_UPDATES }, (_, k) => secs[middle]! + k * PLAYING_STEP_S),
    unchanged: Array.from({ length: LINE_UPDATES }, (_, k) => secs[middle]! + 0.01 + k * 0.0005),
    nextLine: (() => {
      const from = secs.findIndex((sec) => sec > secs[middle]! + PLAYING_UPDATES * PLAYING_STEP_S + 10)
      return secs.slice(from, from + LINE_UPDATES).map((sec) => sec + 0.5)
    })(),
  }
  return { sequences, unchangedSettle: secs[middle]! }
}

/** Opens `file` with the YouTube stand-in playing and the update probe installed (and the render counter, with `countRenders`). */
export async function openFollowPage(browser: Browser, url: string, file: string, countRenders: boolean): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  if (countRenders) await addRenderCounter(page)
  else await page.addInitScript({ content: 'window.__name = (f) => f' })
  await page.addInitScript(installUpdateProbe, YOUTUBE_ORIGIN)
  await page.route(`${YOUTUBE_ORIGIN}/embed/**`, (route) => route.fulfill({ contentType: 'text/html', body: STAND_IN }))
  await page.goto(url)
  await page.locator(`.file-item[title="${file}"]`).click()
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor()
  // A page after the first comes back with the video where the last one left it (player places
  // are kept across runs); otherwise the video is chosen.
  const choose = page.getByRole('button', { name: 'YouTube' })
  await choose.or(page.locator(`iframe[src^="${YOUTUBE_ORIGIN}"]`)).first().waitFor()
  if (await choose.isVisible()) await choose.click()
  await page.waitForFunction(() => !document.querySelector('.player-clock')?.textContent?.includes('–'))
  const frame = page.frames().find((f) => f.url().startsWith(YOUTUBE_ORIGIN))
  if (!frame) throw new Error('The stand-in player frame did not load')
  await page.evaluate(installCommitProbe, YOUTUBE_ORIGIN)
  return { page, frame }
}

/** The targets of issue 11 for follow mode, and whether this run met them. */
export function followTargets(follow: FollowBench): { name: string; value: number; limit: number; met: boolean }[] {
  const at = `at ${follow.entries} entries`
  const target = (name: string, value: number, limit: number) => ({ name, value, limit, met: value <= limit })
  return [
    target(`follow update to paint p95 ms, playing, ${at}`, follow.playing.paint.p95, 2),
    target(`follow update to paint p95 ms, line to line, ${at}`, follow.nextLine.paint.p95, 2),
    target(`follow update main-thread CPU per update p95 ms, playing, ${at}`, follow.cpu.playing.total.p95, 2),
    target(`follow update main-thread CPU per update p95 ms, line to line, ${at}`, follow.cpu.nextLine.total.p95, 2),
    target(`rows re-rendered per follow update beyond those whose highlight changed ${at}`, (follow.playing.otherRowRenders + follow.nextLine.otherRowRenders) / (follow.playing.updates + follow.nextLine.updates), 0),
  ]
}

/** The follow figures as a table for the console. */
export function formatFollowTable(follow: FollowBench): string {
  const cols = ['updates', 'changes', 'scrolled', 'commit p50', 'commit p95', 'paint p50', 'paint p95', 'in place95', 'rows/upd', 'other rows', 'mounted']
  const head = `${''.padEnd(28)}${cols.map((c) => c.padStart(11)).join('')}`
  const n = (v: number, digits = 1) => v.toFixed(digits).padStart(11)
  const line = (name: string, s: FollowSequence) =>
    `${name.padEnd(28)}${n(s.updates, 0)}${n(s.rowChanges, 0)}${n(s.scrolled, 0)}${n(s.commit.p50, 2)}${n(s.commit.p95, 2)}${n(s.paint.p50, 2)}${n(s.paint.p95, 2)}${n(s.paintInPlace.p95, 2)}${n(s.rowRendersPerUpdate, 2)}${n(s.otherRowRenders, 0)}${n(s.mountedRows, 0)}`
  return [
    head,
    line('no change (baseline)', follow.unchanged),
    line('playing (0.25 s steps)', follow.playing),
    line('line to line', follow.nextLine),
    `${'empty page (floor)'.padEnd(28)}${''.padStart(55)}${n(follow.emptyPage.p50, 2)}${n(follow.emptyPage.p95, 2)}`,
  ].join('\n')
}

/** Phase columns of the CPU table, from `trace-cpu.ts`'s phase names (what is not listed goes to `other`). */
const CPU_COLUMNS: readonly [string, readonly string[]][] = [
  ['script', ['event message', 'microtasks', 'other script', 'animation frame callbacks', 'resize observers', 'intersection observers']],
  ['style', ['style']],
  ['layout', ['layout']],
  ['pre-paint', ['pre-paint']],
  ['paint', ['paint']],
  ['layerize', ['layerize']],
  ['commit', ['commit']],
]

/** The traced pass as a table for the console: CPU per update p50/p95 and the mean by phase. */
export function formatFollowCpuTable(follow: FollowBench): string {
  const cols = ['updates', 'cpu p50', 'cpu p95', 'settle p50', 'settle p95', ...CPU_COLUMNS.map(([name]) => name), 'other', 'styled els', 'laid out']
  const head = `${''.padEnd(28)}${cols.map((c) => c.padStart(11)).join('')}`
  const n = (v: number, digits = 2) => v.toFixed(digits).padStart(11)
  const line = (name: string, s: SequenceCpu) => {
    const listed = new Set(CPU_COLUMNS.flatMap(([, names]) => names))
    const sum = (names: readonly string[]) => names.reduce((total, key) => total + (s.phases[key] ?? 0), 0)
    const other = Object.entries(s.phases).reduce((total, [key, ms]) => total + (listed.has(key) ? 0 : ms), 0)
    return `${name.padEnd(28)}${n(s.updates, 0)}${n(s.total.p50)}${n(s.total.p95)}${n(s.settled.p50)}${n(s.settled.p95)}${CPU_COLUMNS.map(([, names]) => n(sum(names))).join('')}${n(other)}${n(s.styledElements, 0)}${n(s.laidOutObjects, 0)}`
  }
  return [
    head,
    line('no change (baseline)', follow.cpu.unchanged),
    line('playing (0.25 s steps)', follow.cpu.playing),
    line('line to line', follow.cpu.nextLine),
    line('empty page (floor)', follow.cpu.emptyPage),
    line('bare list, next line (floor)', follow.cpu.bareList),
  ].join('\n')
}
