import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatChapterList, parseChapterList, placeChapters, sectionsAsChapters, syncChapterCopies } from '../../shared/chapters/index'
import { parseEpisode, serializeEpisode } from '../../shared/episode/index'
import { formatTime } from '../../shared/episode/time'
import { fixTypography } from '../../shared/typography/typography-lint'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

/** TEAM's own chapter list from the site (a copy of the corpus's, kept with the tests). */
const TEAM_LIST = readFileSync(join(import.meta.dirname, '../fixtures/podcast-timestamps/s01e03-building-ds-team.txt'), 'utf8')

/** Lines of `a` that `b` lacks, as a multiset (a line diff without the order). */
function linesOnlyIn(a: string, b: string): string[] {
  const rest = new Map<string, number>()
  for (const line of b.split('\n')) rest.set(line, (rest.get(line) ?? 0) + 1)
  return a.split('\n').filter((line) => {
    const n = rest.get(line) ?? 0
    if (n === 0) return true
    rest.set(line, n - 1)
    return false
  })
}

test('replace sections from a pasted chapter list: unreadable lines, preview marks, apply as one step, undo, redo, save', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  // The episode's list with chapter 2 renamed, chapter 3 dropped and a new chapter at 5:00.
  const lines = TEAM_LIST.trimEnd().split('\n')
  const edited = [lines[0]!, '00:02:06 The guest in brief', ...lines.slice(3, 5), '00:05:00 A new chapter', ...lines.slice(5)].join('\n')
  const chapters = parseChapterList(edited).chapters
  const placed = placeChapters(doc, chapters)
  const kinds = placed.changes.map((c) => c.kind)
  expect(kinds, 'the edited list renames, removes and adds sections').toEqual(expect.arrayContaining(['renamed', 'removed', 'added', 'kept']))

  await editor.open(TEAM)
  const page = editor.page
  await editor.press('Alt+i')
  const dialog = page.getByRole('dialog', { name: 'Replace sections from chapter list' })
  await expect(dialog).toBeVisible()
  const apply = dialog.getByRole('button', { name: 'Apply' })

  // A line that is not a chapter is reported with its number, and nothing can be applied.
  await dialog.getByLabel(/Chapter list/).fill(`${lines[0]}\nnot a chapter at all\n${lines[1]}`)
  await expect(dialog.getByRole('list', { name: 'Lines that are not chapters' })).toContainText('Line 2: “not a chapter at all”')
  await expect(apply).toBeDisabled()

  await dialog.getByLabel(/Chapter list/).fill(edited)
  const rows = dialog.getByTestId('chapter-preview').locator('li')
  await expect(rows).toHaveCount(kinds.length)
  expect(await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(kinds)
  const renamed = dialog.locator('[data-kind="renamed"]')
  await expect(renamed).toContainText('The guest in brief')
  await expect(renamed).toContainText('was “Guest Overview & Career Snapshot”')
  const added = placed.changes.find((c) => c.kind === 'added')!
  const before = placed.doc.entries[added.before!.entry]!
  await expect(dialog.locator('[data-kind="added"]')).toContainText(`before ${formatTime(added.before!.sec!)} `)
  await expect(dialog.locator('[data-kind="added"]')).toContainText(`“${String(before.pairs.find(([k]) => k === 'line')![1]).split(/\s+/)[0]}`)
  await apply.click()
  await expect(dialog).toBeHidden()

  const outline = page.getByRole('tabpanel')
  await expect(outline).toContainText('The guest in brief')
  await expect(outline).toContainText('A new chapter')
  await expect(editor.saveState).not.toHaveText('Saved')

  // One undo step takes the whole list back, one redo brings it again.
  await editor.press('Control+z')
  await expect(outline).toContainText('Guest Overview & Career Snapshot')
  await expect(outline).not.toContainText('A new chapter')
  await editor.press('Control+Shift+z')
  await expect(outline).toContainText('A new chapter')

  await editor.save()
  const onDisk = await editor.readDisk(TEAM)
  expectSavedEdit(original, onDisk, (d) => placeChapters(d, chapters).doc)
  const changed = [...linesOnlyIn(original, onDisk), ...linesOnlyIn(onDisk, original)]
  expect(changed.length).toBeGreaterThan(0)
  for (const line of changed) expect(line, 'only header lines change').toMatch(/^- header: /)
})

test('the episode’s own chapter list changes nothing', async ({ editor }) => {
  await editor.open(TEAM)
  await editor.press('Alt+i')
  const dialog = editor.page.getByRole('dialog', { name: 'Replace sections from chapter list' })
  await dialog.getByLabel(/Chapter list/).fill(TEAM_LIST)
  await expect(dialog.getByTestId('chapter-status')).toContainText('already match')
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled()
  expect(await dialog.locator('[data-kind]').evaluateAll((els) => els.every((el) => el.getAttribute('data-kind') === 'kept'))).toBe(true)
})

