import { parseEpisode, setSpeaker, setTime } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, findIndex, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

// Issue 7, item 10: whatever was typed in a cell editor is committed on blur and before a save.

test('typing on a focused time cell keeps the first character (3:05, not :05)', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const i = lineIndex(parseEpisode(original), 2)
  await editor.open(TEAM)

  await editor.select(i, 'time')
  await editor.page.keyboard.type('3:05')
  await expect(editor.page.getByRole('textbox', { name: /^Time/ })).toHaveValue('3:05')
  await editor.press('Enter')
  await expect(editor.cell(i, 'time')).toHaveAccessibleName('Time 3:05')
})

test('clicking another cell applies the typed time', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 2)
  await editor.open(TEAM)

  await editor.select(i, 'time')
  await editor.press('Enter')
  await editor.page.getByRole('textbox', { name: /^Time/ }).fill('4:10')
  await editor.select(i + 1, 'text')
  await expect(editor.cell(i, 'time')).toHaveAccessibleName('Time 4:10')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setTime(d, i, '4:10'))
})

test('Ctrl+S with the time editor open saves the typed time', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const i = lineIndex(parseEpisode(original), 2)
  await editor.open(TEAM)

  await editor.select(i, 'time')
  await editor.press('Enter')
  await editor.page.getByRole('textbox', { name: /^Time/ }).fill('5:15')
  await editor.save()
  await expect(editor.page.getByTestId('notice')).not.toHaveText('No changes to save')
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setTime(d, i, '5:15'))
})

test('Ctrl+S and clicking away with the speaker picker open apply the typed speaker', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Dat', 'spoken by Dat')
  const j = findIndex(doc, (k) => k > i + 1 && field(doc, k, 'who') === 'Dat', 'a later line spoken by Dat')
  await editor.open(TEAM)

  await editor.select(i, 'who')
  await editor.page.keyboard.type('ale')
  await editor.press('Control+s')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Alexey')
  await expect(editor.saveState).toHaveText('Saved')
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setSpeaker(d, i, 'Alexey'))

  await editor.select(j, 'who')
  await editor.page.keyboard.type('Zoe')
  await editor.select(j, 'text')
  await expect(editor.cell(j, 'who')).toHaveAccessibleName('Speaker Zoe')
})
