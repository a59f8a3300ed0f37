import type { Locator } from '@playwright/test'
import { isHeader, parseEpisode, speakerCounts } from '../../shared/episode/index'
import { MESSY_SPEAKERS, TEAM, field, findIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

// Corpus episodes where a whole sentence slipped into `who` (53 such values in the corpus).
test.use({ episodes: [MESSY_SPEAKERS, TEAM], viewport: { width: 1024, height: 768 } })

/** Whether an element's text is cut (it is wider than its box) and shown with an ellipsis. */
async function truncated(el: Locator): Promise<boolean> {
  return el.evaluate((node) => node.scrollWidth > node.clientWidth + 1 && getComputedStyle(node).textOverflow === 'ellipsis')
}

test('sentences held in `who` are cut with an ellipsis everywhere, full text on hover and in the accessible name', async ({ editor, page }) => {
  const doc = parseEpisode(await editor.original(MESSY_SPEAKERS))
  const longest = [...speakerCounts(doc).keys()].sort((a, b) => b.length - a.length)[0]!
  expect(longest.length).toBeGreaterThan(60)
  await editor.open(MESSY_SPEAKERS)

  // The episode looks as calm as the others: the transcript's first rows are in the first viewport.
  const viewport = page.viewportSize()!
  for (const k of [0, 1, 2]) {
    const box = (await editor.row(k).boundingBox())!
    expect(box.y + box.height, `row ${k + 1} is inside the first viewport`).toBeLessThanOrEqual(viewport.height)
  }
  // Summary chips: one line each, none overlapping the next, the long one cut with its full text on hover.
  const chips = page.locator('.speaker-chip')
  const boxes = await chips.evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.getBoundingClientRect().toJSON() as DOMRect))
  for (const [k, box] of boxes.entries()) {
    expect(box.height, `chip ${k + 1} keeps to one line`).toBeLessThanOrEqual(30)
    const next = boxes[k + 1]
    if (next) expect(next.x >= box.x + box.width || next.y >= box.y + box.height, `chip ${k + 1} does not overlap chip ${k + 2}`).toBe(true)
  }
  // Beyond the first few, chips are behind "+N more".
  const more = page.locator('.speaker-chips').getByRole('button', { name: /more$/ })
  if (await more.isVisible()) await more.click()
  const chip = page.getByRole('button', { name: longest })
  await expect(chip).toHaveCount(1)
  await expect(chip).toHaveAttribute('title', new RegExp(escape(longest)))
  expect(await truncated(chip.locator('.chip-name'))).toBe(true)
  const list = await page.locator('.speaker-chips').boundingBox()
  expect(list!.height, 'even with every chip shown, the transcript keeps most of the window').toBeLessThanOrEqual(viewport.height * 0.35)

  // A row spoken by that "speaker": its speaker cell is cut, with the full text on hover and in its name.
  const i = findIndex(doc, (k) => !isHeader(doc.entries[k]!) && field(doc, k, 'who') === longest, 'spoken by the longest speaker')
  await editor.scrollToRow(i)
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(`Speaker ${longest}`)
  await expect(editor.cell(i, 'who').locator('.speaker')).toHaveAttribute('title', new RegExp(`^${escape(longest)}`))
  expect(await truncated(editor.cell(i, 'who').locator('.speaker-name'))).toBe(true)

  // The speaker picker: the option is cut, its full text on hover and in its accessible name.
  await editor.select(i, 'who')
  await editor.press('Enter')
  const option = page.getByRole('option', { name: longest })
  await expect(option).toBeVisible()
  await expect(option).toHaveAttribute('title', longest)
  expect(await truncated(option.locator('.option-label'))).toBe(true)
  const options = (await page.getByRole('listbox', { name: 'Speakers' }).boundingBox())!
  expect(options.x + options.width, 'the picker stays inside the window').toBeLessThanOrEqual(viewport.width)
  await editor.press('Escape')

  // The rename dialog fits the window and names the chosen speaker in full.
  await chip.click()
  const dialog = page.getByRole('dialog', { name: 'Rename speaker' })
  await expect(dialog).toBeVisible()
  const box = (await dialog.boundingBox())!
  expect(box.x >= 0 && box.x + box.width <= viewport.width, 'the dialog fits the window').toBe(true)
  const from = dialog.getByLabel('Speaker', { exact: true })
  await expect(from).toHaveAttribute('title', longest)
  const fromBox = (await from.boundingBox())!
  expect(fromBox.x + fromBox.width, 'the speaker list stays inside the dialog').toBeLessThanOrEqual(box.x + box.width)
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
