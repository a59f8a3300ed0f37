import { execFileSync } from 'node:child_process'
import { parseEpisode, setLine, setSpeaker, summarizeEpisode } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { TEAM, field, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

const CRISP = 'crisp-dm.md'

// A site checkout as editors have it: `_podcast/` beside `_people/` and `podcast-timestamps/`, opened at its root.
test.use({ site: true })

/** An episode's path in the checkout's list. */
const inSite = (file: string) => `_podcast/${file}`

/** The tab of an open episode, by its file name. */
function tab(editor: { page: import('@playwright/test').Page }, file: string) {
  return editor.page.locator(`.tab[data-file="${file}"]`)
}

/** The tabs of the open episodes (the side panel has tabs of its own). */
function openTabs(editor: { page: import('@playwright/test').Page }) {
  return editor.page.getByRole('navigation', { name: 'Open episodes' }).locator('.tab-label')
}

/** `git diff --no-index` of two files, from the first hunk on (the header names temp paths). */
function gitDiff(before: string, after: string): string {
  try {
    execFileSync('git', ['diff', '--no-index', '--no-color', '--unified=3', before, after], { encoding: 'utf8' })
    return ''
  } catch (error) {
    // git diff exits 1 when the files differ.
    const out = (error as { stdout: string }).stdout
    return out.slice(out.indexOf('\n@@') + 1)
  }
}

test('two episodes open in tabs, each edited with its own undo; Save All writes both, touching only the edited entries', async ({ editor }) => {
  const team = await editor.original(TEAM)
  const crisp = await editor.original(CRISP)
  const teamDoc = parseEpisode(team)
  const crispDoc = parseEpisode(crisp)
  const i = lineIndex(teamDoc, 3)
  const j = lineIndex(crispDoc, 2)
  const k = lineIndex(crispDoc, j + 1)
  const crispTitle = summarizeEpisode(crispDoc).title!

  await editor.open(inSite(TEAM))
  await editor.select(i, 'who')
  await editor.press('Alt+2')
  await expect(editor.saveState).toHaveText('Unsaved changes')

  // Opening another episode keeps the first, unsaved, in its tab.
  await editor.episodeButton(inSite(CRISP)).click()
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(crispTitle)
  await expect(openTabs(editor)).toHaveCount(2)
  await expect(tab(editor, TEAM).locator('.tab-label')).toHaveAccessibleName(/unsaved changes/)
  await expect(editor.saveState).toHaveText('Saved')
  await editor.select(j, 'text')
  await editor.press('Enter')
  await editor.press('End')
  await editor.page.keyboard.type(' (checked)')
  await editor.press('Enter')
  await editor.select(k, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type('Taken back. ')
  await editor.press('Enter')

  // Undo belongs to the episode: it takes back this episode's last edit, not the other's.
  await editor.press('Control+z')
  await tab(editor, TEAM).locator('.tab-label').click()
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(`Speaker ${field(teamDoc, i, 'who') === 'Dat' ? 'Alexey' : 'Dat'}`)

  await editor.press('Control+Alt+s')
  await expect(editor.saveState).toHaveText('Saved')
  await expect(tab(editor, CRISP).locator('.tab-label')).not.toHaveAccessibleName(/unsaved changes/)
  const second = field(teamDoc, i, 'who') === 'Dat' ? 'Alexey' : 'Dat'
  expectSavedEdit(team, await editor.readDisk(TEAM), (d) => setSpeaker(d, i, second))
  expectSavedEdit(crisp, await editor.readDisk(CRISP), (d) => setLine(d, j, `${field(crispDoc, j, 'line')} (checked)`))
})

test('closing a tab with unsaved changes asks, offers the review, and the review is the diff the saved file shows', async ({ editor }) => {
  const team = await editor.original(TEAM)
  const doc = parseEpisode(team)
  const i = lineIndex(doc, 5)
  await editor.open(inSite(TEAM))
  await editor.select(i, 'text')
  await editor.press('Enter')
  await editor.press('End')
  await editor.page.keyboard.type(' — reviewed')
  await editor.press('Enter')

  await editor.press('Control+w')
  const ask = editor.page.getByRole('dialog', { name: 'Save changes?' })
  await expect(ask).toContainText(TEAM)
  await ask.getByRole('button', { name: 'Review changes…' }).click()
  const review = editor.page.getByRole('dialog', { name: 'Review changes' })
  const patch = review.locator('.review-patch')
  await expect(patch).toBeVisible()
  const shown = (await patch.getAttribute('data-patch'))!
  // Closing the review goes back to the question; Save closes the tab after writing.
  await review.getByRole('button', { name: 'Close' }).click()
  await expect(ask).toBeVisible()
  await ask.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(openTabs(editor)).toHaveCount(0)
  await expect.poll(() => editor.readDisk(TEAM)).not.toBe(team)

  const hunks = shown.slice(shown.indexOf('@@'))
  expect(hunks).toBe(gitDiff(editor.workspace.sourceDir + '/' + TEAM, editor.path(TEAM)).replace(/^(@@ [^@]+ @@).*$/gm, '$1'))
  expectSavedEdit(team, await editor.readDisk(TEAM), (d) => setLine(d, i, `${field(doc, i, 'line')} — reviewed`))
})

test('the quick switcher opens an episode by s01e03-style code, title words or file name', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const { season, episode, title } = summarizeEpisode(doc)
  await editor.open(inSite(CRISP))
  await editor.press('Control+p')
  const dialog = editor.page.getByRole('dialog', { name: 'Go to episode' })
  const input = dialog.getByRole('combobox')
  await input.fill(`s${season}e${episode}`)
  await expect(dialog.getByRole('option').first()).toContainText(title!)
  await editor.press('Enter')
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(title!)
  await expect(openTabs(editor)).toHaveCount(2)

  await editor.press('Control+p')
  await input.fill('crisp')
  await editor.press('Enter')
  await expect(openTabs(editor).and(editor.page.locator('[aria-current="page"]'))).toContainText(summarizeEpisode(parseEpisode(await editor.original(CRISP))).title!)
})

test('many open episodes keep readable tabs: the bar scrolls instead of shrinking them, and shows the active one', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await editor.goto()
  const items = page.locator('.file-item')
  const count = await items.count()
  expect(count).toBeGreaterThanOrEqual(8)
  for (let i = 0; i < count; i++) await items.nth(i).click()
  await expect(openTabs(editor)).toHaveCount(count)
  const widths = await openTabs(editor).evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().width))
  expect(Math.min(...widths), 'the narrowest tab label, px').toBeGreaterThanOrEqual(80)
  const nav = page.getByRole('navigation', { name: 'Open episodes' })
  const bar = await nav.boundingBox()
  const active = await nav.locator('.tab.active').boundingBox()
  expect(active!.x).toBeGreaterThanOrEqual(bar!.x)
  expect(active!.x + active!.width).toBeLessThanOrEqual(bar!.x + bar!.width + 1)
  // Back to the first tab: the bar scrolls it into view.
  await openTabs(editor).first().evaluate((el) => (el as HTMLElement).click())
  const first = await nav.locator('.tab.active').boundingBox()
  expect(first!.x).toBeGreaterThanOrEqual(bar!.x)
})
