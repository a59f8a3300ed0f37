import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from '@playwright/test'
import { build } from 'esbuild'
import { chromiumLaunchOptions } from '../../playwright.config'
import { parseEpisode } from '../../shared/episode/index'
import { LARGEST } from '../e2e/helpers/episodes'
import { buildRenderer } from '../e2e/helpers/global-setup'
import { createTestWorkspace } from '../e2e/helpers/workspace'
import { episodesDir } from '../helpers/corpus'
import { addRenderCounter, readRowRenders, resetRowRenders } from '../helpers/render-counter'
import type { BareEditorSpec } from './bare-editor-page'
import { followTargets, formatFollowCpuTable, formatFollowTable, runFollowBench, type FollowBench } from './follow-bench'
import { criticalPath, trace } from './key-trace'
import { median, percentile } from './percentiles'
import { syntheticEpisode } from './synthetic-episode'

/** The synthetic long episode the bench writes next to it. */
const SYNTHETIC = 'synthetic-3000-entries.md'
const KEYSTROKES = 200
/** The keystrokes go alternately to the editor and the bare editor, in this many blocks each. */
const TYPING_BLOCKS = 4
const OPEN_RUNS = 5
/** Keys traced after the timed ones, in each page, for the CPU time per key. */
const TRACED_KEYS = 40
const TYPED = 'the quick brown fox jumps over a lazy dog '

/** Keystroke-to-paint latency percentiles (ms). */
export interface KeyLatency {
  readonly keyP50: number
  readonly keyP95: number
}

/**
 * Figures of one scenario: the editor's open time, keystroke latency and grid rows React
 * rendered per keystroke; the same keys in a bare CodeMirror editor holding the same cell text
 * (the keystroke baseline); the open time of a plain textarea holding the transcript (the open
 * baseline).
 */
export interface UiBenchRow {
  readonly scenario: string
  readonly entries: number
  readonly editor: KeyLatency & {
    readonly openMs: number
    /** Grid rows rendered per keystroke, the edited one included. */
    readonly rowRendersPerKey: number
    /** Renders of rows other than the edited one, over all the keystrokes. */
    readonly otherRowRenders: number
  }
  readonly bareEditor: KeyLatency
  readonly textarea: { readonly openMs: number }
  /**
   * Main-thread CPU time per key from Chrome's trace (keydown → end of the frame painted after
   * it, median of TRACED_KEYS keys typed after the timed ones), in the editor and the bare
   * editor: less sensitive than the latencies to a busy machine.
   */
  readonly cpuPerKey: { readonly editor: number; readonly bareEditor: number }
}

/** In-page: records, for every keydown, the time from the event to the paint after it (in `__keyLatency`). */
export function installKeyProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __keyLatency: number[] }
    w.__keyLatency = []
    const channel = new MessageChannel()
    const pending: number[] = []
    channel.port1.onmessage = () => {
      const t0 = pending.shift()
      if (t0 !== undefined) w.__keyLatency.push(performance.now() - t0)
    }
    window.addEventListener(
      'keydown',
      (event) => {
        const t0 = event.timeStamp
        // rAF runs just before the frame is painted; a message posted from it runs right after.
        requestAnimationFrame(() => {
          pending.push(t0)
          channel.port2.postMessage(null)
        })
      },
      true,
    )
  })
}

/** Types `count` keys of TYPED (from its `from`th character), each after the previous one painted. */
export async function typeKeys(page: Page, from: number, count: number): Promise<void> {
  await page.bringToFront()
  for (let k = from; k < from + count; k++) {
    const ch = TYPED[k % TYPED.length]!
    await page.keyboard.press(ch === ' ' ? 'Space' : ch)
    await page.waitForFunction((n) => (window as unknown as { __keyLatency: number[] }).__keyLatency.length >= n, k + 1, { polling: 'raf' })
    await page.waitForTimeout(15)
  }
}

function keyLatencies(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __keyLatency: number[] }).__keyLatency)
}

async function measureEditorOpen(page: Page, url: string, file: string): Promise<number> {
  await page.goto(url)
  await page.locator(`.file-item[title="${file}"]`).waitFor()
  return clickUntilRowsPainted(page, file)
}

/**
 * Clicks `file` in the episode list and waits for its first grid rows to be painted: the ms from
 * the click, as the bench's open time. With `marks`, the page also calls `console.timeStamp` at
 * the click and once the rows are painted, for a trace.
 */
