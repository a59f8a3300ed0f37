import { mergeWithPrevious, parseEpisode, splitLine } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, findIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('split a line at the cursor with Enter: the new row keeps the speaker, time interpolated', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'line').length > 200 && field(doc, k, 'time') !== '', 'a long timed line')
  const text = field(doc, i, 'line')
  const offset = text.indexOf(' ', 60) + 1
  const expected = splitLine(doc, i, offset)
  await editor.open(TEAM)

  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('Control+Home')
  for (let k = 0; k < offset; k++) await editor.press('ArrowRight')
  await editor.press('Enter')
  await editor.press('Escape')
  await expect(editor.cell(i, 'text')).toHaveText(field(expected, i, 'line'))
  await expect(editor.cell(i + 1, 'text')).toHaveText(field(expected, i + 1, 'line'))
  await expect(editor.cell(i + 1, 'who')).toHaveAccessibleName(`Speaker ${field(doc, i, 'who')}`)
  await expect(editor.cell(i + 1, 'time')).toHaveAccessibleName(`Time ${field(expected, i + 1, 'time')}`)

  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(text)
  await editor.press('Control+Shift+z')
  await expect(editor.cell(i + 1, 'text')).toHaveText(field(expected, i + 1, 'line'))

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => splitLine(d, i, offset))
})

test('merge a row into the one above (Ctrl+Backspace, and Backspace at the start of the text)', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => k > 0 && field(doc, k, 'who') !== '' && field(doc, k, 'who') === field(doc, k - 1, 'who'), 'a line after a line of the same speaker')
  const merged = mergeWithPrevious(doc, i)
  await editor.open(TEAM)

  await editor.select(i, 'text')
  await editor.press('Control+Backspace')
  await expect(editor.cell(i - 1, 'text')).toHaveText(field(merged, i - 1, 'line'))
  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(field(doc, i, 'line'))

  // The same merge from inside the cell editor: Backspace with the caret at the start.
  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('Control+Home')
  await editor.press('Backspace')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Escape')
  await expect(editor.cell(i - 1, 'text')).toHaveText(field(merged, i - 1, 'line'))

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => mergeWithPrevious(d, i))
})
