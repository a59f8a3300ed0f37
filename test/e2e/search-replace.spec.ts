import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseEpisode, type Episode } from '../../shared/episode/index'
import { findInEpisode, replaceInEpisode } from '../../shared/workspace/find-replace'
import type { FindQuery } from '../../shared/workspace/find-query'
import { axeScan } from './helpers/axe'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import type { EditorPage } from './helpers/editor-page'

test.use({ site: true })

/** A replacement with every character YAML quoting cares about: it must be saved as exactly this string. */
const AWKWARD = `you know: #1 'quoted' "double" \\ back`

/** Opens an episode of the site checkout's `_podcast/` from the episode list. */
async function openEpisode(editor: EditorPage, file: string): Promise<void> {
  await editor.goto()
  await editor.episodeButton(`_podcast/${file}`).click()
  await expect(editor.row(0)).toBeVisible()
}

function countOf(doc: Episode, query: FindQuery): number {
  return findInEpisode(doc, query).length
}

test('replace a word in the episode (Ctrl+H): one match, then all, each one undo step; the save changes only those entries', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const query: FindQuery = { find: 'hiring', matchCase: false, in: ['lines', 'headers', 'speakers'], replace: AWKWARD }
  const total = countOf(parseEpisode(original), query)
  expect(total).toBeGreaterThan(2)
  await openEpisode(editor, TEAM)
  await editor.select(0, 'text')

  await editor.press('Control+h')
  const find = editor.page.getByRole('searchbox', { name: 'Find in this episode' })
  const replace = editor.page.getByRole('textbox', { name: 'Replace with' })
  await expect(find).toBeFocused()
  await find.fill('hiring')
  await expect(editor.page.getByTestId('find-count')).toHaveText(`${total} matches`)
  await replace.fill(AWKWARD)
  expect(await axeScan(editor.page, 'find and replace bar', ['.find-bar'])).toEqual([])

  // The first Replace shows the match it will replace; the second replaces it.
  const replaceOne = editor.page.getByRole('button', { name: 'Replace', exact: true })
  await replaceOne.click()
  await expect(editor.page.getByTestId('find-count')).toHaveText(`1 of ${total}`)
  await replaceOne.click()
  await expect(editor.page.getByTestId('find-count')).toHaveText(`1 of ${total - 1}`)
  await expect(editor.saveState).not.toHaveText('Saved')
  await editor.page.getByRole('button', { name: 'Close find' }).click()
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')

  await editor.press('Control+h')
  await expect(editor.page.getByTestId('find-count')).toHaveText(`${total} matches`)
  await editor.page.getByRole('button', { name: 'Replace all' }).click()
  await expect(editor.page.getByTestId('find-count')).toHaveText('No matches')
  // One undo step takes every replacement back, and redo brings them again.
  await editor.page.getByRole('button', { name: 'Close find' }).click()
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')

  await editor.save()
  const saved = await editor.readDisk(TEAM)
  expectSavedEdit(original, saved, (d) => replaceInEpisode(d, query).doc)
  const lines = parseEpisode(saved).entries.flatMap((e) => e.pairs.filter(([k]) => k === 'line').map(([, v]) => String(v)))
  expect(lines.filter((l) => l.includes(AWKWARD)).length).toBeGreaterThan(0)
})

test('regular expressions, match case and whole word in the find bar; a broken pattern says why', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  await openEpisode(editor, TEAM)
  await editor.press('Control+f')
  const find = editor.page.getByRole('searchbox', { name: 'Find in this episode' })
  await find.fill('Dat')
  const all = countOf(doc, { find: 'Dat', matchCase: false, in: ['lines', 'headers', 'speakers'] })
  await expect(editor.page.getByTestId('find-count')).toHaveText(`${all} matches`)
  await editor.page.getByRole('button', { name: 'Match case' }).click()
  await editor.page.getByRole('button', { name: 'Whole word' }).click()
  const exact = countOf(doc, { find: 'Dat', matchCase: true, wholeWord: true, in: ['lines', 'headers', 'speakers'] })
  await expect(editor.page.getByTestId('find-count')).toHaveText(`${exact} matches`)
  await editor.page.getByRole('checkbox', { name: 'Speakers' }).uncheck()
  const inLines = countOf(doc, { find: 'Dat', matchCase: true, wholeWord: true, in: ['lines', 'headers'] })
  await expect(editor.page.getByTestId('find-count')).toHaveText(`${inLines} matches`)
  await editor.page.getByRole('button', { name: 'Regular expression' }).click()
  await find.fill('hir(ing')
  await expect(editor.page.getByTestId('find-count')).toContainText('not a valid regular expression')
})

