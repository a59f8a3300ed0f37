import { parseEpisode, removeEntry, setSpeakers, speakerCounts } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, headerIndex, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('right-click on the selected rows assigns a speaker to all of them from "Assign speaker ▸"', async ({ editor, page }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const second = [...speakerCounts(doc).keys()][1]!
  const a = lineIndex(doc, 2)
  const b = a + 4
  await editor.open(TEAM)
  await editor.select(a, 'text')
  await editor.select(b, 'text', ['Shift'])
  await expect(page.locator('.status-position')).toContainText('5 rows selected')

  await editor.cell(a + 2, 'text').click({ button: 'right' })
  const menu = page.getByRole('menu', { name: 'Row actions' })
  await expect(menu).toBeVisible()
  // Right-clicking inside the selection keeps it.
  await expect(page.locator('.status-position')).toContainText('5 rows selected')
  await menu.getByRole('menuitem', { name: 'Assign speaker' }).click()
  const speakers = page.getByRole('menu', { name: 'Assign speaker' })
  await expect(speakers.getByRole('menuitem', { name: second })).toBeVisible()
  expect(await speakers.getByRole('menuitem').count()).toBeGreaterThanOrEqual(speakerCounts(doc).size)
  await speakers.getByRole('menuitem', { name: second }).click()
  await expect(menu).toBeHidden()
  for (let k = a; k <= b; k++) {
    const header = doc.entries[k]!.pairs.some(([key]) => key === 'header')
    if (!header) await expect(editor.cell(k, 'who')).toHaveAccessibleName(`Speaker ${second}`)
  }
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setSpeakers(d, [a, a + 1, a + 2, a + 3, a + 4], second))
})

test('the row menu works from the keyboard (Shift+F10, ContextMenu key) with ARIA menu roles', async ({ editor, page }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const h = headerIndex(doc, 3)
  const i = lineIndex(doc, h + 1)
  await editor.open(TEAM)

  // Shift+F10 on a line: the menu opens with its first item focused; → opens the speakers.
  await editor.select(i + 1, 'text')
  await editor.press('Shift+F10')
  const menu = page.getByRole('menu', { name: 'Row actions' })
  const assign = menu.getByRole('menuitem', { name: 'Assign speaker' })
  await expect(assign).toBeFocused()
  await expect(assign).toHaveAttribute('aria-haspopup', 'menu')
  await expect(menu.getByRole('menuitem', { name: 'Merge into the line above' })).toBeVisible()
  await expect(menu.getByRole('menuitem', { name: 'Delete section' })).toHaveCount(0)
  await editor.press('ArrowRight')
  await expect(assign).toHaveAttribute('aria-expanded', 'true')
  const speakers = page.getByRole('menu', { name: 'Assign speaker' })
  await expect(speakers.getByRole('menuitem').first()).toBeFocused()
  await editor.press('ArrowLeft')
  await expect(assign).toBeFocused()
  await expect(speakers).toBeHidden()
  // Escape closes the menu and gives focus back to the cell.
  await editor.press('Escape')
  await expect(menu).toBeHidden()
  await expect(editor.cell(i + 1, 'text')).toBeFocused()

  // The ContextMenu key on a section header offers its actions; Enter runs one.
  await editor.select(h, 'text')
  await editor.press('ContextMenu')
  await expect(menu).toBeVisible()
  await expect(menu.getByRole('menuitem', { name: 'Merge into the line above' })).toHaveCount(0)
  for (let k = 0; k < 8; k++) {
    if (await menu.getByRole('menuitem', { name: 'Delete section' }).evaluate((el) => el === document.activeElement)) break
    await editor.press('ArrowDown')
  }
  await expect(menu.getByRole('menuitem', { name: 'Delete section' })).toBeFocused()
  await editor.press('Enter')
  await expect(menu).toBeHidden()
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => removeEntry(d, h))
})
