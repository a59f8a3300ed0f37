import { parseEpisode, setLine } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('menu commands from the host (save, undo, redo, find, close) act like their shortcuts', async ({ editor, workspace }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 3)
  const menu = (command: 'save' | 'undo' | 'redo' | 'find' | 'close') => workspace.server.services.emitEvent({ type: 'menu', command })
  await editor.open(TEAM)
  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' From the menu.')
  await editor.press('Enter')

  menu('undo')
  await expect(editor.cell(i, 'text')).toHaveText(field(doc, i, 'line'))
  menu('redo')
  await expect(editor.cell(i, 'text')).toHaveText(`${field(doc, i, 'line')} From the menu.`)
  menu('save')
  await expect(editor.saveState).toHaveText('Saved')
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setLine(d, i, `${field(doc, i, 'line')} From the menu.`))

  menu('find')
  await expect(editor.page.getByRole('searchbox', { name: 'Find in this episode' })).toBeFocused()
  menu('close')
  await expect(editor.grid).toBeHidden()
  await expect(editor.page.getByText('Choose an episode from the list.')).toBeVisible()
})
