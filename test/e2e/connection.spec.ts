import { parseEpisode } from '../../shared/episode/index'
import { lineIndex, TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

// Issue 7, item 11: the browser-mode server stops answering while the user edits.

test('a lost host: edits are kept, a lasting banner says so, and when it is back the draft is journalled', async ({ editor }) => {
  // Chromium logs each refused request as a console error.
  editor.allowedErrors.push(/ERR_CONNECTION_REFUSED|Failed to load resource/)
  const i = lineIndex(parseEpisode(await editor.original(TEAM)), 2)
  await editor.open(TEAM)
  await editor.page.route('**/api/**', (route) => route.abort('connectionrefused'))

  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('End')
  await editor.page.keyboard.type(' (typed offline)')
  await editor.press('Enter')
  const banner = editor.page.getByTestId('connection-banner')
  await expect(banner).toContainText('The editor lost its connection to the host')
  await expect(editor.cell(i, 'text')).toContainText('(typed offline)')

  await editor.press('Control+s')
  await expect(editor.page.getByTestId('notice')).toContainText('cannot reach its host')
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await expect(banner).toBeVisible()
  expect(await editor.draftCount()).toBe(0)

  await editor.page.unroute('**/api/**')
  await expect(banner).toBeHidden({ timeout: 15_000 })
  await expect.poll(() => editor.draftCount()).toBe(1)
  await expect(editor.cell(i, 'text')).toContainText('(typed offline)')
  await editor.save()
  expect(await editor.readDisk(TEAM)).toContain('(typed offline)')
})
