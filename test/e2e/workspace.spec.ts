import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { copyFile, readdir, rename, rm } from 'node:fs/promises'
import { parseEpisode, serializeEpisode, setLine, summarizeEpisode } from '../../shared/episode/index'
import { LARGEST, TEAM, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { hasSiteCorpus } from './helpers/workspace'
import { episodesDir } from '../helpers/corpus'

test('the sidebar lists the episodes of the opened folder with titles, lines and problems', async ({ editor, workspace }) => {
  await editor.goto()
  const files = (await readdir(workspace.dir)).filter((f) => f.endsWith('.md'))
  await expect(editor.page.getByTestId('episode-list').locator('.file-item')).toHaveCount(files.length)
  const summary = summarizeEpisode(parseEpisode(await editor.readDisk(TEAM)))
  const item = editor.episodeButton(TEAM)
  await expect(item).toContainText(summary.title!)
  await expect(item).toContainText(`${summary.lines} lines`)
})

test('a file that does not parse is listed with its error', async ({ editor }) => {
  await editor.writeDisk('broken-episode.md', '---\ntitle: Broken\ntranscript:\n- line: [unclosed\n---\n')
  await editor.goto()
  await expect(editor.episodeButton('broken-episode.md')).toContainText('Can’t open')
  await editor.episodeButton('broken-episode.md').click()
  await expect(editor.page.getByRole('alert')).toContainText('cannot be opened as an episode')
  await expect(editor.page.getByRole('alert')).toContainText(/line \d+/)
})

test('opening an episode shows its title, season, entry count and speakers', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(LARGEST))
  const summary = summarizeEpisode(doc)
  await editor.open(LARGEST)
  await expect(editor.page.getByRole('heading', { level: 1 })).toHaveText(summary.title!)
  await expect(editor.page.getByTestId('entry-count')).toHaveText(`${doc.entries.length} entries`)
  await expect(editor.grid).toHaveAttribute('aria-rowcount', String(doc.entries.length + 1))
  await expect(editor.page.locator('.summary-kicker')).toContainText(`Season ${summary.season}`)
  for (const who of summary.speakers) await expect(editor.page.getByRole('list', { name: 'Speakers' })).toContainText(who)
  // Only what is on screen is rendered.
  const rendered = await editor.grid.locator('[role="row"]').count()
  expect(rendered).toBeLessThan(doc.entries.length)
})

test('an external change to a clean file reloads it in the page', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc)
  await editor.open(TEAM)
  const changed = serializeEpisode(setLine(doc, i, 'Changed by another program.'))
  await editor.writeDisk(TEAM, changed)
  await expect(editor.cell(i, 'text')).toHaveText('Changed by another program.')
  await expect(editor.page.getByTestId('notice')).toContainText('reloaded')
  await expect(editor.saveState).toHaveText('Saved')
})

test('an external change while there are unsaved edits offers reload or keep mine', async ({ editor }) => {
  const original = await editor.original(TEAM)
  const doc = parseEpisode(original)
  const i = lineIndex(doc)
  await editor.open(TEAM)
  await editor.select(i + 1, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' Mine.')
  await editor.press('Enter')
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await editor.writeDisk(TEAM, serializeEpisode(setLine(doc, i, 'Theirs.')))
  const banner = editor.page.getByTestId('disk-change-banner')
  await expect(banner).toBeVisible()
  await banner.getByRole('button', { name: 'Reload theirs' }).click()
  await expect(banner).toBeHidden()
  await expect(editor.cell(i, 'text')).toHaveText('Theirs.')
  await expect(editor.saveState).toHaveText('Saved')
})

