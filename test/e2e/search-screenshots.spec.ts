import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { episodesDir } from '../helpers/corpus'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { repoRoot } from './helpers/workspace'

/** Every corpus episode, in a site checkout: the search runs over all of them. */
test.use({ site: true, episodes: readdirSync(episodesDir).filter((n) => n.endsWith('.md')) })

// One page per view and size, shot in the light and then the dark scheme: the scheme is CSS alone
// (tokens.css), so switching it changes no layout, and each image shows what a fresh page in that
// scheme shows. Every check is made again before each image.
for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`screenshots of the workspace search and replace at ${width}×${height} (light and dark)`, async ({ editor, page }) => {
    await page.setViewportSize({ width, height })
    await page.emulateMedia({ colorScheme: 'light' })
    await editor.goto()
    await editor.episodeButton(`_podcast/${TEAM}`).click()
    await expect(editor.row(0)).toBeVisible()
    await editor.press('Control+Shift+h')
    const panel = page.getByRole('search', { name: 'Search all episodes' })
    await panel.getByRole('searchbox', { name: 'Search all episodes' }).fill('Data Talks Club')
    await panel.getByRole('textbox', { name: 'Replace in episodes with' }).fill('DataTalks.Club')
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(panel.getByTestId('search-summary')).toContainText('matches in')
      await expect(panel.locator('ins').first()).toBeVisible()
      await page.mouse.move(0, 0)
      const readme = process.env.UPDATE_SCREENSHOTS === '1' && width === 1440 && scheme === 'light'
      const dir = readme ? join(repoRoot, 'assets/screenshots') : test.info().outputDir
      await page.screenshot({ path: join(dir, readme ? 'workspace-search.png' : `workspace-search-${width}-${scheme}.png`) })
    }
  })

  test(`screenshots of find and replace in the episode at ${width}×${height} (light and dark)`, async ({ editor, page }) => {
    await page.setViewportSize({ width, height })
    await page.emulateMedia({ colorScheme: 'light' })
    await editor.goto()
    await editor.episodeButton(`_podcast/${TEAM}`).click()
    await expect(editor.row(0)).toBeVisible()
    await editor.select(0, 'text')
    await editor.press('Control+h')
    await page.getByRole('searchbox', { name: 'Find in this episode' }).fill('startup')
    await page.getByRole('textbox', { name: 'Replace with' }).fill('start-up')
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByRole('button', { name: 'Next' }).click()
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(page.getByTestId('find-count')).toContainText('2 of')
      await page.mouse.move(0, 0)
      await page.screenshot({ path: join(test.info().outputDir, `episode-replace-${width}-${scheme}.png`) })
    }
  })
}
