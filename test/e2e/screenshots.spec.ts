import { join } from 'node:path'
import { isHeader, parseEpisode, textOf } from '../../shared/episode/index'
import { TEAM, findIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { repoRoot } from './helpers/workspace'

// One page takes the light and then the dark image (the scheme is CSS alone, tokens.css, so
// switching it changes no layout).
test('screenshots of the editor on a real episode (light and dark)', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await page.emulateMedia({ colorScheme: 'light' })
  const doc = parseEpisode(await editor.original(TEAM))
  await editor.open(TEAM)
  // Jump to a section in the middle of the episode through the outline.
  // A section in the middle where both speakers talk.
  const h = findIndex(
    doc,
    (k) => k > 20 && isHeader(doc.entries[k]!) && new Set(doc.entries.slice(k + 1, k + 4).map((e) => textOf(e, 'who')).filter(Boolean)).size >= 2,
    'a section with a conversation',
  )
  const nth = doc.entries.slice(0, h).filter(isHeader).length
  await page.locator('.outline-item').nth(nth).click()
  await expect(editor.cell(h, 'text')).toBeFocused()
  const i = findIndex(doc, (k) => k > h + 1 && !isHeader(doc.entries[k]!) && !isHeader(doc.entries[k + 1]!), 'two lines in a row')
  await editor.select(i, 'who')
  await editor.press('Shift+ArrowDown')
  await expect(editor.page.locator('.status-position')).toContainText('2 rows selected')
  // Show the section's header at the top of the transcript.
  await editor.row(h).evaluate((row: HTMLElement) => {
    row.closest('.grid-body')!.scrollTop = row.offsetTop
  })
  await page.mouse.move(0, 0)
  // The README's images are refreshed only on request (npm run screenshots); a normal run keeps its copy with the test results.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'assets/screenshots') : test.info().outputDir
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await expect(editor.page.locator('.status-position')).toContainText('2 rows selected')
    await expect(editor.row(h)).toBeInViewport()
    await page.screenshot({ path: join(dir, `editor-${scheme}.png`) })
  }
})

test('screenshot of Review changes with two episodes open', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const doc = parseEpisode(await editor.original(TEAM))
  const i = findIndex(doc, (k) => k > 6 && !isHeader(doc.entries[k]!), 'a line')
  await editor.open('crisp-dm.md')
  await editor.episodeButton(TEAM).click()
  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('End')
  await page.keyboard.type(' (checked against the recording)')
  await editor.press('Enter')
  await editor.select(i, 'who')
  await editor.press('Alt+1')
  await editor.press('Control+Shift+d')
  await expect(page.getByRole('dialog', { name: 'Review changes' }).locator('.diff-line.added').first()).toBeVisible()
  await page.mouse.move(0, 0)
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? join(repoRoot, 'assets/screenshots') : test.info().outputDir
  await page.screenshot({ path: join(dir, 'review-changes.png') })
})
