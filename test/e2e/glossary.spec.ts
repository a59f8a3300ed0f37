import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseEpisode } from '../../shared/episode/index'
import { parseGlossary } from '../../shared/workspace/glossary'
import { fixGlossaryHits, glossaryHits } from '../../shared/workspace/glossary-lint'
import { axeScan } from './helpers/axe'
import { expectSavedEdit } from './helpers/expect-file'
import { LARGEST, TEAM, lineIndex, field } from './helpers/episodes'
import type { EditorPage } from './helpers/editor-page'
import { expect, test } from './helpers/fixtures'

test.use({ site: true })

/** Real mishearings of the corpus: the podcast's own name and a library's. */
const GLOSSARY = `# Misheard names
DataTalks.Club: [Data Talks Club, DataTalks Club]
scikit-learn: [SciKit Learn, Scikit Learn]
`
const CRISP = 'crisp-dm.md'

/** The checkout's glossary file (the site root is the parent of `_podcast/`). */
function glossaryPath(podcastDir: string): string {
  return join(dirname(podcastDir), '_data', 'transcript-glossary.yml')
}

async function writeGlossary(podcastDir: string): Promise<void> {
  await mkdir(dirname(glossaryPath(podcastDir)), { recursive: true })
  await writeFile(glossaryPath(podcastDir), GLOSSARY)
}

async function openEpisode(editor: EditorPage, file: string): Promise<void> {
  await editor.goto()
  await editor.episodeButton(`_podcast/${file}`).click()
  await expect(editor.row(0)).toBeVisible()
}

test('a known misspelling is fixed with one key (Ctrl+.), as one undo step; the save changes only that entry', async ({ editor, workspace }) => {
  await writeGlossary(workspace.dir)
  const original = await editor.original(CRISP)
  const glossary = parseGlossary(GLOSSARY)
  const [hit] = glossaryHits(parseEpisode(original), glossary)
  expect(hit?.match).toBe('DataTalks Club')
  await openEpisode(editor, CRISP)

  // The Problems panel lists it with the term.
  await editor.page.getByRole('tab', { name: /Problems/ }).click()
  await expect(editor.page.getByRole('tabpanel')).toContainText('"DataTalks Club" is a known mishearing of "DataTalks.Club"')
  expect(await axeScan(editor.page, 'problems panel with a glossary problem', ['.side-panel'])).toEqual([])
  await editor.select(hit!.entry, 'text')
  await editor.press('Control+.')
  // The row also has an unquoted time to fix, so Ctrl+. asks which; the glossary's fix is one key away.
  const menu = editor.page.getByRole('dialog', { name: 'Fix a problem of this row' })
  await menu.getByRole('button', { name: 'Change "DataTalks Club" to "DataTalks.Club"' }).focus()
  await editor.press('Enter')
  await expect(editor.cell(hit!.entry, 'text')).toContainText('DataTalks.Club')
  await editor.press('Control+z')
  await expect(editor.cell(hit!.entry, 'text')).toContainText('DataTalks Club')
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(CRISP), (d) => fixGlossaryHits(d, glossary, [hit!]).doc)
})

test('the glossary view lists every hit across the episodes, with its correction', async ({ editor, workspace }) => {
  await writeGlossary(workspace.dir)
  const glossary = parseGlossary(GLOSSARY)
  const expected = new Map<string, number>()
  for (const name of [CRISP, LARGEST]) expected.set(name, glossaryHits(parseEpisode(await editor.original(name)), glossary).length)
  const total = [...expected.values()].reduce((a, b) => a + b, 0)
  await editor.goto()
  await editor.press('Control+Shift+f')
  const panel = editor.page.getByRole('search', { name: 'Search all episodes' })
  await panel.getByRole('tab', { name: 'Glossary' }).click()
  await expect(panel.getByTestId('search-summary')).toHaveText(`${total} matches in 2 episodes`)
  const corrections = (await Promise.all([CRISP, LARGEST].map(async (n) => glossaryHits(parseEpisode(await editor.original(n)), glossary)))).flat()
  for (const term of ['DataTalks.Club', 'scikit-learn']) {
    await expect(panel.locator('ins').filter({ hasText: term })).toHaveCount(corrections.filter((h) => h.term === term).length)
  }
})

test('add a term from a selected word (Alt+G): the glossary file is created in the checkout and the word is flagged', async ({ editor, workspace }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const i = lineIndex(doc, 3)
  const word = /^[\p{L}]+/u.exec(field(doc, i, 'line'))![0]
  await openEpisode(editor, TEAM)

  await editor.select(i, 'text')
  await editor.press('Enter')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Home')
  await editor.press('Control+Shift+ArrowRight')
  await editor.press('Alt+g')
  const dialog = editor.page.getByRole('dialog', { name: 'Add to glossary' })
  await expect(dialog.getByLabel('Misheard as')).toHaveValue(word)
  await expect(dialog).toContainText('It will be created at')
  expect(await axeScan(editor.page, 'add to glossary dialog', ['[role="dialog"]'])).toEqual([])
  await dialog.getByLabel('Correct spelling').fill('Wordsmith')
  await expect(dialog.getByRole('button', { name: 'Add' })).toBeEnabled()
  // Enter in the field adds the term, as the Add button does.
  await editor.press('Enter')
  await expect(dialog).toBeHidden()

  const written = await readFile(glossaryPath(workspace.dir), 'utf8')
  expect(parseGlossary(written).terms).toEqual([{ term: 'Wordsmith', misspellings: [word] }])
  expect(written.endsWith(`Wordsmith: [${word}]\n`)).toBe(true)
  // The new term is known at once: the one-key fix corrects the word.
  await editor.press('Escape')
  await editor.press('Control+.')
  await expect(editor.cell(i, 'text')).toContainText('Wordsmith')
})
