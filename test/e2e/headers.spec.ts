import { insertHeader, moveEntry, parseEpisode, removeEntry, setHeader } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, headerIndex, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('insert a section header above the current row (Alt+Shift+H), undo, redo, save', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 6)
  await editor.open(TEAM)

  await editor.select(i, 'text')
  await editor.press('Alt+Shift+h')
  await expect(editor.textEditor).toBeFocused()
  await editor.page.keyboard.type('Opening remarks')
  await editor.press('Enter')
  await expect(editor.cell(i, 'text')).toHaveAccessibleName('Section Opening remarks')
  await expect(editor.page.getByRole('tabpanel')).toContainText('Opening remarks')

  // Two steps: typing the name, then inserting the header.
  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveAccessibleName('Section New section')
  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(field(doc, i, 'line'))
  await editor.press('Control+Shift+z')
  await editor.press('Control+Shift+z')
  await expect(editor.cell(i, 'text')).toHaveAccessibleName('Section Opening remarks')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => insertHeader(d, i, 'Opening remarks'))
})

test('edit a section header in place', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const h = headerIndex(doc, 3)
  await editor.open(TEAM)

  await editor.select(h, 'text')
  await editor.press('Enter')
  await editor.press('Control+a')
  await editor.page.keyboard.type('Early years')
  await editor.press('Enter')
  await expect(editor.cell(h, 'text')).toHaveAccessibleName('Section Early years')
  await editor.press('Control+z')
  await expect(editor.cell(h, 'text')).toHaveAccessibleName(`Section ${field(doc, h, 'header')}`)
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setHeader(d, h, 'Early years'))
})

test('delete a section header', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const h = headerIndex(doc, 3)
  await editor.open(TEAM)

  await editor.select(h, 'text')
  await editor.press('Delete')
  await expect(editor.cell(h, 'text')).toHaveText(field(doc, h + 1, 'line'))
  await editor.press('Control+z')
  await expect(editor.cell(h, 'text')).toHaveAccessibleName(`Section ${field(doc, h, 'header')}`)
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => removeEntry(d, h))
})

test('move a section header down and up with Alt+arrows and the row buttons', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const h = headerIndex(doc, 3)
  const title = field(doc, h, 'header')
  await editor.open(TEAM)

  await editor.select(h, 'text')
  await editor.press('Alt+ArrowDown')
  await editor.press('Alt+ArrowDown')
  await expect(editor.cell(h + 2, 'text')).toHaveAccessibleName(`Section ${title}`)
  await expect(editor.cell(h + 2, 'text')).toBeFocused()
  await editor.row(h + 2).getByRole('button', { name: 'Move section up' }).click()
  await expect(editor.cell(h + 1, 'text')).toHaveAccessibleName(`Section ${title}`)

  await editor.press('Control+z')
  await expect(editor.cell(h + 2, 'text')).toHaveAccessibleName(`Section ${title}`)
  await editor.press('Control+Shift+z')
  await expect(editor.cell(h + 1, 'text')).toHaveAccessibleName(`Section ${title}`)

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => moveEntry(d, h, h + 1))
})
