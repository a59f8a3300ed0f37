import { mkdir, realpath, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { contentHash } from '../../electron/host/content-hash'
import { parseEpisode } from '../../shared/episode/index'
import { LARGEST, TEAM, field, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import type { EditorPage } from './helpers/editor-page'

/** What the episode list says of an episode whose unsaved changes the host kept as a draft. */
const DRAFT_MARK = 'Unsaved changes kept from last time: open to recover them'

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

test('the episode list marks an episode with a recovery draft until the draft is discarded', async ({ editor, page }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = lineIndex(doc, 3)
  await editor.open(LARGEST)
  const mark = editor.episodeButton(LARGEST).getByTitle(DRAFT_MARK)
  await expect(mark).toHaveCount(0)
  await typeAtEnd(editor, i, ' Kept words.')
  await reloadNow(editor)
  // Nothing is open after the reload: the list tells which episode holds unsaved work.
  await expect(mark).toBeVisible()
  await expect(editor.episodeButton(LARGEST)).toContainText(DRAFT_MARK)
  // The empty pane beside the list says so too, and how to get the changes back.
  await expect(page.getByRole('main')).toContainText('Unsaved changes from last time are kept for 1 episode, marked in the list: open it to recover them.')
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.screenshot({ path: test.info().outputPath('draft-mark-1024.png') })
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: test.info().outputPath('draft-mark-1024-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })
  await editor.episodeButton(LARGEST).click()
  const banner = page.getByRole('alert').filter({ hasText: 'Unsaved changes were recovered' })
  await banner.getByRole('button', { name: 'Discard it' }).click()
  await expect(banner).toBeHidden()
  // Closed again, the episode holds no draft, and the list says none.
  await editor.press('Control+w')
  await expect(editor.grid).toBeHidden()
  await expect(editor.episodeButton(LARGEST)).toBeVisible()
  await expect(mark).toHaveCount(0)
  await expect.poll(() => editor.draftCount()).toBe(0)
  await page.reload()
  await expect(editor.episodeButton(LARGEST)).toBeVisible()
  await expect(mark).toHaveCount(0)
})

test('a restored draft that is saved leaves no mark in the list', async ({ editor, page }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = lineIndex(doc, 3)
  await editor.open(LARGEST)
  await typeAtEnd(editor, i, ' Saved later.')
  await reloadNow(editor)
  const mark = editor.episodeButton(LARGEST).getByTitle(DRAFT_MARK)
  await expect(mark).toBeVisible()
  await editor.episodeButton(LARGEST).click()
  await page.getByRole('alert').getByRole('button', { name: 'Restore draft' }).click()
  await editor.save()
  await editor.press('Control+w')
  await expect(editor.grid).toBeHidden()
  await expect(mark).toHaveCount(0)
  await page.reload()
  await expect(editor.episodeButton(LARGEST)).toBeVisible()
  await expect(mark).toHaveCount(0)
})

test('a draft that cannot be read leaves the other marks in the list, and a notice names its episode', async ({ editor, page }) => {
  // Kept by an earlier run: a good draft of one episode, and in place of another's a folder, which cannot be read.
  const drafts = join(editor.workspace.dataDir, 'drafts')
  await mkdir(drafts, { recursive: true })
  const draftFile = async (file: string) => join(drafts, `${contentHash(await realpath(editor.path(file)))}.json`)
  const good = await realpath(editor.path(LARGEST))
  await writeFile(await draftFile(LARGEST), JSON.stringify({ path: good, savedAt: Date.now(), text: `${await editor.readDisk(LARGEST)}\n` }))
  await mkdir(await draftFile(TEAM))
  await editor.goto()
  await expect(editor.episodeButton(LARGEST).getByTitle(DRAFT_MARK)).toBeVisible()
  await expect(editor.episodeButton(TEAM).getByTitle(DRAFT_MARK)).toHaveCount(0)
  await expect(page.getByTestId('failure-banner')).toContainText(`could not be read for ${TEAM} (it is a folder)`)
})

test('a recovered draft stays recoverable after a save, and Restore asks before it replaces the saved work (Ctrl+Z brings it back)', async ({ editor, page }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = lineIndex(doc, 3)
  const j = lineIndex(doc, 5)
  await editor.open(LARGEST)
  await typeAtEnd(editor, i, ' FROM THE DRAFT')
  await reloadNow(editor)
  await editor.episodeButton(LARGEST).click()
  const banner = page.getByRole('alert').filter({ hasText: 'Unsaved changes were recovered' })
  await expect(banner).toBeVisible()
  await expect(banner).not.toContainText('since')

  await typeAtEnd(editor, j, ' SAVED SINCE')
  await editor.save()
  expect(await editor.readDisk(LARGEST)).toContain('SAVED SINCE')
  // The draft is not deleted by the save: it is the only copy of text the user has not discarded.
  await page.waitForTimeout(300)
  expect((await editor.draftTexts()).join('')).toContain('FROM THE DRAFT')
  await expect(banner).toContainText('You have edited or saved since: Restore replaces that work (Ctrl+Z undoes it)')

  await banner.getByRole('button', { name: 'Restore draft' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Replace your work with the draft?' })
  await expect(confirm).toBeVisible()
  await expect(confirm.getByRole('button', { name: 'Keep my work' })).toBeFocused()
  await page.screenshot({ path: test.info().outputPath('draft-confirm.png') })
  await expect(editor.cell(j, 'text')).toHaveText(`${field(doc, j, 'line')} SAVED SINCE`)
  await confirm.getByRole('button', { name: 'Keep my work' }).click()
  await expect(confirm).toBeHidden()
  await expect(banner).toBeVisible()
  await expect(editor.cell(j, 'text')).toHaveText(`${field(doc, j, 'line')} SAVED SINCE`)
  // Escape answers the question as Keep my work does.
  await banner.getByRole('button', { name: 'Restore draft' }).click()
  await expect(confirm).toBeVisible()
  await editor.press('Escape')
  await expect(confirm).toBeHidden()
  await expect(editor.cell(j, 'text')).toHaveText(`${field(doc, j, 'line')} SAVED SINCE`)

  await banner.getByRole('button', { name: 'Restore draft' }).click()
  await confirm.getByRole('button', { name: 'Replace with the draft' }).click()
  await expect(banner).toBeHidden()
  await expect(editor.cell(i, 'text')).toHaveText(`${field(doc, i, 'line')} FROM THE DRAFT`)
  await expect(editor.cell(j, 'text')).toHaveText(field(doc, j, 'line'))
  await expect(page.getByTestId('notice')).toContainText('Draft restored. Ctrl+Z brings the previous text back')
  await editor.press('Control+z')
  await expect(editor.cell(j, 'text')).toHaveText(`${field(doc, j, 'line')} SAVED SINCE`)
  await expect(editor.cell(i, 'text')).toHaveText(field(doc, i, 'line'))
})

test('a draft kept before the file changed on disk restores onto the file as it is now: the save keeps the other program’s line', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const edited = lineIndex(doc, 6)
  await editor.open(TEAM)
  await typeAtEnd(editor, edited, ' KEPTWORDS')
  await reloadNow(editor)
  // Another program (a git pull) changes an earlier line meanwhile.
  const pulledAt = doc.entries.findIndex((entry, i) => i < edited && /^- line: [^"'|>]/.test(entry.source?.text ?? ''))
  const source = doc.entries[pulledAt]!.source!.text
  const pulled = original.replace(source, source.replace(/\n/, ' PULLED\n'))
  await editor.writeDisk(TEAM, pulled)
  await editor.episodeButton(TEAM).click()
  const banner = editor.page.getByRole('alert').filter({ hasText: 'Unsaved changes were recovered' })
  await expect(banner).toContainText('The file has changed on disk since')
  await banner.getByRole('button', { name: 'Restore draft' }).click()
  await expect(editor.cell(edited, 'text')).toHaveText(`${field(doc, edited, 'line')} KEPTWORDS`)
  const after = parseEpisode(pulled)
  expect(field(after, pulledAt, 'line')).toContain('PULLED')
  await expect(editor.cell(pulledAt, 'text')).toHaveText(field(after, pulledAt, 'line'))
  await editor.press('Control+s')
  await expect(editor.saveState).toHaveText('Saved')
  // Only the restored entry differs from the file as the other program left it.
  const saved = parseEpisode(await editor.readDisk(TEAM))
  const differ = saved.entries.flatMap((entry, i) => (entry.source?.text === after.entries[i]?.source?.text ? [] : [i]))
  expect(differ).toEqual([edited])
})
