import { parseEpisode } from '../../shared/episode/index'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('find across lines, speakers and headers with a match count and next/previous', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  let expected = 0
  for (const e of doc.entries) {
    for (const [k, v] of e.pairs) if ((k === 'line' || k === 'who' || k === 'header') && typeof v === 'string') expected += v.toLowerCase().split('alexey').length - 1
  }
  await editor.open(TEAM)
  await editor.select(0, 'text')
  await editor.press('Control+f')
  const input = editor.page.getByRole('searchbox', { name: 'Find in this episode' })
  await expect(input).toBeFocused()
  await input.fill('alexey')
  await expect(editor.page.getByTestId('find-count')).toHaveText(`${expected} matches`)
  await editor.press('Enter')
  await expect(editor.page.getByTestId('find-count')).toHaveText(`1 of ${expected}`)
  await editor.press('Enter')
  await expect(editor.page.getByTestId('find-count')).toHaveText(`2 of ${expected}`)
  await editor.press('Shift+Enter')
  await expect(editor.page.getByTestId('find-count')).toHaveText(`1 of ${expected}`)
  await expect(editor.grid.locator('mark').first()).toHaveText(/alexey/i)
  await editor.press('Escape')
  await expect(input).toBeHidden()
})

test('the shortcut overlay lists the shortcut map (F1)', async ({ editor }) => {
  await editor.open(TEAM)
  await editor.press('F1')
  const dialog = editor.page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toContainText('Insert a section header above the row')
  await expect(dialog).toContainText('Alt+Shift+H')
  await expect(dialog).toContainText('Find and replace in this episode')
  await expect(dialog).toContainText('Search all episodes of the folder')
  await editor.press('Escape')
  await expect(dialog).toBeHidden()
})
