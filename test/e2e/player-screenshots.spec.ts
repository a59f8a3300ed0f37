import { copyFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServer, type RunningServer } from '../../electron/server/serve'
import { episodesDir } from '../helpers/corpus'
import { spokenAudio } from '../helpers/spoken-audio'
import { repoRoot, rendererDir } from './helpers/workspace'

// The player on a real corpus episode with a spoken recording, paused just after playing from a
// row, at two window sizes in both themes. `npm run screenshots` refreshes the README's images
// (1440×900); other runs keep theirs with the test results.

const episodeName = 'crisp-dm.md'
const speech =
  'I will start with an introduction. Thank you very much for coming to this event. This event is brought to you by DataTalks Club, ' +
  'one of our weekly events. We have multiple events per week of different kinds. On Tuesday we have more technical events, ' +
  'such as workshops or webinars with presentations. Next week we will have a conversation about processes in data science projects.'

let root: string
let server: RunningServer

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'transcript-editor-e2e-player-shots-'))
  await copyFile(join(episodesDir, episodeName), join(root, episodeName))
  const recording = await spokenAudio(join(root, 'recordings'), 'crisp-dm.wav', `${speech} ${speech}`)
  server = await startServer({ dataDir: join(root, 'data'), rendererDir, openPath: join(root, episodeName), media: recording })
})

test.afterEach(async () => {
  await server.close()
  await rm(root, { recursive: true, force: true })
})

// One page per size takes the light and then the dark image (the scheme is CSS alone, tokens.css,
// so switching it changes no layout).
for (const size of [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
]) {
  test(`screenshots of the player (light and dark, ${size.width}×${size.height})`, async ({ page }) => {
    await page.setViewportSize(size)
    await page.emulateMedia({ colorScheme: 'light' })
    await page.goto(server.url)
    const row = (index: number) => page.locator(`.grid [role="row"][aria-rowindex="${index + 2}"]`)
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
    await expect.poll(() => page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(24)
    await row(1).locator('[data-col="text"]').click()
    await page.keyboard.press('Alt+p')
    await expect(row(1)).toHaveClass(/spoken/)
    await expect.poll(() => page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(22)
    await page.keyboard.press('Alt+k')
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
    // The cursor on the next row, so the spoken row shows its own highlight.
    await row(2).locator('[data-col="who"]').click()
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(row(1)).toHaveClass(/spoken/)
      await page.mouse.move(0, 0)
      const readme = process.env.UPDATE_SCREENSHOTS === '1' && size.width === 1440
      const dir = readme ? join(repoRoot, 'assets/screenshots') : test.info().outputDir
      await page.screenshot({ path: join(dir, readme ? `player-${scheme}.png` : `player-${scheme}-${size.width}.png`) })
    }
  })
}