export async function clickUntilRowsPainted(page: Page, file: string, marks?: { readonly click: string; readonly painted: string }): Promise<number> {
  return page.evaluate(
    async ([name, stamps]) => {
      const button = document.querySelector<HTMLButtonElement>(`.file-item[title="${name}"]`)!
      if (stamps) console.timeStamp(stamps.click)
      const t0 = performance.now()
      button.click()
      await new Promise<void>((resolve) => {
        const painted = () =>
          requestAnimationFrame(() =>
            setTimeout(() => {
              if (stamps) console.timeStamp(stamps.painted)
              resolve()
            }, 0),
          )
        const hasRows = () => document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"]') !== null
        if (hasRows()) {
          painted()
          return
        }
        const observer = new MutationObserver(() => {
          if (!hasRows()) return
          observer.disconnect()
          painted()
        })
        observer.observe(document.body, { childList: true, subtree: true })
      })
      return performance.now() - t0
    },
    [file, marks ?? null] as const,
  )
}

/** A page for measuring; functions passed to `evaluate` may use tsx's `__name` helper, so define it. */
export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  return page
}

/** Opens `file` `openRuns` times (timing each), then opens the text editor of a line in the middle. */
export async function openEditorForTyping(browser: Browser, url: string, file: string, openRuns = OPEN_RUNS): Promise<{ page: Page; opens: number[]; cell: BareEditorSpec; id: string }> {
  const page = await newPage(browser)
  await addRenderCounter(page)
  const opens: number[] = []
  for (let run = 0; run < openRuns; run++) opens.push(await measureEditorOpen(page, url, file))
  await page.locator('.grid-body').evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2
  })
  await page.waitForTimeout(200)
  await page.locator('.line-row [data-col="text"]').nth(3).click({ position: { x: 8, y: 8 } })
  await page.keyboard.press('Enter')
  await page.locator('.cm-content').waitFor()
  await page.keyboard.press('End')
  const { cell, id } = await page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('.text-editor-host')!
    const content = (host.shadowRoot ?? host).querySelector<HTMLElement>('.cm-content')!
    const style = getComputedStyle(content)
    return { cell: { text: content.textContent ?? '', width: content.getBoundingClientRect().width, font: style.font }, id: host.dataset.editorFor! }
  })
  return { page, opens, cell, id }
}

/**
 * The editor's figures and the bare editor's, typing the same keys in both in alternate blocks
 * (so both see the same load on the machine).
 */
async function benchTyping(browser: Browser, script: string, url: string, file: string, openRuns: number): Promise<{ editor: UiBenchRow['editor']; bareEditor: KeyLatency; cpuPerKey: UiBenchRow['cpuPerKey'] }> {
  const { page, opens, cell, id } = await openEditorForTyping(browser, url, file, openRuns)
  const bare = await openBareEditor(browser, script, cell)
  await installKeyProbe(page)
  await installKeyProbe(bare)
  await page.evaluate(resetRowRenders)
  const block = KEYSTROKES / TYPING_BLOCKS
  for (let k = 0; k < KEYSTROKES; k += block) {
    await typeKeys(page, k, block)
    await typeKeys(bare, k, block)
  }
  const samples = await keyLatencies(page)
  const bareSamples = await keyLatencies(bare)
  const renders = await page.evaluate(readRowRenders)
  const cpuPerKey = {
    editor: criticalPath(await trace(page, TRACED_KEYS, KEYSTROKES)).total,
    bareEditor: criticalPath(await trace(bare, TRACED_KEYS, KEYSTROKES)).total,
  }
  await page.close()
  await bare.close()
  const editor = {
    openMs: median(opens),
    keyP50: percentile(samples, 50),
    keyP95: percentile(samples, 95),
    rowRendersPerKey: renders.total / KEYSTROKES,
    otherRowRenders: renders.total - (renders.byId[id] ?? 0),
  }
  return { editor, bareEditor: { keyP50: percentile(bareSamples, 50), keyP95: percentile(bareSamples, 95) }, cpuPerKey }
}

