import { parseEpisode, serializeEpisode, setLine, setSpeaker, summarizeEpisode } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

test('the Save button writes through the host; only the touched entry changes on disk', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 3)
  await editor.open(TEAM)
  const save = editor.page.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Save' })
  await expect(save).toBeDisabled()
  await editor.select(i, 'who')
  await editor.press('Alt+2')
  await expect(save).toBeEnabled()
  await save.click()
  await expect(editor.saveState).toHaveText('Saved')
  const second = field(doc, i, 'who') === 'Dat' ? 'Alexey' : 'Dat'
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setSpeaker(d, i, second))
  // Saved state is the new base: undo makes it dirty again.
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Unsaved changes')
})

test('a save conflict is explained, shows the differences, and "keep mine" overwrites', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 3)
  const j = lineIndex(doc, i + 1)
  await editor.open(TEAM)
  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' (mine)')
  await editor.press('Escape')
  // Another program changes the file, and the banner appears; saving anyway hits the conflict.
  await editor.writeDisk(TEAM, serializeEpisode(setLine(doc, j, 'Their change.')))
  await expect(editor.page.getByTestId('disk-change-banner')).toBeVisible()
  await editor.press('Control+s')
  const dialog = editor.page.getByRole('dialog', { name: 'The file changed on disk' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('nothing was saved')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await dialog.getByRole('button', { name: 'Show differences' }).click()
  await expect(dialog.locator('.diff-line.removed')).toContainText(['Their change.'])
  await dialog.getByRole('button', { name: 'Keep mine' }).click()
  await expect(editor.saveState).toHaveText('Saved')
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setLine(d, i, `${field(doc, i, 'line')} (mine)`))
})

test('revert discards unsaved changes after asking', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const i = lineIndex(doc, 3)
  await editor.open(TEAM)
  await editor.select(i, 'who')
  await editor.press('Alt+2')
  await editor.page.getByRole('button', { name: 'Revert' }).click()
  await editor.page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click()
  await expect(editor.saveState).toHaveText('Saved')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(`Speaker ${field(doc, i, 'who')}`)
  expect(await editor.readDisk(TEAM)).toBe(await editor.original(TEAM))
})

test('switching episode with unsaved changes asks first', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const title = summarizeEpisode(doc).title!
  const other = summarizeEpisode(parseEpisode(await editor.original('crisp-dm.md'))).title!
  const i = lineIndex(doc, 3)
  await editor.open(TEAM)
  await editor.select(i, 'who')
  await editor.press('Alt+2')
  await editor.episodeButton('crisp-dm.md').click()
  const dialog = editor.page.getByRole('dialog', { name: 'Save changes?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(title)
  await editor.episodeButton('crisp-dm.md').click()
  await dialog.getByRole('button', { name: 'Don’t save' }).click()
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(other)
  expect(await editor.readDisk(TEAM)).toBe(await editor.original(TEAM))
})

test('unsaved work is journalled as a draft and offered back after a reload', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc, 3)
  await editor.open(TEAM)
  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' Draft words.')
  await editor.press('Escape')
  // Journalled within a few seconds of the last change, without saving (an earlier draft may hold
  // only part of the typing: wait for the whole of it).
  await expect.poll(() => editor.draftCount(), { timeout: 4000 }).toBe(1)
  await expect.poll(async () => (await editor.draftTexts()).some((t) => t.includes('Draft words.')), { timeout: 4000 }).toBe(true)
  await editor.page.reload()
  await editor.episodeButton(TEAM).click()
  const banner = editor.page.getByRole('alert').filter({ hasText: 'Unsaved changes were recovered' })
  await expect(banner).toBeVisible()
  // The offer shows what restoring would change: the file beside the draft.
  await banner.getByRole('button', { name: 'Show differences' }).click()
  const diff = editor.page.getByRole('dialog', { name: 'The file on disk → the recovered draft' })
  await expect(diff.locator('.diff-line.added').last()).toBeVisible()
  await expect(diff.locator('.diff-line.added')).toContainText([/Draft/])
  await expect(diff).toContainText('+ The draft')
  await diff.getByRole('button', { name: 'Close' }).click()
  await banner.getByRole('button', { name: 'Restore draft' }).click()
  await expect(editor.cell(i, 'text')).toHaveText(`${field(doc, i, 'line')} Draft words.`)
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => setLine(d, i, `${field(doc, i, 'line')} Draft words.`))
})

test('after a save, an edit leaves nothing saying "Saved": the header and the status line agree', async ({ editor }) => {
  const i = lineIndex(parseEpisode(await editor.original(TEAM)), 3)
  await editor.open(TEAM)
  await editor.select(i, 'who')
  await editor.press('Alt+2')
  await editor.save()
  await editor.press('Alt+1')
  await expect(editor.saveState).toHaveText('Unsaved changes')
  // Read once, not retried: a fading "Saved" notice would pass a retrying assertion.
  expect(await editor.page.getByTestId('notice').textContent()).not.toBe('Saved')
})
