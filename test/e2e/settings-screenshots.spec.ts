import { join } from 'node:path'
import { LARGEST } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

// One page per size takes the light and then the dark images (the scheme is CSS alone, tokens.css,
// so switching it changes no layout).
for (const [width, height] of [
  [1440, 900],
  [1024, 768],
] as const) {
  test(`screenshots of Settings and of Problems with fixes at ${width}×${height} (light and dark)`, async ({ editor, page }) => {
    await page.setViewportSize({ width, height })
    await page.emulateMedia({ colorScheme: 'light' })
    await editor.open(LARGEST)
    await page.getByRole('tab', { name: /Problems/ }).click()
    await expect(page.getByRole('button', { name: /^Fix row / }).first()).toBeVisible()
    await page.getByRole('button', { name: /^Fix row / }).first().hover()
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(test.info().outputDir, `problems-${width}-${scheme}.png`) })
    }
    await page.emulateMedia({ colorScheme: 'light' })
    await editor.press('Control+,')
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('switch', { name: 'Doubled spaces between words' }).uncheck()
    await page.mouse.move(0, 0)
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.screenshot({ path: join(test.info().outputDir, `settings-${width}-${scheme}.png`) })
    }
  })
}