/** The baseline editor's page script (`bare-editor-page.ts` bundled into one classic script). */
export async function bareEditorScript(): Promise<string> {
  const result = await build({
    entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'bare-editor-page.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  })
  return result.outputFiles[0]!.text
}

/**
 * A page holding only the bare CodeMirror editor, mounted with the cell's text, width and font,
 * the mouse resting on its text as it rests on the cell the editor bench clicked (a pointer over
 * changing content costs a hover hit test per frame, in both pages alike).
 */
export async function openBareEditor(browser: Browser, script: string, cell: BareEditorSpec): Promise<Page> {
  const page = await newPage(browser)
  await page.setContent('<!doctype html><body style="margin:0"></body>')
  await page.addScriptTag({ content: script })
  await page.evaluate((spec) => (window as unknown as { mountBareEditor(spec: BareEditorSpec): void }).mountBareEditor(spec), cell)
  const box = (await page.locator('.cm-content').boundingBox())!
  await page.mouse.move(box.x + 8, box.y + 8)
  return page
}

async function benchTextarea(browser: Browser, text: string): Promise<UiBenchRow['textarea']> {
  const page = await newPage(browser)
  await page.goto('about:blank')
  await page.setContent('<!doctype html><body style="margin:0"></body>')
  await page.evaluate('window.__name = (f) => f')
  const opens: number[] = []
  for (let run = 0; run < OPEN_RUNS; run++) {
    opens.push(
      await page.evaluate(async (value) => {
        document.body.textContent = ''
        const t0 = performance.now()
        const area = document.createElement('textarea')
        area.style.cssText = 'width:100vw;height:100vh;font:14px/21px sans-serif'
        area.value = value
        document.body.append(area)
        await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
        return performance.now() - t0
      }, text),
    )
  }
  await page.close()
  return { openMs: median(opens) }
}

function transcriptText(episode: string): string {
  const start = episode.indexOf('\ntranscript:\n')
  return episode.slice(start)
}

function formatTable(rows: readonly UiBenchRow[]): string {
  const cols = ['open ms', 'key p50', 'key p95', 'rows/key']
  const head = `${'scenario'.padEnd(40)}${''.padEnd(22)}${cols.map((c) => c.padStart(9)).join('')}`
  const cell = (v: number | null, digits = 1) => (v === null ? '' : v.toFixed(digits)).padStart(9)
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`.padStart(9)
  const lines = [head]
  for (const r of rows) {
    const { editor, bareEditor, textarea } = r
    lines.push(`${`${r.scenario} (${r.entries} entries)`.padEnd(40)}${'editor'.padEnd(22)}${cell(editor.openMs)}${cell(editor.keyP50)}${cell(editor.keyP95)}${cell(editor.rowRendersPerKey, 2)}`)
    lines.push(`${''.padEnd(40)}${'bare CodeMirror (keys)'.padEnd(22)}${cell(null)}${cell(bareEditor.keyP50)}${cell(bareEditor.keyP95)}`)
    lines.push(`${''.padEnd(40)}${'textarea (open)'.padEnd(22)}${cell(textarea.openMs)}`)
    lines.push(`${''.padEnd(40)}${'ratio'.padEnd(22)}${ratio(editor.openMs, textarea.openMs)}${ratio(editor.keyP50, bareEditor.keyP50)}${ratio(editor.keyP95, bareEditor.keyP95)}`)
    lines.push(`${''.padEnd(40)}${`CPU ms/key (trace, ${TRACED_KEYS} keys): editor ${r.cpuPerKey.editor.toFixed(2)}, bare ${r.cpuPerKey.bareEditor.toFixed(2)}, ratio ${(r.cpuPerKey.editor / r.cpuPerKey.bareEditor).toFixed(2)}×`}`)
  }
  return lines.join('\n')
}

/** A target of issue 8 and whether this run met it. */
export interface UiTarget {
  readonly name: string
  readonly value: number
  readonly limit: number
  readonly met: boolean
}

/** The targets, checked on the largest scenario (the synthetic episode). */
export function uiTargets(rows: readonly UiBenchRow[]): UiTarget[] {
  const worst = rows[rows.length - 1]!
  const at = `at ${worst.entries} entries`
  const target = (name: string, value: number, limit: number): UiTarget => ({ name, value, limit, met: value <= limit })
  return [
    target(`key p95 ÷ bare CodeMirror ${at}`, worst.editor.keyP95 / worst.bareEditor.keyP95, 1.5),
    target(`key p95 ms ${at}`, worst.editor.keyP95, 8),
    target(`open to first rows ms ${at}`, worst.editor.openMs, 300),
    target(`rows rendered per keystroke ${at}`, worst.editor.rowRendersPerKey, 1),
  ]
}

/**
 * Measures the editor in headless Chromium against the real browser-mode server: time from
 * opening an episode to its first rows painted, and keystroke-to-paint latency while typing in
 * a text cell (p50/p95 of 200 keys, keydown → the paint after it, measured in the page) with the
 * grid rows React rendered for them, on the largest corpus episode and a synthetic 3,000-entry
 * one. Baselines from the same run: the same keys in a bare CodeMirror editor holding the same
 * cell text at the same width (typed in alternate blocks with the editor), and a plain <textarea>
 * holding the transcript for the open time.
 * Then follow mode on the synthetic episode (`follow-bench.ts`). With `followOnly`, only that.
 * Chromium runs with its frame-rate limit off, so a figure is the work a key costs rather than
 * the wait for the next vsync (0–16.7 ms for any page). Prints tables; resolves to the figures.
 */
export async function runUiBench(options: { followOnly?: boolean; keysOnly?: boolean } = {}): Promise<{ rows: UiBenchRow[]; follow: FollowBench | null }> {
  const openRuns = options.keysOnly ? 1 : OPEN_RUNS
  await buildRenderer()
  const script = await bareEditorScript()
  const largest = await readFile(join(episodesDir, LARGEST), 'utf8')
  const synthetic = syntheticEpisode(largest, 3000)
  const workspace = await createTestWorkspace([LARGEST], { [SYNTHETIC]: synthetic })
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] })
  const rows: UiBenchRow[] = []
  let follow: FollowBench | null = null
  try {
    for (const [scenario, file, text] of options.followOnly
      ? []
      : ([
          ['largest corpus episode', LARGEST, largest],
          ['synthetic episode', SYNTHETIC, synthetic],
        ] as const)) {
      const entries = parseEpisode(text).entries.length
      const { editor, bareEditor, cpuPerKey } = await benchTyping(browser, script, workspace.server.url, file, openRuns)
      const textarea = options.keysOnly ? { openMs: NaN } : await benchTextarea(browser, transcriptText(text))
      rows.push({ scenario, entries, editor, bareEditor, textarea, cpuPerKey })
    }
    if (!options.keysOnly) follow = await runFollowBench(browser, workspace.server.url, SYNTHETIC, synthetic)
  } finally {
    await browser.close()
    await workspace.close()
  }
  const targets = (list: readonly UiTarget[]) => `targets: ${list.map((t) => `${t.name} ≤ ${t.limit}: ${t.value.toFixed(2)} (${t.met ? 'met' : 'MISSED'})`).join('; ')}`
  if (rows.length > 0) {
    console.log(`
UI bench: headless Chromium (frame-rate limit off); open = click → first rows painted (median of ${openRuns}); key = keydown → next paint over ${KEYSTROKES} keys; rows/key = grid rows React rendered per key; CPU ms/key = the main thread's CPU time from keydown to the end of the frame after it, from a Chrome trace of ${TRACED_KEYS} more keys (median)`)
    console.log(formatTable(rows))
    console.log(targets(uiTargets(rows)))
  }
  if (follow) {
    console.log(
      `
Follow mode at ${follow.entries} entries: playhead updates from the player (YouTube's messages, from a stand-in frame); commit = the app's handling of the message (store update + React render and commit); paint = message → next paint; rows/upd = grid rows React rendered per update; other rows = re-renders of rows whose highlight did not change; mounted = rows scrolled into the rendered window`,
    )
    console.log(formatFollowTable(follow))
    console.log(`
Main-thread CPU (thread time) per update, from a Chrome trace of the same sequences on a page without the render counter: cpu = the player's message dispatch → the end of the frame painted after it; settle = → the next update (with the work the update leaves after that frame); ms; phases (of cpu) are means per update; styled els = elements whose style was recalculated, laid out = layout objects laid out (means); bare list = a page without the app moving a highlight down 60 rows and scrolling as follow does, the floor of a line-to-line update`)
    console.log(formatFollowCpuTable(follow))
    console.log(targets(followTargets(follow)))
  }
  return { rows, follow }
}