test('export sections as the site’s and YouTube’s chapter lists', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const chapters = sectionsAsChapters(doc)
  await editor.open(TEAM)
  await editor.press('Alt+Shift+E')
  const dialog = editor.page.getByRole('dialog', { name: 'Export sections as a chapter list' })
  const site = dialog.getByLabel('Site (podcast-timestamps/)')
  const youtube = dialog.getByLabel('YouTube description')
  await expect(site).toHaveValue(formatChapterList(chapters, 'site'))
  await expect(youtube).toHaveValue(formatChapterList(chapters, 'youtube'))
  expect((await site.inputValue()).split('\n')[1]).toBe('00:02:06 Guest Overview & Career Snapshot')
  expect((await youtube.inputValue()).split('\n')[1]).toBe('2:06 Guest Overview & Career Snapshot')
  await expect(dialog.getByRole('button', { name: 'Copy site list' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Copy YouTube list' })).toBeVisible()
})

test('sync clips and duration from the sections: one undo step, and the saved file changes only there', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const expected = syncChapterCopies(parseEpisode(original)).text
  expect(expected, 'the fixture has clips or a duration out of step').not.toBe(original)

  await editor.open(TEAM)
  await editor.page.getByRole('button', { name: 'Sync clips' }).click()
  await expect(editor.page.getByTestId('notice')).toContainText('rewritten from the sections')
  await expect(editor.saveState).not.toHaveText('Saved')
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')
  await editor.save()

  const onDisk = await editor.readDisk(TEAM)
  expect(onDisk).toBe(expected)
  // Outside the duration line and the quotableClips block, not a byte changed.
  const strip = (text: string) => text.replace(/^duration: .*\n/m, '').replace(/^quotableClips:\n(?:[ -].*\n)*/m, '')
  expect(strip(onDisk)).toBe(strip(original))
  expect(serializeEpisode(parseEpisode(onDisk))).toBe(onDisk)
})

test('fix typography in the episode: one undo step that says how many entries changed', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const fixed = fixTypography(parseEpisode(original))
  expect(fixed.count, 'the fixture has typography to fix').toBeGreaterThan(1)

  await editor.open(TEAM)
  await editor.page.getByRole('button', { name: 'Typography' }).click()
  // The message goes on to say what changed in how many (settings-fixes.spec.ts checks that part).
  await expect(editor.page.getByTestId('notice')).toHaveText(new RegExp(`^Typography fixed in ${fixed.count} entries: `))
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => fixTypography(d).doc)
})

test('offers the episode’s own list from the site checkout’s podcast-timestamps/', async ({ editor, workspace }) => {
  const folder = join(workspace.dir, '..', 'podcast-timestamps')
  await mkdir(folder)
  await writeFile(join(folder, 's01e03-building-ds-team.txt'), TEAM_LIST)
  await editor.open(TEAM)
  await editor.press('Alt+i')
  const dialog = editor.page.getByRole('dialog', { name: 'Replace sections from chapter list' })
  await expect(dialog).toContainText('s01e03-building-ds-team.txt')
  await dialog.getByRole('button', { name: 'Use the episode’s list' }).click()
  await expect(dialog.getByLabel(/Chapter list/)).toHaveValue(TEAM_LIST)
  await expect(dialog.getByTestId('chapter-status')).toContainText('already match')
  await editor.press('Escape')

  // Export takes the starts of sections that share a line from the list.
  await editor.press('Alt+Shift+E')
  const exported = editor.page.getByRole('dialog', { name: 'Export sections as a chapter list' })
  await expect(exported.getByLabel('Site (podcast-timestamps/)')).toHaveValue(formatChapterList(sectionsAsChapters(parseEpisode(await editor.original(TEAM)), parseChapterList(TEAM_LIST).chapters), 'site'))
  expect((await exported.getByLabel('Site (podcast-timestamps/)').inputValue()).split('\n')[0]).toBe('00:00:00 Podcast Introduction')
})

test('sync clips with the episode’s own list keeps the starts the list gives', async ({ editor, workspace }) => {
  const folder = join(workspace.dir, '..', 'podcast-timestamps')
  await mkdir(folder)
  await writeFile(join(folder, 's01e03-building-ds-team.txt'), TEAM_LIST)
  const original = await editor.original(TEAM)
  const expected = syncChapterCopies(parseEpisode(original), parseChapterList(TEAM_LIST).chapters).text
  expect(expected, 'with the list, the first clip still starts at 0').toContain('startOffset: 0\n')
  expect(syncChapterCopies(parseEpisode(original)).text, 'without it, it would not').not.toBe(expected)

  await editor.open(TEAM)
  await editor.page.getByRole('button', { name: 'Sync clips' }).click()
  await expect(editor.page.getByTestId('notice')).toContainText('section starts from s01e03-building-ds-team.txt')
  await editor.save()
  expect(await editor.readDisk(TEAM)).toBe(expected)
})

test('says why the episode’s own list is not offered outside a site checkout', async ({ editor }) => {
  await editor.open(TEAM)
  await editor.press('Alt+i')
  const dialog = editor.page.getByRole('dialog', { name: 'Replace sections from chapter list' })
  await expect(dialog.getByTestId('chapter-own-reason')).toContainText('no podcast-timestamps/ folder')
  await expect(dialog.getByRole('button', { name: 'Use the episode’s list' })).toHaveCount(0)
})
