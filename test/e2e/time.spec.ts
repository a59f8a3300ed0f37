import { parseEpisode, setTime } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { KUBEFLOW, TEAM, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('edit a row’s time as text; a time that goes backwards is flagged; undo, redo, save', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 2)
  const next = lineIndex(doc, i + 1)
  await editor.open(TEAM)

  await editor.select(i, 'time')
  await editor.press('Enter')
  const input = editor.page.getByRole('textbox', { name: /^Time/ })
  await expect(input).toBeFocused()
  await editor.page.keyboard.type('not a time')
  await editor.press('Enter')
  await expect(editor.page.getByRole('alert').filter({ hasText: 'is not a time' })).toBeVisible()
  await input.fill('62:31')
  await editor.press('Enter')
  await expect(editor.cell(i, 'time')).toHaveAccessibleName('Time 1:02:31')
  // The next line now starts before this one: flagged on its time cell and in the problems panel.
  await expect(editor.cell(next, 'time')).toHaveClass(/flagged/)
  await editor.page.getByRole('tab', { name: /Problems/ }).click()
  await expect(editor.page.getByRole('tabpanel')).toContainText('Time goes backwards')

  await editor.press('Control+z')
  await expect(editor.cell(next, 'time')).not.toHaveClass(/flagged/)
  await editor.press('Control+Shift+z')
  await expect(editor.cell(i, 'time')).toHaveAccessibleName('Time 1:02:31')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setTime(d, i, '62:31'))
})

test('clicking a problem jumps to its row', async ({ editor }) => {
  await editor.open(KUBEFLOW)
  await editor.page.getByRole('button', { name: /problems; show them/ }).click()
  const first = editor.page.locator('.problem-item').first()
  const where = (await first.locator('.problem-where').textContent())!
  const row = Number(/Row (\d+)/.exec(where)![1])
  await first.click()
  await expect(editor.row(row - 1)).toHaveClass(/cursor-row/)
  await expect(editor.row(row - 1).locator('.cell.cursor')).toBeFocused()
})
