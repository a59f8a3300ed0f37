import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import { hostChannels } from '../../shared/api/contract'
import { parseEpisode, setLine } from '../../shared/episode/index'
import { buildElectron } from '../../electron/build-electron'
import { installedElectronBinary } from '../../electron/start'
import { episodesDir } from '../helpers/corpus'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, lineIndex } from './helpers/episodes'
import { repoRoot } from './helpers/workspace'

// The real desktop app, end to end, through Playwright's Electron support. It needs Electron's
// binary, which electron@45 downloads on first use rather than at `npm ci` (`npm run test:desktop`
// fetches it, then runs this test). Where there is none, as on machines without access to
// Electron's servers, this test is reported as skipped with the reason, and
// test/electron-shell.test.ts checks the shell's wiring against a stand-in instead.

const binary = installedElectronBinary(repoRoot)
const display = process.platform !== 'linux' || Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])

test.skip(
  binary === null,
  'No Electron binary: electron@45 downloads it on first use (npx install-electron, or npm run test:desktop), which needs Electron’s download server; or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron',
)
test.skip(!display, 'No display for Electron’s window: run under xvfb-run (Linux without DISPLAY or WAYLAND_DISPLAY)')

test('the desktop app opens an episode from its command line, edits a line and saves exactly that line', async () => {
  await buildElectron()
  const root = await mkdtemp(join(tmpdir(), 'transcript-editor-electron-'))
  const path = join(root, TEAM)
  await copyFile(join(episodesDir, TEAM), path)
  const original = await readFile(path, 'utf8')
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 3)
  const edited = `${field(doc, i, 'line')} Saved from the desktop app.`

  // Playwright removes its own switches from process.argv, so the app sees `electron . FILE`.
  const app = await electron.launch({ executablePath: binary!, args: [repoRoot, `--user-data-dir=${join(root, 'user-data')}`, path], cwd: repoRoot })
  try {
    const page = await app.firstWindow()
    expect(page.url()).toBe('app://renderer/index.html')
    // The page is sandboxed and isolated: no Node, only the contract's bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
    const bridge = await page.evaluate(() => Object.keys((globalThis as unknown as { transcriptHost: object }).transcriptHost).sort())
    expect(bridge).toEqual([...Object.keys(hostChannels), 'onEvent'].sort())

    const grid = page.getByRole('grid', { name: 'Transcript' })
    await expect(grid).toBeVisible()
    const cell = grid.locator(`[role="row"][aria-rowindex="${i + 2}"] [data-col="text"]`)
    await cell.click({ position: { x: 6, y: 6 } })
    await page.keyboard.press('Enter')
    await page.keyboard.type(' Saved from the desktop app.')
    await page.keyboard.press('Enter')
    await expect(cell).toHaveText(edited)
    await page.keyboard.press('Control+s')
    await expect(page.getByTestId('save-state')).toHaveText('Saved')
    expectSavedEdit(original, await readFile(path, 'utf8'), (d) => setLine(d, i, edited))
  } finally {
    await app.close()
    await rm(root, { recursive: true, force: true })
  }
})
