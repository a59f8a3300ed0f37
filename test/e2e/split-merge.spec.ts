import { mergeWithPrevious, parseEpisode, type Episode, removeEntry, setLine, splitLine } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { LARGEST, TEAM, field, findIndex, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import type { EditorPage } from './helpers/editor-page'

test('split a line at the cursor with Alt+Enter: the new row keeps the speaker, time interpolated', async ({ editor }) => {
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
  await editor.press('Alt+Enter')
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

test('Enter in the middle of a line commits the typing and moves down, as in a spreadsheet; it does not split', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'line').length > 40 && field(doc, k + 1, 'line') !== '', 'a long line before a line')
  const text = field(doc, i, 'line')
  const rows = doc.entries.length
  await editor.open(TEAM)

  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('Control+Home')
  for (let k = 0; k < 10; k++) await editor.press('ArrowRight')
  await editor.page.keyboard.type('X')
  await editor.press('Enter')
  await expect(editor.textEditor).toHaveCount(0)
  await expect(editor.cell(i, 'text')).toHaveText(text.slice(0, 10) + 'X' + text.slice(10))
  await expect(editor.row(i + 1)).toHaveClass(/cursor-row/)
  await expect(editor.grid.locator('[role="row"][aria-rowindex]').last()).toBeVisible()
  await editor.save()
  expect(parseEpisode(await editor.readDisk(TEAM)).entries.length).toBe(rows)
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setLine(d, i, text.slice(0, 10) + 'X' + text.slice(10)))
})

test('split next to punctuation, then merge back: the original text, no added space', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const i = lineIndex(parseEpisode(original), 2)
  const text = 'First part.Second part, and more'
  await editor.open(TEAM)

  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('Control+a')
  await editor.page.keyboard.type(text)
  await editor.press('Control+Home')
  for (let k = 0; k < 'First part.'.length; k++) await editor.press('ArrowRight')
  await editor.press('Control+Shift+Enter')
  await expect(editor.cell(i + 1, 'text')).toHaveText('Second part, and more')
  await editor.press('Escape')
  await editor.press('Control+Backspace')
  await expect(editor.cell(i, 'text')).toHaveText(text)
})

/** Opens the team episode with the cursor on the text of a line whose speaker differs from the line above's. */
async function selectLineAfterOtherSpeaker(editor: EditorPage): Promise<{ doc: Episode; i: number }> {
  const doc = parseEpisode(await editor.original(TEAM))
  const i = findIndex(doc, (k) => k > 0 && field(doc, k, 'who') !== '' && field(doc, k - 1, 'who') !== '' && field(doc, k, 'who') !== field(doc, k - 1, 'who'), 'a line after a line of another speaker')
  await editor.open(TEAM)
  await editor.select(i, 'text')
  return { doc, i }
}

test('merging two speakers’ lines says whose words changed speaker', async ({ editor }) => {
  const { doc, i } = await selectLineAfterOtherSpeaker(editor)
  await editor.press('Control+Backspace')
  await expect(editor.page.getByTestId('notice')).toContainText(`${field(doc, i, 'who')}'s words are now ${field(doc, i - 1, 'who')}'s`)
})

test('Backspace at the start of a line does not merge it into another speaker\'s line; it says why and how to merge anyway', async ({ editor }) => {
  const { doc, i } = await selectLineAfterOtherSpeaker(editor)
  await editor.press('Enter')
  await editor.press('Control+Home')
  await editor.press('Backspace')
  await expect(editor.page.getByTestId('notice')).toContainText(`Not merged: the line above is ${field(doc, i - 1, 'who')}'s and this one is ${field(doc, i, 'who')}'s`)
  await expect(editor.page.getByTestId('notice')).toContainText('Merge up (Ctrl+Backspace)')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Escape')
  await expect(editor.cell(i - 1, 'text')).toHaveText(field(doc, i - 1, 'line'))
  await expect(editor.cell(i, 'text')).toHaveText(field(doc, i, 'line'))
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(`Speaker ${field(doc, i, 'who')}`)
})

test('split has its own key, shown in the shortcuts overlay and the toolbar tooltip', async ({ editor }) => {
  await editor.open(TEAM)
  await expect(editor.page.getByRole('button', { name: 'Split' })).toHaveAttribute('title', 'Split (Ctrl+Shift+Enter)')
  await editor.press('F1')
  const dialog = editor.page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  const row = dialog.locator('.help-row').filter({ hasText: 'Split the line at the cursor' })
  await expect(row).toContainText('Ctrl+Shift+Enter')
  await expect(row).toContainText('Alt+Enter')
  await expect(dialog.locator('.help-row').filter({ hasText: 'Apply and stop editing' })).toContainText('Enter')
})

test('delete a duplicated line with the Delete key: it goes as one undo step, and the file loses only its lines', async ({ editor, page }) => {
  const original = await editor.original(LARGEST)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => k > 0 && field(doc, k, 'line') !== '' && field(doc, k, 'line') === field(doc, k - 1, 'line'), 'a line repeating the one above')
  const next = field(doc, i + 1, 'line') || field(doc, i + 1, 'header')
  await editor.open(LARGEST)
  await editor.select(i, 'text')
  await editor.press('Delete')
  await expect(page.getByRole('status').filter({ hasText: 'Deleted 1 line' })).toContainText('Ctrl+Z brings it back')
  await expect(editor.cell(i, 'text')).toContainText(next.slice(0, 40))
  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(field(doc, i, 'line'))
  await editor.press('Control+Shift+z')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(LARGEST), (d) => removeEntry(d, i))
})
