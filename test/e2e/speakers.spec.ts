import { parseEpisode, renameSpeaker, setSpeaker, setSpeakers, speakerCounts, swapSpeakers } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { KUBEFLOW, TEAM, field, findIndex, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('reassign one row’s speaker with the picker’s type-ahead, undo, redo, save', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Dat', 'spoken by Dat')
  await editor.open(TEAM)

  await editor.select(i, 'who')
  await editor.press('Enter')
  const picker = editor.page.getByRole('combobox', { name: 'Speaker' })
  await expect(picker).toBeFocused()
  await expect(editor.page.getByRole('option')).toContainText(['Dat', 'Alexey'])
  await editor.page.keyboard.type('ale')
  await expect(editor.page.getByRole('option', { selected: true })).toContainText('Alexey')
  await editor.press('Enter')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Alexey')
  await expect(editor.cell(i, 'who')).toBeFocused()

  await editor.press('Control+z')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Dat')
  await editor.press('Control+y')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Alexey')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setSpeaker(d, i, 'Alexey'))
})

test('assign one speaker to several selected rows with Alt+2', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const second = [...speakerCounts(doc).keys()][1]!
  const a = lineIndex(doc, 2)
  const b = a + 4
  await editor.open(TEAM)

  await editor.select(a, 'text')
  await editor.select(b, 'text', ['Shift'])
  await expect(editor.page.locator('.status-position')).toContainText('5 rows selected')
  await editor.press('Alt+2')
  for (let k = a; k <= b; k++) {
    const header = doc.entries[k]!.pairs.some(([key]) => key === 'header')
    if (!header) await expect(editor.cell(k, 'who')).toHaveAccessibleName(`Speaker ${second}`)
  }
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setSpeakers(d, [a, a + 1, a + 2, a + 3, a + 4], second))
})

test('rename a speaker everywhere with a preview count', async ({ editor }) => {
  const original = await editor.original(KUBEFLOW)
  const doc = parseEpisode(original)
  const { count } = renameSpeaker(doc, 'Theo:', 'Theo')
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Theo:', 'spoken by Theo:')
  await editor.open(KUBEFLOW)

  await editor.select(i, 'who')
  await editor.press('Alt+r')
  const dialog = editor.page.getByRole('dialog', { name: 'Rename speaker' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('New name').fill('Theo')
  await expect(dialog.getByTestId('rename-preview')).toHaveText(`Rename “Theo:” to “Theo” in ${count} lines (merging into the existing speaker “Theo”).`)
  await dialog.getByRole('button', { name: `Rename in ${count} lines` }).click()
  await expect(dialog).toBeHidden()
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Theo')
  await expect(editor.cell(i, 'who')).toBeFocused()

  await editor.press('Control+z')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Theo:')
  await editor.press('Control+Shift+z')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Theo')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(KUBEFLOW), (d) => renameSpeaker(d, 'Theo:', 'Theo').doc)
})

test('swap two speakers within the selected rows', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const a = lineIndex(doc, 2)
  const indices = [a, a + 1, a + 2, a + 3]
  const expected = swapSpeakers(doc, indices, 'Dat', 'Alexey')
  await editor.open(TEAM)

  await editor.select(a, 'text')
  for (let k = 0; k < 3; k++) await editor.press('Shift+ArrowDown')
  await editor.press('Alt+s')
  const dialog = editor.page.getByRole('dialog', { name: 'Swap speakers in the selection' })
  await dialog.getByLabel('Speaker').selectOption('Dat')
  await dialog.getByLabel('with').selectOption('Alexey')
  await expect(dialog.getByTestId('swap-preview')).toContainText(`in ${expected.count} of the`)
  await dialog.getByRole('button', { name: /^Swap in/ }).click()
  await expect(dialog).toBeHidden()
  for (const k of indices) {
    const who = field(expected.doc, k, 'who')
    if (who) await expect(editor.cell(k, 'who')).toHaveAccessibleName(`Speaker ${who}`)
  }
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => swapSpeakers(d, indices, 'Dat', 'Alexey').doc)
})

test('Enter in the swap dialog confirms it', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const a = lineIndex(doc, 2)
  const indices = [a, a + 1, a + 2, a + 3]
  await editor.open(TEAM)

  await editor.select(a, 'text')
  for (let k = 0; k < 3; k++) await editor.press('Shift+ArrowDown')
  await editor.press('Alt+s')
  const dialog = editor.page.getByRole('dialog', { name: 'Swap speakers in the selection' })
  await dialog.getByLabel('Speaker').selectOption('Dat')
  await dialog.getByLabel('with').selectOption('Alexey')
  await dialog.getByLabel('with').focus()
  await editor.press('Enter')
  await expect(dialog).toBeHidden()
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => swapSpeakers(d, indices, 'Dat', 'Alexey').doc)
})
