import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { syntheticEpisode } from '../bench/synthetic-episode'
import { episodesDir } from '../helpers/corpus'
import { addRenderCounter, readRowRenders, resetRowRenders } from '../helpers/render-counter'
import { LARGEST } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { createTestWorkspace } from './helpers/workspace'

const LONG = 'long-3000-entries.md'

test.use({
  workspace: async ({}, use) => {
    const largest = await readFile(join(episodesDir, LARGEST), 'utf8')
    const workspace = await createTestWorkspace([], { [LONG]: syntheticEpisode(largest, 3000) })
    await use(workspace)
    await workspace.close()
  },
})

test('typing in one cell of a 3,000-entry episode re-renders no other row, even when the line wraps', async ({ editor, page }) => {
  await addRenderCounter(page)
  await editor.open(LONG)
  await editor.grid.locator('.grid-body').evaluate((body) => {
    body.scrollTop = body.scrollHeight / 2
  })
  const cell = editor.grid.locator('.line-row [data-col="text"]').nth(3)
  await cell.click({ position: { x: 8, y: 8 } })
  await editor.press('Enter')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('End')
  const row = editor.grid.locator('.line-row:has(.text-editor-host)')
  const id = await row.getAttribute('data-id')
  const heightBefore = (await row.boundingBox())!.height

  await page.evaluate(resetRowRenders)
  // Enough words to wrap onto at least one more line, so every row below has to move down.
  const typed = ' and then some more words to make this line wrap'.repeat(3)
  await page.keyboard.type(typed)
  await expect(editor.textEditor).toContainText(typed.trim())
  await expect.poll(async () => (await row.boundingBox())!.height).toBeGreaterThan(heightBefore)
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))

  const renders = await page.evaluate(readRowRenders)
  const others = Object.fromEntries(Object.entries(renders.byId).filter(([rowId]) => rowId !== id))
  expect(others, 'rows other than the edited one rendered while typing').toEqual({})
  expect(renders.byId[id!] ?? 0, 'renders of the edited row').toBeLessThanOrEqual(typed.length)

  // The rows below still moved down with the wrapped line.
  const next = row.locator('xpath=following-sibling::*[1]')
  const rowBox = (await row.boundingBox())!
  const nextBox = (await next.boundingBox())!
  expect(Math.abs(nextBox.y - (rowBox.y + rowBox.height))).toBeLessThan(1.5)

  // The counter sees renders: closing the editor (Enter applies the typing) renders the edited row.
  await page.evaluate(resetRowRenders)
  await editor.press('Enter')
  await expect(editor.grid.locator(`[data-id="${id}"] .line-text`)).toContainText(typed.trim())
  expect((await page.evaluate(readRowRenders)).byId[id!] ?? 0).toBeGreaterThan(0)
})
