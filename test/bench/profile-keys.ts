/**
 * Profiles keystrokes in the editor and in the bare CodeMirror baseline with Chrome's tracing:
 * the main thread's CPU time from each keydown to the end of the frame painted after it, by phase
 * (less sensitive to a busy machine than the bench's wall-clock latency). Run:
 * `node --import tsx test/bench/profile-keys.ts [synthetic|largest] [keys]`. Environment:
 * TE_SKIP_BUILD=1 reuses dist/renderer (TE_RENDERER_DIR serves another build, e.g. one built with
 * `npx vite build --minify false --outDir DIR` for readable names); JS=1 adds a sampled JS profile
 * per function; SELF=1 the self time per trace event name; BARE_SHADOW=1 mounts the baseline in a
 * shadow root; EXTRA_CSS adds rules to the editor's page; INVALIDATIONS=1 and CATEGORIES=a,b add trace
 * categories. Writes the raw traces to
 * /tmp/trace-editor.json and /tmp/trace-bare.json (open them in DevTools' Performance panel).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config'
import { LARGEST } from '../e2e/helpers/episodes'
import { buildRenderer } from '../e2e/helpers/global-setup'
import { createTestWorkspace } from '../e2e/helpers/workspace'
import { episodesDir } from '../helpers/corpus'
import { syntheticEpisode } from './synthetic-episode'
import { addExtraCss, criticalPath, trace, type TraceEvent } from './key-trace'
import { bareEditorScript, installKeyProbe, openBareEditor, openEditorForTyping, typeKeys } from './ui-bench'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  children?: number[]
}

/** JS self time (ms) per function while typing `keys` keys, largest first. */
async function profileJs(page: Page, keys: number, from: number): Promise<[string, number][]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 })
  await cdp.send('Profiler.start')
  await typeKeys(page, from, keys)
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!
    const f = n.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)
  })
  return [...self.entries()].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1])
}

/** Self time (ms) per event name on the renderer's main thread, complete events only. */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'EventDispatch'))
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const self = new Map<string, number>()
  const stack: { e: TraceEvent; child: number }[] = []
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= until) {
      const top = stack.pop()!
      const key = top.e.name
      // Thread (CPU) time where the trace has it: the machine is shared, wall time includes waiting.
      const own = top.e.tdur ?? top.e.dur!
      self.set(key, (self.get(key) ?? 0) + (own - top.child) / 1000)
      if (stack.length) stack[stack.length - 1]!.child += own
    }
  }
  for (const e of onMain) {
    close(e.ts)
    stack.push({ e, child: 0 })
  }
  close(Infinity)
  return self
}

const which = process.argv[2] ?? 'synthetic'
const keys = Number(process.argv[3] ?? 60)
await buildRenderer()
const largest = await readFile(join(episodesDir, LARGEST), 'utf8')
const file = which === 'largest' ? LARGEST : 'synthetic-3000-entries.md'
const workspace = await createTestWorkspace([LARGEST], { 'synthetic-3000-entries.md': syntheticEpisode(largest, 3000) })
const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] })
try {
  const { page, cell } = await openEditorForTyping(browser, workspace.server.url, file)
  const bare = await openBareEditor(browser, await bareEditorScript(), { ...cell, shadow: process.env.BARE_SHADOW === '1' })
  // EXTRA_CSS: rules added to the editor's page (as an adopted sheet: the CSP forbids <style>), to try a change.
  await addExtraCss(page, process.env.EXTRA_CSS)
  await installKeyProbe(page)
  await installKeyProbe(bare)
  await typeKeys(page, 0, 10)
  await typeKeys(bare, 0, 10)
  const traces = { editor: await trace(page, keys, 10), bare: await trace(bare, keys, 10) }
  for (const [label, p] of process.env.JS === '1' ? ([['editor', page], ['bare', bare]] as const) : []) {
    const top = await profileJs(p, keys, 10 + keys)
    console.log(`JS self time per key, ${label}:`)
    for (const [fn, ms] of top.slice(0, 25)) console.log(`  ${(ms / keys).toFixed(3).padStart(7)}  ${fn}`)
  }
  const latency = { editor: await page.evaluate(() => (window as unknown as { __keyLatency: number[] }).__keyLatency.slice(10)), bare: await bare.evaluate(() => (window as unknown as { __keyLatency: number[] }).__keyLatency.slice(10)) }
  const tables = { editor: selfTimes(traces.editor), bare: selfTimes(traces.bare) }
  await writeFile('/tmp/trace-editor.json', JSON.stringify({ traceEvents: traces.editor }))
  await writeFile('/tmp/trace-bare.json', JSON.stringify({ traceEvents: traces.bare }))
  const paths = { editor: criticalPath(traces.editor), bare: criticalPath(traces.bare) }
  console.log(`critical path CPU per key (keydown → end of the frame after it), median: editor ${paths.editor.total.toFixed(2)} ms, bare ${paths.bare.total.toFixed(2)} ms, ratio ${(paths.editor.total / paths.bare.total).toFixed(2)}`)
  console.log('phases (mean ms per key):')
  for (const name of [...new Set([...paths.editor.phases.keys(), ...paths.bare.phases.keys()])].sort((a, b) => (paths.editor.phases.get(b) ?? 0) - (paths.editor.phases.get(a) ?? 0)))
    console.log(`  ${name.padEnd(38)}${(paths.editor.phases.get(name) ?? 0).toFixed(3).padStart(10)}${(paths.bare.phases.get(name) ?? 0).toFixed(3).padStart(10)}`)
  const names = [...new Set([...tables.editor.keys(), ...tables.bare.keys()])].sort((a, b) => (tables.editor.get(b) ?? 0) - (tables.editor.get(a) ?? 0))
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  if (process.env.SELF === '1') console.log(`${which}: latency median editor ${med(latency.editor).toFixed(2)} ms, bare ${med(latency.bare).toFixed(2)} ms`)
  if (process.env.SELF === '1') console.log(`${'event (self ms per key)'.padEnd(40)}${'editor'.padStart(10)}${'bare'.padStart(10)}`)
  if (process.env.SELF === '1') for (const n of names.slice(0, 30)) console.log(`${n.padEnd(40)}${((tables.editor.get(n) ?? 0) / keys).toFixed(3).padStart(10)}${((tables.bare.get(n) ?? 0) / keys).toFixed(3).padStart(10)}`)
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0) / keys
  if (process.env.SELF === '1') console.log(`${'total'.padEnd(40)}${sum(tables.editor).toFixed(3).padStart(10)}${sum(tables.bare).toFixed(3).padStart(10)}`)
} finally {
  await browser.close()
  await workspace.close()
}
