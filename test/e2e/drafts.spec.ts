import { parseEpisode } from '../../shared/episode/index'
import { LARGEST, field, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import type { EditorPage } from './helpers/editor-page'

/** Appends `words` to a row's text and commits it with Enter, as the new user did. */
async function typeAtEnd(editor: EditorPage, index: number, words: string): Promise<void> {
  await editor.select(index, 'text')
  await editor.press('Enter')
  await editor.press('Control+End')
  await editor.page.keyboard.type(words)
  await editor.press('Enter')
}

/** Reloads at once, answering the browser's "Leave site?" prompt with Leave. */
async function reloadNow(editor: EditorPage): Promise<void> {
  editor.page.on('dialog', (dialog) => void dialog.accept())
  await editor.page.waitForTimeout(100)
  await editor.page.reload()
  await expect(editor.page.getByRole('navigation', { name: 'Episodes' })).toBeVisible()
}

test('an edit made just before a reload is kept as a draft and offered back (the largest episode)', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = lineIndex(doc, 3)
  await editor.open(LARGEST)
  await typeAtEnd(editor, i, ' QUICKRELOAD')
  await reloadNow(editor)
  await editor.episodeButton(LARGEST).click()
  const banner = editor.page.getByRole('alert').filter({ hasText: 'Unsaved changes were recovered' })
  await expect(banner).toBeVisible()
  await banner.getByRole('button', { name: 'Restore draft' }).click()
  await expect(editor.cell(i, 'text')).toHaveText(`${field(doc, i, 'line')} QUICKRELOAD`)
})
