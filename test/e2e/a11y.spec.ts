import { parseEpisode } from '../../shared/episode/index'
import { LARGEST, TEAM, field, headerIndex, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('the transcript is an ARIA grid with named cells, header rows, selection state and a visible focus', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const h = headerIndex(doc)
  const i = lineIndex(doc, h)
  await editor.open(TEAM)
  await expect(editor.grid).toHaveAttribute('aria-multiselectable', 'true')
  await expect(editor.grid.getByRole('columnheader')).toHaveText(['Time', 'Speaker', 'Text'])
  await expect(editor.cell(h, 'text')).toHaveAccessibleName(`Section: ${field(doc, h, 'header')}`)
  await expect(editor.cell(i, 'time')).toHaveAccessibleName(`Time ${field(doc, i, 'time')}`)
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(`Speaker ${field(doc, i, 'who')}`)
  await expect(editor.cell(i, 'text')).toHaveAccessibleName(field(doc, i, 'line'))

  await editor.select(i, 'text')
  await editor.select(i + 2, 'text', ['Control'])
  await expect(editor.row(i)).toHaveAttribute('aria-selected', 'true')
  await expect(editor.row(i + 1)).toHaveAttribute('aria-selected', 'false')
  await expect(editor.row(i + 2)).toHaveAttribute('aria-selected', 'true')
  await expect(editor.page.locator('.status-position')).toContainText('2 rows selected')

  const focused = editor.cell(i + 2, 'text')
  await expect(focused).toBeFocused()
  const ring = await focused.evaluate((el) => getComputedStyle(el).boxShadow)
  expect(ring).not.toBe('none')

  // F6 leaves the grid for the next pane (Tab moves between cells inside it).
  await editor.press('F6')
  await expect(editor.page.locator('.side-panel .tab.active')).toBeFocused()
})

test('missing values are shown as marked empty cells, never "undefined"', async ({ editor }) => {
  await editor.open(LARGEST)
  await expect(editor.grid.getByRole('gridcell', { name: 'Time missing' }).first()).toContainText('no time')
  await expect(editor.grid.getByRole('gridcell', { name: 'Speaker missing' }).first()).toContainText('no speaker')
  await expect(editor.grid).not.toContainText('undefined')
})