test('search every episode of the checkout (Ctrl+Shift+F): results by episode with a count; a click opens the episode at the match', async ({ editor, workspace }) => {
  const names = await episodeNames(workspace.dir)
  const query: FindQuery = { find: 'startup', matchCase: false, in: ['lines', 'headers', 'speakers'] }
  const expected = await expectedCounts(workspace.dir, names, query)
  await editor.goto()
  await editor.press('Control+Shift+f')
  const panel = editor.page.getByRole('search', { name: 'Search all episodes' })
  await panel.getByRole('searchbox', { name: 'Search all episodes' }).fill('startup')
  const total = [...expected.values()].reduce((a, b) => a + b, 0)
  await expect(panel.getByTestId('search-summary')).toHaveText(`${total} matches in ${expected.size} episodes`)
  const groups = panel.getByTestId('result-episode')
  await expect(groups).toHaveCount(expected.size)
  const team = groups.filter({ hasText: 'Build and Scale ML Teams' })
  await expect(team.locator('.result-count')).toHaveText(String(expected.get(TEAM)))

  await team.locator('.result-open-match').first().click()
  await expect(editor.grid).toBeVisible()
  const first = findInEpisode(parseEpisode(await editor.original(TEAM)), query)[0]!
  await expect(editor.row(first.entry)).toHaveClass(/cursor-row/)
  await expect(editor.row(first.entry).locator('mark').first()).toHaveText(/startup/i)
})

test('replace a word across the workspace after a preview of every touched entry; nothing is written until saved', async ({ editor, workspace }) => {
  const original = await editor.original(TEAM)
  const names = await episodeNames(workspace.dir)
  const before = new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(workspace.dir, n), 'utf8')] as const)))
  const query: FindQuery = { find: 'startup', matchCase: false, wholeWord: true, in: ['lines'], replace: AWKWARD }
  await openEpisode(editor, TEAM)

  await editor.press('Control+Shift+h')
  const panel = editor.page.getByRole('search', { name: 'Search all episodes' })
  await panel.getByRole('searchbox', { name: 'Search all episodes' }).fill('startup')
  await panel.getByRole('button', { name: 'Whole word' }).click()
  await panel.getByRole('checkbox', { name: 'Headers' }).uncheck()
  await panel.getByRole('checkbox', { name: 'Speakers' }).uncheck()
  await panel.getByRole('textbox', { name: 'Replace in episodes with' }).fill(AWKWARD)
  const team = panel.getByTestId('result-episode').filter({ hasText: 'Build and Scale ML Teams' })
  await expect(team.locator('.result-open')).toHaveText('open')
  await expect(team.locator('ins').first()).toHaveText(AWKWARD)

  await team.getByRole('button', { name: 'Replace all' }).click()
  const preview = editor.page.getByRole('dialog')
  const changed = replaceInEpisode(parseEpisode(original), query).entries.length
  await expect(preview.getByTestId('replace-preview-summary')).toContainText(`${changed} ${changed === 1 ? 'entry changes' : 'entries change'} in 1 episode`)
  await expect(preview.locator('.preview-change')).toHaveCount(changed)
  await expect(preview.locator('ins').first()).toHaveText(AWKWARD)
  expect(await axeScan(editor.page, 'workspace search panel and replace preview', ['.search-panel', '[role="dialog"]'])).toEqual([])
  // Nothing is on disk before the replacement is applied and saved.
  for (const [n, text] of before) expect(await readFile(join(workspace.dir, n), 'utf8')).toBe(text)
  await preview.getByRole('button', { name: /^Replace in 1 episode$/ }).click()
  await expect(preview).toBeHidden()
  await expect(editor.saveState).not.toHaveText('Saved')
  for (const [n, text] of before) expect(await readFile(join(workspace.dir, n), 'utf8')).toBe(text)

  await editor.press('Escape')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TEAM), (d) => replaceInEpisode(d, query).doc)
  for (const [n, text] of before) if (n !== TEAM) expect(await readFile(join(workspace.dir, n), 'utf8')).toBe(text)
})

