import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config'
import { parseEpisode } from '../../shared/episode/index'
import { LARGEST } from '../e2e/helpers/episodes'
import { buildRenderer } from '../e2e/helpers/global-setup'
import { createTestWorkspace } from '../e2e/helpers/workspace'
import { episodesDir } from '../helpers/corpus'
import { syntheticEpisode } from './synthetic-episode'

/** The synthetic long episode the bench writes next to it. */
const SYNTHETIC = 'synthetic-3000-entries.md'
const KEYSTROKES = 200
const OPEN_RUNS = 5
const TYPED = 'the quick brown fox jumps over a lazy dog '

/** Open time and keystroke-to-paint latency of one scenario, for the editor and a plain textarea. */
export interface UiBenchRow {
  readonly scenario: string
  readonly entries: number
  readonly editor: { readonly openMs: number; readonly keyP50: number; readonly keyP95: number }
  readonly textarea: { readonly openMs: number; readonly keyP50: number; readonly keyP95: number }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN
}

function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** In-page: records, for every keydown, the time from the event to the paint after it. */
function installKeyProbe(page: Page): Promise<void> {
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

async function typeAndMeasure(page: Page): Promise<number[]> {
  await installKeyProbe(page)
  for (let k = 0; k < KEYSTROKES; k++) {
    const ch = TYPED[k % TYPED.length]!
    await page.keyboard.press(ch === ' ' ? 'Space' : ch)
    await page.waitForFunction((n) => (window as unknown as { __keyLatency: number[] }).__keyLatency.length >= n, k + 1, { polling: 'raf' })
    await page.waitForTimeout(15)
  }
  return page.evaluate(() => (window as unknown as { __keyLatency: number[] }).__keyLatency)
}

async function measureEditorOpen(page: Page, url: string, file: string): Promise<number> {
  await page.goto(url)
  await page.locator(`.file-item[title="${file}"]`).waitFor()
  return page.evaluate(async (name) => {
    const button = document.querySelector<HTMLButtonElement>(`.file-item[title="${name}"]`)!
    const t0 = performance.now()
    button.click()
    await new Promise<void>((resolve) => {
      const painted = () => requestAnimationFrame(() => setTimeout(resolve, 0))
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
  }, file)
}

/** A page for measuring; functions passed to `evaluate` may use tsx's `__name` helper, so define it. */
async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  return page
}

async function benchEditor(browser: Browser, url: string, file: string): Promise<UiBenchRow['editor']> {
  const page = await newPage(browser)
  const opens: number[] = []
  for (let run = 0; run < OPEN_RUNS; run++) opens.push(await measureEditorOpen(page, url, file))
  // Type into a line in the middle of the episode.
  await page.locator('.grid-body').evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2
  })
  await page.waitForTimeout(200)
  const cell = page.locator('.line-row [data-col="text"]').nth(3)
  await cell.click({ position: { x: 8, y: 8 } })
  await page.keyboard.press('Enter')
  await page.locator('.cm-content').waitFor()
  await page.keyboard.press('End')
  const samples = await typeAndMeasure(page)
  await page.close()
  return { openMs: median(opens), keyP50: percentile(samples, 50), keyP95: percentile(samples, 95) }
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
  await page.evaluate(() => {
    const area = document.querySelector('textarea')!
    area.focus()
    area.setSelectionRange(area.value.length >> 1, area.value.length >> 1)
  })
  const samples = await typeAndMeasure(page)
  await page.close()
  return { openMs: median(opens), keyP50: percentile(samples, 50), keyP95: percentile(samples, 95) }
}

function transcriptText(episode: string): string {
  const start = episode.indexOf('\ntranscript:\n')
  return episode.slice(start)
}

function formatTable(rows: readonly UiBenchRow[]): string {
  const pad = (s: string, n: number) => s.padEnd(n)
  const num = (v: number) => v.toFixed(1).padStart(8)
  const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`.padStart(8)
  const lines = [`${pad('scenario', 42)}${pad('', 10)}${'open ms'.padStart(8)}${'key p50'.padStart(8)}${'key p95'.padStart(8)}`]
  for (const r of rows) {
    lines.push(`${pad(`${r.scenario} (${r.entries} entries)`, 42)}${pad('editor', 10)}${num(r.editor.openMs)}${num(r.editor.keyP50)}${num(r.editor.keyP95)}`)
    lines.push(`${pad('', 42)}${pad('textarea', 10)}${num(r.textarea.openMs)}${num(r.textarea.keyP50)}${num(r.textarea.keyP95)}`)
    lines.push(`${pad('', 42)}${pad('ratio', 10)}${ratio(r.editor.openMs, r.textarea.openMs)}${ratio(r.editor.keyP50, r.textarea.keyP50)}${ratio(r.editor.keyP95, r.textarea.keyP95)}`)
  }
  return lines.join('\n')
}

/**
 * Measures the editor in headless Chromium against the real browser-mode server: time from
 * opening an episode to its first rows painted, and keystroke-to-paint latency while typing in
 * a text cell (p50/p95 of 200 keys, keydown → the paint after it, measured in the page), on the
 * largest corpus episode and a synthetic 3,000-entry one, beside a plain <textarea> holding the
 * same text. Chromium runs with its frame-rate limit off, so a figure is the work a key costs
 * rather than the wait for the next vsync (0–16.7 ms for any page). Prints a table; resolves to
 * the rows.
 */
export async function runUiBench(): Promise<UiBenchRow[]> {
  await buildRenderer()
  const largest = await readFile(join(episodesDir, LARGEST), 'utf8')
  const synthetic = syntheticEpisode(largest, 3000)
  const workspace = await createTestWorkspace([LARGEST], { [SYNTHETIC]: synthetic })
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] })
  const rows: UiBenchRow[] = []
  try {
    for (const [scenario, file, text] of [
      ['largest corpus episode', LARGEST, largest],
      ['synthetic episode', SYNTHETIC, synthetic],
    ] as const) {
      const entries = parseEpisode(text).entries.length
      const editor = await benchEditor(browser, workspace.server.url, file)
      const textarea = await benchTextarea(browser, transcriptText(text))
      rows.push({ scenario, entries, editor, textarea })
    }
  } finally {
    await browser.close()
    await workspace.close()
  }
  console.log(`UI bench: headless Chromium (frame-rate limit off); open = click → first rows painted (median of ${OPEN_RUNS}); key = keydown → next paint over ${KEYSTROKES} keys`)
  console.log(formatTable(rows))
  const worst = rows[rows.length - 1]!
  console.log(`targets: open < 500 ms (${worst.editor.openMs < 500 ? 'met' : 'MISSED'}), p95 key < 16 ms at ${worst.entries} entries (${worst.editor.keyP95 < 16 ? 'met' : 'MISSED'})`)
  return rows
}
