import { parseEpisode, setLine } from '../../shared/episode/index'
import type { EditorPage } from './helpers/editor-page'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

/** Opens the team episode with its fourth line's text cell selected; its file text, index and text. */
async function selectFourthLine(editor: EditorPage) {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 3)
  const before = field(doc, i, 'line')
  await editor.open(TEAM)
  await editor.select(i, 'text')
  return { original, i, before }
}

test('edit a line’s text in the cell editor, undo and redo it, and save', async ({ editor }) => {
  const { original, i, before } = await selectFourthLine(editor)
  await editor.press('Enter')
  await expect(editor.textEditor).toBeFocused()
  await expect(editor.textEditor).toHaveAttribute('spellcheck', 'true')
  await editor.page.keyboard.type(' Fixed typo here.')
  // Enter applies what was typed (Esc would cancel it).
  await editor.press('Enter')
  await expect(editor.cell(i, 'text')).toHaveText(`${before} Fixed typo here.`)
  await expect(editor.saveState).toHaveText('Unsaved changes')

  // Typing in one cell is one undo step; undoing to the saved state clears the dirty mark.
  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(before)
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')
  await expect(editor.cell(i, 'text')).toHaveText(`${before} Fixed typo here.`)
  await expect(editor.saveState).toHaveText('Unsaved changes')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setLine(d, i, `${before} Fixed typo here.`))
})

test('arrow keys move between rows and cells; Tab moves to the next cell; double-click edits', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const i = lineIndex(doc, 3)
  await editor.open(TEAM)
  await editor.select(i, 'time')
  await expect(editor.cell(i, 'time')).toBeFocused()
  await editor.press('ArrowRight')
  await expect(editor.cell(i, 'who')).toBeFocused()
  await editor.press('Tab')
  await expect(editor.cell(i, 'text')).toBeFocused()
  await editor.press('ArrowDown')
  await expect(editor.row(i + 1).locator('[data-col="text"]')).toBeFocused()
  await editor.press('ArrowUp')
  await expect(editor.cell(i, 'text')).toBeFocused()
  await editor.cell(i, 'text').dblclick()
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Escape')
  await expect(editor.cell(i, 'text')).toBeFocused()
  await expect(editor.saveState).toHaveText('Saved')
})

test('Esc in a line’s text editor cancels the edit; the file stays as it was; Ctrl+Z brings the typed text back', async ({ editor }) => {
  const { original, i, before } = await selectFourthLine(editor)
  await editor.press('Enter')
  await expect(editor.textEditor).toBeFocused()
  await editor.page.keyboard.type(' Typed by mistake.')
  await expect(editor.textEditor).toHaveText(`${before} Typed by mistake.`)
  await editor.press('Escape')
  await expect(editor.textEditor).toHaveCount(0)
  await expect(editor.cell(i, 'text')).toHaveText(before)
  await expect(editor.cell(i, 'text')).toBeFocused()
  await expect(editor.page.getByTestId('notice')).toHaveText('Edit cancelled (Ctrl+Z brings it back)')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+s')
  await expect(editor.page.getByTestId('notice')).toHaveText('No changes to save')
  expect(await editor.readDisk(TEAM), 'the file is byte for byte the original').toBe(original)

  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(`${before} Typed by mistake.`)
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setLine(d, i, `${before} Typed by mistake.`))
})

test('Esc with nothing typed just closes the text editor: no notice, nothing to undo', async ({ editor }) => {
  const { i, before } = await selectFourthLine(editor)
  await editor.press('F2')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Escape')
  await expect(editor.cell(i, 'text')).toBeFocused()
  await expect(editor.page.getByTestId('notice')).toHaveText('')
  await editor.press('Control+z')
  await expect(editor.cell(i, 'text')).toHaveText(before)
  await expect(editor.saveState).toHaveText('Saved')
})
