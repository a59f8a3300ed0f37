import type { Browser, Frame, Page } from '@playwright/test'
import { isHeader, parseEpisode, valueOf } from '../../shared/episode/index'
import { addRenderCounter, readRowRenders, resetRowRenders } from '../helpers/render-counter'
import { percentile } from './percentiles'

/** Where the player's frames come from; the bench answers them with `STAND_IN`. */
const YOUTUBE_ORIGIN = 'https://www.youtube-nocookie.com'
/** Updates as a playing recording sends them: every 0.25 s of playback. */
const PLAYING_UPDATES = 200
const PLAYING_STEP_S = 0.25
/** Updates that each move the highlight to the next line. */
const LINE_UPDATES = 100

/**
 * A stand-in for YouTube's embedded player: it answers the IFrame API's `listening` and then
 * reports only the times the bench hands it (`deliver(t)`), as the real one's `infoDelivery`.
 */
const STAND_IN = `<!doctype html><body><script>
let parentOrigin = null
window.deliver = (t) => parentOrigin && parent.postMessage(JSON.stringify({ event: 'infoDelivery', info: { currentTime: t, playerState: 2, duration: 86400, playbackRate: 1 } }), parentOrigin)
addEventListener('message', (e) => {
  if (parentOrigin || JSON.parse(e.data).event !== 'listening') return
  parentOrigin = e.origin
  window.deliver(0)
})
</script></body>`

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
}

interface ProbeWindow {
  __commit: number[]
  __paint: number[]
  __updateStart: number
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
  const afterPaint = new MessageChannel()
  const paints: number[] = []
  afterPaint.port1.onmessage = () => w.__paint.push(performance.now() - paints.shift()!)
  window.addEventListener(
    'message',
    (event) => {
      if (origin !== '*' && event.origin !== origin) return
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
 */
export async function runFollowBench(browser: Browser, url: string, file: string, text: string): Promise<FollowBench> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await addRenderCounter(page)
  await page.addInitScript(installUpdateProbe, YOUTUBE_ORIGIN)
  await page.route(`${YOUTUBE_ORIGIN}/embed/**`, (route) => route.fulfill({ contentType: 'text/html', body: STAND_IN }))
  await page.goto(url)
  await page.locator(`.file-item[title="${file}"]`).click()
  await page.locator('[role="grid"] [role="row"][aria-rowindex="2"]').waitFor()
  await page.getByRole('button', { name: 'YouTube' }).click()
  await page.waitForFunction(() => !document.querySelector('.player-clock')?.textContent?.includes('–'))
  const frame = page.frames().find((f) => f.url().startsWith(YOUTUBE_ORIGIN))
  if (!frame) throw new Error('The stand-in player frame did not load')
  await page.evaluate(installCommitProbe, YOUTUBE_ORIGIN)

  const secs = timedSecs(text)
  const middle = Math.floor(secs.length / 2)
  const playing = await runSequence(
    page,
    frame,
    Array.from({ length: PLAYING_UPDATES }, (_, k) => secs[middle]! + k * PLAYING_STEP_S),
  )
  const unchanged = await runSequence(
    page,
    frame,
    Array.from({ length: LINE_UPDATES }, (_, k) => secs[middle]! + 0.01 + k * 0.0005),
    secs[middle]!,
  )
  const from = secs.findIndex((sec) => sec > secs[middle]! + PLAYING_UPDATES * PLAYING_STEP_S + 10)
  const nextLine = await runSequence(
    page,
    frame,
    secs.slice(from, from + LINE_UPDATES).map((sec) => sec + 0.5),
  )
  await page.close()
  const emptyPage = await emptyPageFloor(browser)
  return { entries: parseEpisode(text).entries.length, unchanged, playing, nextLine, emptyPage }
}

/** The targets of issue 11 for follow mode, and whether this run met them. */
export function followTargets(follow: FollowBench): { name: string; value: number; limit: number; met: boolean }[] {
  const at = `at ${follow.entries} entries`
  const target = (name: string, value: number, limit: number) => ({ name, value, limit, met: value <= limit })
  return [
    target(`follow update to paint p95 ms, playing, ${at}`, follow.playing.paint.p95, 2),
    target(`follow update to paint p95 ms, line to line, ${at}`, follow.nextLine.paint.p95, 2),
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
