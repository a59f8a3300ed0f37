import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { formatChapterList, parseChapterList, sectionsAsChapters } from '../../shared/chapters/index'
import { lintChapterCopies } from '../../shared/chapters/chapter-lint'
import { parseEpisode, requoteEntry } from '../../shared/episode/index'
import { fixTypography, lintTypography } from '../../shared/typography/typography-lint'
import { chapterCopiesLint } from '../../renderer/state/chapter-copies-lint'
import { problemsFor, type LintContext } from '../../renderer/state/problems'
import { axeScan } from './helpers/axe'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { hasSiteCorpus } from './helpers/workspace'

/** What the editor lints outside a site checkout: every rule, and the section copies without a chapter list. */
const outsideSite: LintContext = { disabled: new Set(), extra: [chapterCopiesLint(null)] }

/** Three unquoted values Jekyll misreads, in the first entries. */
const CRISP = 'crisp-dm.md'

test('a typography rule switched off in Settings leaves Problems, row markers and counts, and stays off after a reload', async ({ editor, workspace }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const all = problemsFor(doc, outsideSite)
  const mixed = all.filter((p) => p.code === 'typography-mixed-quotes')
  const onlyMixed = mixed.find((p) => all.filter((q) => q.entry === p.entry).length === 1)!
  expect(mixed.length).toBeGreaterThan(0)
  await editor.open(TEAM)
  const page = editor.page
  const tab = page.getByRole('tab', { name: /Problems/ })
  await expect(tab).toContainText(String(all.length))
  await tab.click()
  const panel = page.getByRole('tabpanel')
  await expect(panel).toContainText('Straight and curly')
  await editor.scrollToRow(onlyMixed.entry)
  await expect(editor.row(onlyMixed.entry)).toHaveClass(/has-problem/)

  await editor.press('Control+,')
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const toggle = dialog.getByRole('switch', { name: 'Straight and curly quotes mixed in one entry' })
  await expect(toggle).toBeChecked()
  await toggle.uncheck()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()

  const left = all.length - mixed.length
  await expect(tab).toContainText(String(left))
  await expect(panel).not.toContainText('Straight and curly')
  await expect(page.getByRole('button', { name: `${left} problems; show them` })).toBeVisible()
  await expect(editor.row(onlyMixed.entry)).not.toHaveClass(/has-problem/)
  expect(JSON.parse(await readFile(join(workspace.dataDir, 'settings.json'), 'utf8')).disabledRules).toEqual(['typography-mixed-quotes'])

  // A new page (as after a restart of the app) reads the settings from the host.
  await page.reload()
  await editor.open(TEAM)
  await expect(tab).toContainText(String(left))
  await editor.press('Control+,')
  await expect(dialog.getByRole('switch', { name: 'Straight and curly quotes mixed in one entry' })).not.toBeChecked()
  await expect(dialog.getByRole('switch', { name: 'Doubled spaces between words' })).toBeChecked()
})

test('Ctrl+. fixes the problem of the cursor row as one step; the saved file changes in that entry only', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const problems = problemsFor(doc, outsideSite)
  const target = problems.find((p) => p.code === 'typography-double-space' && problems.filter((q) => q.entry === p.entry && q.fix).length === 1)!
  await editor.open(TEAM)
  await editor.select(target.entry, 'text')
  await editor.press('Control+.')
  await expect(editor.page.getByTestId('notice')).toContainText(`Row ${target.entry + 1}: make doubled spaces single`)
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => fixTypography(d, new Set(['double-space']), [target.entry]).doc)
})

test('the Fix button of a problem quotes a value Jekyll misreads, changing only that entry on save', async ({ editor }) => {
  const original = await editor.original(CRISP)
  const target = problemsFor(parseEpisode(original), outsideSite).find((p) => p.code === 'ambiguous-value')!
  await editor.open(CRISP)
  await editor.page.getByRole('tab', { name: /Problems/ }).click()
  const fixes = editor.page.getByRole('button', { name: `Fix row ${target.entry + 1}: Quote the value (rewrites this entry)` })
  await fixes.first().click()
  await expect(editor.page.getByTestId('notice')).toContainText(`Row ${target.entry + 1}: quote the value`)
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(CRISP), (d) => requoteEntry(d, target.entry))
})

test('export refuses plainly to write a list outside a site checkout', async ({ editor }) => {
  editor.allowedErrors.push(/Failed to load resource: the server responded with a status of 403/)
  await editor.open(TEAM)
  await editor.press('Alt+Shift+E')
  const dialog = editor.page.getByRole('dialog', { name: 'Export sections as a chapter list' })
  await dialog.getByRole('button', { name: 'Write to podcast-timestamps/' }).click()
  await expect(dialog.getByTestId('chapter-written')).toHaveText(/^Not written: This episode is not in a site checkout/)
})

