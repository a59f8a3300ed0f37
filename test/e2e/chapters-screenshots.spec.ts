import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { repoRoot } from './helpers/workspace'

const EPISODE = TEAM
/** The episode's site list, edited so the preview shows every mark: a rename, a removal, an addition, a move. */
const LIST = (() => {
  const lines = readFileSync(join(import.meta.dirname, '../fixtures/podcast-timestamps/s01e03-building-ds-team.txt'), 'utf8').trimEnd().split('\n')
  const moved = lines[5]!.replace(/^00:08:06/, '00:08:50')
  return [lines[0], '00:02:06 The guest in brief', lines[3], lines[4], '00:05:00 A new chapter', moved, ...lines.slice(6)].join('\n')
})()

// One page per size takes the light and then the dark image (the scheme is CSS alone, tokens.css,
// so switching it changes no layout), checking the same things before each image.
for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`screenshots of the chapter list preview at ${width}×${height} (light and dark)`, async ({ editor, page }) => {
    await page.setViewportSize({ width, height })
    await page.emulateMedia({ colorScheme: 'light' })
    await editor.open(EPISODE)
    await editor.press('Alt+i')
    const dialog = page.getByRole('dialog', { name: 'Replace sections from chapter list' })
    await dialog.getByLabel(/Chapter list/).fill(LIST)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect(dialog.locator('[data-kind="renamed"]').first()).toBeVisible()
      await expect(dialog.locator('[data-kind="removed"]').first()).toBeVisible()
      await expect(dialog.locator('[data-kind="moved"]').first()).toBeVisible()
      await expect(dialog.getByRole('button', { name: 'Apply' })).toBeEnabled()
      await page.mouse.move(0, 0)
      // The README's image is refreshed only on request (npm run screenshots), at 1440×900 in the light theme.
      const readme = process.env.UPDATE_SCREENSHOTS === '1' && width === 1440 && scheme === 'light'
      const dir = readme ? join(repoRoot, 'assets/screenshots') : test.info().outputDir
      await page.screenshot({ path: join(dir, readme ? 'chapters-preview.png' : `chapters-preview-${width}-${scheme}.png`) })
    }
  })
}