test.describe('an open episode whose file goes away and comes back, in a site checkout', () => {
  test.skip(!hasSiteCorpus, 'needs the site checkout of ../shared/corpus')
  test.use({ site: true, episodes: [TEAM, LARGEST] })

  test('is listed again, and its banner goes once the file on disk is what the tab saved', async ({ editor }) => {
    // Reading the file while it is away fails, and the browser logs the host's 404.
    editor.allowedErrors.push(/Failed to load resource: the server responded with a status of 404/)
    const file = `_podcast/${TEAM}`
    const onDisk = editor.path(TEAM)
    const away = `${onDisk}.away`
    await editor.open(file)
    await editor.appendText(lineIndex(parseEpisode(await editor.readDisk(TEAM)), 3), ' Saved here.')
    await editor.save()
    const items = editor.page.getByTestId('episode-list').locator('.file-item')
    const banner = editor.page.getByTestId('disk-change-banner')
    await expect(items).toHaveCount(2)
    // Moved away and back (mv keeps the inode, size and time).
    await rename(onDisk, away)
    await expect(banner).toContainText('deleted or moved')
    await expect(items).toHaveCount(1)
    await rename(away, onDisk)
    await expect(items).toHaveCount(2)
    await expect(editor.episodeButton(file)).toBeVisible()
    await expect(banner).toBeHidden()
    // Removed and copied back, as a git checkout does.
    await copyFile(onDisk, away)
    await rm(onDisk)
    await expect(banner).toContainText('deleted or moved')
    await expect(items).toHaveCount(1)
    await copyFile(away, onDisk)
    await expect(items).toHaveCount(2)
    await expect(banner).toBeHidden()
    await expect(editor.saveState).toHaveText('Saved')
  })
})

test('the episode list is one Tab stop: the open episode takes focus, arrows, Home and End move, Enter opens', async ({ editor }) => {
  await editor.open(TEAM)
  const page = editor.page
  const items = page.getByTestId('episode-list').locator('.file-item')
  const count = await items.count()
  expect(count).toBeGreaterThan(2)
  const team = editor.episodeButton(TEAM)
  const at = (await items.evaluateAll((els) => els.map((el) => el.getAttribute('title')))).indexOf(TEAM)
  await page.getByLabel('Filter episodes').focus()
  await editor.press('Tab')
  await expect(team).toBeFocused()
  // One more Tab leaves the list, and Shift+Tab comes back to the same item.
  await editor.press('Tab')
  expect(await page.evaluate(() => document.activeElement?.closest('.file-list') === null)).toBe(true)
  await editor.press('Shift+Tab')
  await expect(team).toBeFocused()
  await expect(items.and(page.locator('[tabindex="0"]'))).toHaveCount(1)
  await expect(items.and(page.locator('[tabindex="-1"]'))).toHaveCount(count - 1)

  await editor.press('ArrowDown')
  await expect(items.nth(at + 1)).toBeFocused()
  await editor.press('ArrowUp')
  await expect(items.nth(at)).toBeFocused()
  await editor.press('End')
  await expect(items.nth(count - 1)).toBeFocused()
  await editor.press('ArrowDown')
  await expect(items.nth(count - 1)).toBeFocused()
  await editor.press('Home')
  await expect(items.nth(0)).toBeFocused()
  await expect(items.nth(0)).toHaveAttribute('tabindex', '0')
  await expect(team).toHaveAttribute('tabindex', '-1')
  await editor.press('Enter')
  await expect(items.nth(0)).toHaveClass(/active/)
  await expect(items.nth(0)).toHaveAttribute('tabindex', '0')
})

test.describe('in a site checkout under git', () => {
  test.skip(!hasSiteCorpus, 'needs the site checkout of ../shared/corpus')
  // Enough episodes that the list scrolls, and its scroll bar takes its share of the width.
  test.use({ site: true, episodes: [LARGEST, ...readdirSync(episodesDir).filter((f) => f.endsWith('.md')).slice(0, 30)] })

  test('at 1024 px, an episode changed since the last commit shows its git mark beside its counts, each on one line', async ({ editor, workspace, page }) => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd: dirname(workspace.dir), stdio: 'pipe' })
    git('init', '-q')
    git('add', '.')
    git('commit', '-qm', 'episodes')
    await editor.writeDisk(LARGEST, (await editor.readDisk(LARGEST)).replace(/^title: .*$/m, 'title: Changed since the commit'))
    await page.setViewportSize({ width: 1024, height: 768 })
    await editor.open(`_podcast/${LARGEST}`)
    const meta = editor.episodeButton(`_podcast/${LARGEST}`).locator('.file-meta')
    await expect(meta.locator('.file-git')).toHaveAttribute('title', /Modified/)
    // Heights in lines of the counts' own font: one line each, none wrapped.
    const lines = await meta.locator(':scope > span').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).fontSize)))
    expect(lines.every((n) => n < 1.7), `parts of the counts wrapped: ${lines.map((n) => n.toFixed(1)).join(', ')} font sizes high`).toBe(true)
  })
})