test.describe('on a site checkout', () => {
  test.skip(!hasSiteCorpus, 'needs the shared corpus’s site/ folders')
  test.use({ site: true })

  test('export writes the sections to the episode’s podcast-timestamps/ list, and the list no longer differs', async ({ editor, workspace }) => {
    const folder = join(workspace.dir, '..', 'podcast-timestamps')
    const listPath = join(folder, 's01e03-building-ds-team.txt')
    const doc = parseEpisode(await editor.original(TEAM))
    // The list on disk drifted from the sections: its second chapter was renamed.
    const list = parseChapterList(await readFile(listPath, 'utf8'))
    const drifted = formatChapterList(list.chapters.map((c, i) => (i === 1 ? { ...c, title: 'Someone else' } : c)), 'site')
    await writeFile(listPath, drifted)
    const copy = (text: string) => ({ name: 's01e03-building-ds-team.txt', chapters: parseChapterList(text).chapters })
    expect(lintChapterCopies(doc, copy(drifted)).map((p) => p.code)).toContain('chapter-list-mismatch')

    await editor.open(`_podcast/${TEAM}`)
    const page = editor.page
    await page.getByRole('tab', { name: /Problems/ }).click()
    const panel = page.getByRole('tabpanel')
    await expect(panel).toContainText('s01e03-building-ds-team.txt differs from the sections')
    // A slow host: the list (which gives the first sections their starts) answers late. What is shown
    // and written is the export with it, never one made before it came.
    await page.route('**/api/readChapterList', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500))
      await route.continue()
    })
    await editor.press('Alt+Shift+E')
    const dialog = page.getByRole('dialog', { name: 'Export sections as a chapter list' })
    await dialog.getByRole('button', { name: 'Write to podcast-timestamps/' }).click()
    await expect(dialog.getByTestId('chapter-written')).toHaveText('Written to podcast-timestamps/s01e03-building-ds-team.txt.')
    const written = await readFile(listPath, 'utf8')
    expect(written, 'the export with the list’s starts').toBe(formatChapterList(sectionsAsChapters(doc, parseChapterList(drifted).chapters), 'site'))
    expect(written).toBe(await dialog.getByLabel('Site (podcast-timestamps/)').inputValue())
    expect(lintChapterCopies(doc, copy(written)).map((p) => p.code)).not.toContain('chapter-list-mismatch')
    await editor.press('Escape')
    await expect(panel).not.toContainText('differs from the sections')
  })

  test('export creates sNNeMM-<name>.txt when the episode has no list yet', async ({ editor, workspace }) => {
    const folder = join(workspace.dir, '..', 'podcast-timestamps')
    await rm(join(folder, 's01e03-building-ds-team.txt'))
    const doc = parseEpisode(await editor.original(TEAM))
    await editor.open(`_podcast/${TEAM}`)
    await editor.press('Alt+Shift+E')
    const dialog = editor.page.getByRole('dialog', { name: 'Export sections as a chapter list' })
    await dialog.getByRole('button', { name: 'Write to podcast-timestamps/' }).click()
    await expect(dialog.getByTestId('chapter-written')).toHaveText('Created podcast-timestamps/s01e03-building-data-team.txt.')
    expect(await readFile(join(folder, 's01e03-building-data-team.txt'), 'utf8')).toBe(formatChapterList(sectionsAsChapters(doc, []), 'site'))
  })
})

test('Settings from the desktop menu; the Settings dialog, the Problems panel with its Fix buttons and the quick-fix menu pass axe', async ({ editor, workspace }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const problems = problemsFor(doc, outsideSite)
  const several = doc.entries.findIndex((_, i) => problems.filter((p) => p.entry === i && p.fix).length > 1)
  expect(several, 'a row with a doubled space and mixed quotes').toBeGreaterThan(-1)
  await editor.open(TEAM)
  const page = editor.page
  const findings: string[] = []
  workspace.server.services.emitEvent({ type: 'menu', command: 'settings' })
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await expect(dialog).toBeVisible()
  findings.push(...(await axeScan(page, 'settings dialog', ['[role="dialog"]'])))
  await editor.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('tab', { name: /Problems/ }).click()
  await expect(page.getByRole('button', { name: /^Fix row / }).first()).toBeVisible()
  findings.push(...(await axeScan(page, 'problems panel', ['.side-panel'])))
  await editor.select(several, 'text')
  await editor.press('Control+.')
  const menu = page.getByRole('dialog', { name: 'Fix a problem of this row' })
  await expect(menu.getByRole('button')).toHaveCount(problems.filter((p) => p.entry === several && p.fix).length + 1)
  findings.push(...(await axeScan(page, 'quick-fix menu', ['[role="dialog"]'])))
  if (process.env.SHOTS) await page.screenshot({ path: join(test.info().outputDir, 'quick-fix.png') })
  await menu.getByRole('button').first().click()
  await expect(menu).toBeHidden()
  await expect(page.getByTestId('notice')).toContainText(`Row ${several + 1}: `)
  expect(findings).toEqual([])
})

test.describe('fix all typography', () => {
  const LEAD = 'building-data-products-lead-data-scientist.md'
  test.skip(!hasSiteCorpus, 'needs the shared corpus’s site/ folders')
  test.use({ site: true, episodes: [LEAD] })

  test('the Typography button says at once what it changed: how many entries, and what in how many', async ({ editor }) => {
    const doc = parseEpisode(await editor.original(LEAD))
    const { count } = fixTypography(doc)
    expect(count).toBeGreaterThan(10)
    const rows = (code: string) => new Set(lintTypography(doc).filter((p) => p.code === code).map((p) => p.entry)).size
    const what = [
      `dash look-alikes replaced in ${rows('typography-dash')}`,
      `doubled spaces made single in ${rows('typography-double-space')}`,
      `a space before punctuation removed in ${rows('typography-space-before-punctuation')}`,
      `quotes written the way most of the episode's are in ${rows('typography-mixed-quotes')}`,
    ]
    await editor.open(`_podcast/${LEAD}`)
    await editor.page.getByRole('button', { name: 'Typography', exact: true }).click()
    await expect(editor.page.getByTestId('notice')).toHaveText(`Typography fixed in ${count} entries: ${what.join(', ')}`, { timeout: 1500 })
  })
})
