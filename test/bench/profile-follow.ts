/**
 * Profiles follow mode's playhead updates at 3,000 entries with Chrome's tracing: the main
 * thread's CPU time per update (the player's message → the end of the frame painted after it,
 * and until the next update), by phase, as the bench's traced pass measures it, for one sequence
 * (faster than `npm run bench -- --only follow`, to try a change). Run:
 * `node --import tsx test/bench/profile-follow.ts [nextLine|playing|unchanged]`. Environment:
 * TE_SKIP_BUILD=1 reuses dist/renderer; EXTRA_CSS adds rules to the page (as an adopted sheet);
 * INVALIDATIONS=1 traces style and layout invalidations too. Writes the raw trace to
 * $FOLLOW_TRACES/follow-SEQUENCE.json (/tmp by default; open it in DevTools' Performance panel).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config'
import { LARGEST } from '../e2e/helpers/episodes'
import { buildRenderer } from '../e2e/helpers/global-setup'
import { createTestWorkspace } from '../e2e/helpers/workspace'
import { episodesDir } from '../helpers/corpus'
import { followSequences, openFollowPage, traceSequence } from './follow-bench'
import { addExtraCss } from './key-trace'
import { syntheticEpisode } from './synthetic-episode'

const which = (process.argv[2] ?? 'nextLine') as 'nextLine' | 'playing' | 'unchanged'
const file = 'synthetic-3000-entries.md'
await buildRenderer()
const text = syntheticEpisode(await readFile(join(episodesDir, LARGEST), 'utf8'), 3000)
const workspace = await createTestWorkspace([LARGEST], { [file]: text })
const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, '--disable-frame-rate-limit', '--disable-gpu-vsync'] })
try {
  const { page, frame } = await openFollowPage(browser, workspace.server.url, file, false)
  await addExtraCss(page, process.env.EXTRA_CSS)
  const { sequences, unchangedSettle } = followSequences(text)
  process.env.FOLLOW_TRACES ??= '/tmp'
  const extra = process.env.INVALIDATIONS === '1' ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []
  const cpu = await traceSequence(page, frame, which, sequences[which], which === 'unchanged' ? unchangedSettle : undefined, extra)
  console.log(`${which}: ${cpu.updates} updates; CPU to paint p50 ${cpu.total.p50.toFixed(2)} / p95 ${cpu.total.p95.toFixed(2)} ms; until the next update p50 ${cpu.settled.p50.toFixed(2)} / p95 ${cpu.settled.p95.toFixed(2)} ms`)
  console.log(`styled elements ${cpu.styledElements.toFixed(1)}, laid out objects ${cpu.laidOutObjects.toFixed(1)} per update (means); phases (mean ms per update):`)
  for (const [name, ms] of Object.entries(cpu.phases)) console.log(`  ${name.padEnd(30)}${ms.toFixed(3).padStart(8)}`)
} finally {
  await browser.close()
  await workspace.close()
}