test('replace across the selected episodes opens them in tabs, one undo step each; undo in one, Save All, and every file is as intended', async ({ editor, workspace }) => {
  const names = await episodeNames(workspace.dir)
  const before = new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(workspace.dir, n), 'utf8')] as const)))
  const query: FindQuery = { find: 'machine learning', matchCase: false, in: ['lines'], replace: 'ML' }
  const hit = names.filter((n) => countOf(parseEpisode(before.get(n)!), query) > 0)
  expect(hit.length, 'episodes with a match').toBeGreaterThan(3)
  const [undone, ...kept] = hit.slice(0, 3)
  const skipped = hit.slice(3)

  await openEpisode(editor, TEAM)
  await editor.press('Control+Shift+h')
  const panel = editor.page.getByRole('search', { name: 'Search all episodes' })
  await panel.getByRole('searchbox', { name: 'Search all episodes' }).fill('machine learning')
  await panel.getByRole('checkbox', { name: 'Headers' }).uncheck()
  await panel.getByRole('checkbox', { name: 'Speakers' }).uncheck()
  await panel.getByRole('textbox', { name: 'Replace in episodes with' }).fill('ML')
  await expect(panel.getByTestId('result-episode')).toHaveCount(hit.length)
  // Three episodes stay ticked; the others are left out.
  for (const n of skipped) await panel.locator(`[data-testid="result-episode"][data-file="${n}"]`).getByRole('checkbox').uncheck()
  await panel.getByRole('button', { name: /^Replace \d+ in 3 selected$/ }).click()
  const preview = editor.page.getByRole('dialog')
  await preview.getByRole('button', { name: 'Replace in 3 episodes' }).click()
  await expect(preview).toBeHidden()
  for (const [n, text] of before) expect(await readFile(join(workspace.dir, n), 'utf8'), `${n} untouched before saving`).toBe(text)
  const tabs = editor.page.getByRole('navigation', { name: 'Open episodes' })
  for (const n of hit.slice(0, 3)) await expect(tabs.locator(`.tab[data-file="${n}"] .dirty-dot`), `${n} open and unsaved`).toBeVisible()

  // Undo in one episode takes back its replacement only.
  await editor.press('Escape')
  await tabs.locator(`.tab[data-file="${undone}"] .tab-label`).click()
  await expect(editor.grid).toBeVisible()
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Alt+s')
  for (const n of kept) await expect(tabs.locator(`.tab[data-file="${n}"] .dirty-dot`)).toHaveCount(0)

  for (const n of kept) expectSavedEdit(before.get(n)!, await readFile(join(workspace.dir, n), 'utf8'), (d) => replaceInEpisode(d, query).doc)
  for (const n of [undone!, ...skipped, ...names.filter((x) => !hit.includes(x))]) expect(await readFile(join(workspace.dir, n), 'utf8'), `${n} unchanged`).toBe(before.get(n))
})

async function episodeNames(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises')
  return (await readdir(dir)).filter((n) => n.endsWith('.md')).sort()
}

async function expectedCounts(dir: string, names: readonly string[], query: FindQuery): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const n of names) {
    const count = countOf(parseEpisode(await readFile(join(dir, n), 'utf8')), query)
    if (count > 0) out.set(n, count)
  }
  return out
}
