import type { Page } from '@playwright/test'
import { parseEpisode, summarizeEpisode } from '../../shared/episode/index'
import { findInEpisode } from '../../shared/workspace/find-replace'
import type { FindQuery } from '../../shared/workspace/find-query'
import { LARGEST, MESSY_SPEAKERS, TEAM, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import type { EditorPage } from './helpers/editor-page'
import { TEST_EPISODES } from './helpers/workspace'

// Keyboard focus after dialog and banner actions, on a site checkout as the editors have it
// (`_podcast/` beside `_people/` and `podcast-timestamps/`).
test.use({ site: true, episodes: [...TEST_EPISODES, MESSY_SPEAKERS] })

/** An episode's path in the checkout's list. */
const inSite = (file: string) => `_podcast/${file}`

/** Where keyboard focus is: inside the open dialog, on the grid's cursor cell, on the page body, or elsewhere. */
function focusPlace(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement
    if (!active || active === document.body) return 'body'
    if (active.closest('[role="dialog"]')) return 'dialog'
    if (active.matches('.grid-body .cell.cursor')) return 'grid cursor cell'
    return `elsewhere: ${active.className || active.tagName}`
  })
}

/** Edits a line, waits for its draft, reloads and reopens the episode with Ctrl+P (as the new user did): the recovery banner shows. */
async function offerDraft(editor: EditorPage, row: number, words: string) {
  await editor.select(row, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(words)
  // Enter applies the typing (Esc would cancel it).
  await editor.press('Enter')
  await expect.poll(async () => (await editor.draftTexts()).some((t) => t.includes(words)), { timeout: 6000 }).toBe(true)
  await editor.page.reload()
  await expect(editor.page.getByRole('navigation', { name: 'Episodes' })).toBeVisible()
  await editor.press('Control+p')
  await editor.page.getByRole('dialog', { name: 'Go to episode' }).getByRole('combobox').fill('behavioral portfolio')
  await editor.press('Enter')
  const banner = editor.page.getByRole('alert').filter({ hasText: 'Unsaved changes were recovered' })
  await expect(banner).toBeVisible()
  return banner
}

test('writing the chapter list keeps focus in the export dialog: Tab stays inside, Esc closes it and focus returns to the grid', async ({ editor }) => {
  await editor.open(inSite(TEAM))
  await editor.select(0, 'text')
  await editor.press('Alt+Shift+E')
  const dialog = editor.page.getByRole('dialog', { name: 'Export sections as a chapter list' })
  const write = dialog.getByRole('button', { name: 'Write to podcast-timestamps/' })
  await write.focus()
  await editor.press('Enter')
  await expect(dialog.getByTestId('chapter-written')).toHaveText(/^(Created|Written to) podcast-timestamps\//)
  expect(await focusPlace(editor.page)).toBe('dialog')
  // Tab goes round the dialog's own controls, never to the grid behind it.
  for (let i = 0; i < 8; i++) {
    await editor.press('Tab')
    expect(await focusPlace(editor.page), `after Tab ${i + 1}`).toBe('dialog')
  }
  for (let i = 0; i < 8; i++) {
    await editor.press('Shift+Tab')
    expect(await focusPlace(editor.page), `after Shift+Tab ${i + 1}`).toBe('dialog')
  }
  await editor.press('Escape')
  await expect(dialog).toBeHidden()
  expect(await focusPlace(editor.page)).toBe('grid cursor cell')

  // A click on the button (focus on it, then it is busy while writing) keeps the trap as well.
  await editor.press('Alt+Shift+E')
  await dialog.getByRole('button', { name: 'Write to podcast-timestamps/' }).click()
  await expect(dialog.getByTestId('chapter-written')).toHaveText(/^Written to podcast-timestamps\//)
  expect(await focusPlace(editor.page)).toBe('dialog')
  await editor.press('Tab')
  expect(await focusPlace(editor.page)).toBe('dialog')
  await editor.press('Escape')
  await expect(dialog).toBeHidden()
})

test('the export dialog keeps its trap and Esc even when focus was lost to the page', async ({ editor }) => {
  await editor.open(inSite(TEAM))
  await editor.press('Alt+Shift+E')
  const dialog = editor.page.getByRole('dialog', { name: 'Export sections as a chapter list' })
  await expect(dialog).toBeVisible()
  await editor.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  expect(await focusPlace(editor.page)).toBe('body')
  await editor.press('Tab')
  expect(await focusPlace(editor.page)).toBe('dialog')
  await editor.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await editor.press('Escape')
  await expect(dialog).toBeHidden()
})

test('after Restore draft, and after Discard it, focus is on the grid’s cursor cell', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = lineIndex(doc, 3)
  await editor.open(inSite(LARGEST))
  let banner = await offerDraft(editor, i, ' Restored words.')
  await banner.getByRole('button', { name: 'Restore draft' }).click()
  await expect(banner).toBeHidden()
  await expect(editor.cell(i, 'text')).toContainText('Restored words.')
  await expect.poll(() => focusPlace(editor.page)).toBe('grid cursor cell')

  banner = await offerDraft(editor, i, ' Discarded words.')
  await banner.getByRole('button', { name: 'Discard it' }).focus()
  await editor.press('Enter')
  await expect(banner).toBeHidden()
  await expect.poll(() => focusPlace(editor.page)).toBe('grid cursor cell')
})

test('after Keep my work, or Escape, on Restore’s question over work since, focus is on the grid’s cursor cell', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = lineIndex(doc, 3)
  await editor.open(inSite(LARGEST))
  const banner = await offerDraft(editor, i, ' Offered words.')
  await editor.select(i + 1, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' Work since.')
  await editor.press('Enter')
  const confirm = editor.page.getByRole('alertdialog', { name: 'Replace your work with the draft?' })
  for (const answer of ['click', 'Escape']) {
    await banner.getByRole('button', { name: 'Restore draft' }).click()
    if (answer === 'click') await confirm.getByRole('button', { name: 'Keep my work' }).click()
    else await editor.press('Escape')
    await expect(confirm).toBeHidden()
    await expect.poll(() => focusPlace(editor.page)).toBe('grid cursor cell')
  }
})

test('after replacing across episodes from the preview, focus is on the grid’s cursor cell', async ({ editor }) => {
  await editor.open(inSite(TEAM))
  await editor.press('Control+Shift+h')
  const panel = editor.page.getByRole('search', { name: 'Search all episodes' })
  await panel.getByRole('searchbox', { name: 'Search all episodes' }).fill('machine learning')
  await panel.getByRole('textbox', { name: 'Replace in episodes with' }).fill('ML')
  await panel.getByRole('button', { name: /^Replace \d+ in \d+ selected$/ }).click()
  const preview = editor.page.getByRole('dialog')
  const apply = preview.getByRole('button', { name: /^Replace in \d+ episodes$/ })
  await expect(apply).toBeFocused()
  await editor.press('Enter')
  await expect(preview).toBeHidden()
  await expect(editor.saveState).not.toHaveText('Saved')
  await expect(panel.getByTestId('search-summary')).toHaveText(/No match|0 matches/)
  await expect.poll(() => focusPlace(editor.page)).toBe('grid cursor cell')
  // Each changed episode is journalled as a draft: let those writes end before the workspace goes.
  const changed = await editor.page.getByRole('navigation', { name: 'Open episodes' }).locator('.dirty-dot').count()
  await expect.poll(() => editor.draftCount(), { timeout: 10_000 }).toBe(changed)
})

test('quick open (Ctrl+P) from the episode list or its filter puts focus in the opened episode’s grid', async ({ editor }) => {
  const title = summarizeEpisode(parseEpisode(await editor.original(LARGEST))).title!
  const team = summarizeEpisode(parseEpisode(await editor.original(TEAM))).title!
  await editor.goto()
  await editor.episodeButton(inSite('ai-for-ecology-biodiversity-and-conservation.md')).focus()
  await editor.press('Control+p')
  const dialog = editor.page.getByRole('dialog', { name: 'Go to episode' })
  await dialog.getByRole('combobox').fill('behavioral portfolio')
  await editor.press('Enter')
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(title)
  await expect.poll(() => focusPlace(editor.page)).toBe('grid cursor cell')
  // A second Enter edits the cell instead of opening the list item it came from.
  await editor.press('Enter')
  await expect(editor.textEditor).toBeVisible()
  await editor.press('Escape')
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(title)

  await editor.page.locator('.sidebar-filter').focus()
  await editor.press('Control+p')
  await dialog.getByRole('combobox').fill('building-data-team')
  await editor.press('Enter')
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(team)
  await expect.poll(() => focusPlace(editor.page)).toBe('grid cursor cell')
})

test('replace one by one in the messy-speakers episode: after the last match below the cursor, the status says one remains above', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(MESSY_SPEAKERS))
  const query: FindQuery = { find: 'JP Morgan', matchCase: false, in: ['lines', 'headers', 'speakers'] }
  const matches = findInEpisode(doc, query)
  expect(matches.length).toBe(2)
  const [above, below] = matches as [(typeof matches)[0], (typeof matches)[0]]
  expect(below.entry).toBeGreaterThan(above.entry + 1)
  await editor.open(inSite(MESSY_SPEAKERS))
  await editor.select(above.entry + 1, 'text')
  await editor.press('Control+h')
  const find = editor.page.getByRole('searchbox', { name: 'Find in this episode' })
  await find.fill('JP Morgan')
  await expect(editor.page.getByTestId('find-count')).toHaveText('2 matches')
  const replace = editor.page.getByRole('textbox', { name: 'Replace with' })
  await replace.fill('JPMorgan')
  await replace.press('Enter')
  await replace.press('Enter')
  await expect(editor.page.getByTestId('find-count')).toHaveText('1 match')
  await expect(editor.page.getByTestId('notice')).toHaveText('Replaced this match; 1 more above (Enter wraps to it)')
  await replace.press('Enter')
  await replace.press('Enter')
  await expect(editor.page.getByTestId('find-count')).toHaveText('No matches')
  await expect(editor.page.getByTestId('notice')).toHaveText('Replaced the last match')
})
