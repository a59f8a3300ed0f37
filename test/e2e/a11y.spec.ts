import { parseEpisode, serializeEpisode, setLine } from '../../shared/episode/index'
import { LARGEST, TEAM, field, headerIndex, lineIndex } from './helpers/episodes'
import { axeScan } from './helpers/axe'
import { expect, test } from './helpers/fixtures'
import { createTestWorkspace } from './helpers/workspace'
import { join } from 'node:path'
import { spokenAudio } from '../helpers/spoken-audio'

test('the transcript is an ARIA grid with named cells, header rows, selection state and a visible focus', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TEAM))
  const h = headerIndex(doc)
  const i = lineIndex(doc, h)
  await editor.open(TEAM)
  await expect(editor.grid).toHaveAttribute('aria-multiselectable', 'true')
  await expect(editor.grid.getByRole('columnheader')).toHaveText(['Time', 'Speaker', 'Text'])
  await expect(editor.cell(h, 'text')).toHaveAccessibleName(`Section ${field(doc, h, 'header')}`)
  await expect(editor.cell(i, 'time')).toHaveAccessibleName(`Time ${field(doc, i, 'time')}`)
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(`Speaker ${field(doc, i, 'who')}`)
  await expect(editor.cell(i, 'text')).toHaveAccessibleName(field(doc, i, 'line'))

  await editor.select(i, 'text')
  await editor.select(i + 2, 'text', ['Control'])
  await expect(editor.row(i)).toHaveAttribute('aria-selected', 'true')
  await expect(editor.row(i + 1)).toHaveAttribute('aria-selected', 'false')
  await expect(editor.row(i + 2)).toHaveAttribute('aria-selected', 'true')
  await expect(editor.page.locator('.status-position')).toContainText('2 rows selected')

  const focused = editor.cell(i + 2, 'text')
  await expect(focused).toBeFocused()
  const ring = await focused.evaluate((el) => getComputedStyle(el).boxShadow)
  expect(ring).not.toBe('none')

  // F6 leaves the grid for the next pane (Tab moves between cells inside it).
  await editor.press('F6')
  await expect(editor.page.locator('.side-panel .tab.active')).toBeFocused()
})

test('missing values are shown as marked empty cells, never "undefined"', async ({ editor }) => {
  await editor.open(LARGEST)
  await expect(editor.grid.getByRole('gridcell', { name: 'Time missing' }).first()).toContainText('no time')
  await expect(editor.grid.getByRole('gridcell', { name: 'Speaker missing' }).first()).toContainText('no speaker')
  await expect(editor.grid).not.toContainText('undefined')
})

test.describe('axe-core finds no violations', () => {
  // Start with nothing open, so the scan covers the start screen too.
  test.use({
    workspace: async ({}, use) => {
      const workspace = await createTestWorkspace(undefined, {}, { open: false })
      await use(workspace)
      await workspace.close()
    },
  })

  test('in every main view, light and dark', async ({ editor, page, workspace }) => {
    test.setTimeout(150_000)
    await page.emulateMedia({ colorScheme: 'light' })
    const found: string[] = []
    // A view that adds a part to a page already scanned (a bar, a popup, a dialog) scans that part.
    // Each view is scanned in the light and in the dark scheme (CSS alone, tokens.css: switching
    // it changes colours, not the page), rather than going through every view again for dark.
    const scan = async (view: string, ...parts: string[]) => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        found.push(...(await axeScan(page, `${view} (${scheme})`, parts)))
      }
      await page.emulateMedia({ colorScheme: 'light' })
    }
    const doc = parseEpisode(await editor.original(TEAM))
    const i = lineIndex(doc, 3)

    await page.goto(workspace.server.url)
    await expect(page.getByText('Nothing opened yet.')).toBeVisible()
    await scan('start screen')

    await page.getByLabel('Open a folder of episodes or one episode file').fill(workspace.dir)
    await page.getByRole('button', { name: 'Open', exact: true }).click()
    await expect(editor.episodeButton(TEAM)).toBeVisible()
    await scan('workspace list')

    await editor.episodeButton(TEAM).click()
    await expect(editor.row(0)).toBeVisible()
    await scan('open episode')

    // The player with a file chosen in the page, the spoken row highlighted.
    const recording = await spokenAudio(join(workspace.dataDir, 'recordings'), 'a11y.wav', 'A short recording for the player.')
    await page.getByLabel('Recording file').setInputFiles(recording)
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
    // The episode starts later than this recording ends: time its first line at the playhead (0:00) to see it spoken.
    await editor.select(lineIndex(doc), 'text')
    await editor.press('Alt+t')
    await expect(page.locator('.row.spoken')).toHaveCount(1)
    await scan('player panel', '.player-panel', '.row.spoken')
    await editor.press('Control+z')

    await editor.press('Control+f')
    await page.keyboard.type('data')
    await expect(page.locator('.grid mark').first()).toBeVisible()
    await scan('find bar', '.find-bar', '.grid mark')
    await editor.press('Escape')

    await editor.select(i, 'who')
    await editor.press('F2')
    await expect(page.getByRole('listbox', { name: 'Speakers' })).toBeVisible()
    await scan('speaker picker', '.speaker-picker')
    await editor.press('Escape')

    await editor.press('F1')
    await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible()
    await scan('shortcuts dialog', '[role="dialog"]')
    await editor.press('Escape')

    await page.getByRole('tab', { name: /Problems/ }).click()
    await scan('problems panel', '.side-panel')
    await page.getByRole('tab', { name: /Outline/ }).click()

    await editor.select(i, 'text')
    await editor.press('Alt+r')
    await expect(page.getByRole('dialog', { name: 'Rename speaker' })).toBeVisible()
    await scan('rename dialog', '[role="dialog"]')
    await editor.press('Escape')

    await editor.select(i + 2, 'text', ['Shift'])
    await editor.press('Alt+s')
    await expect(page.getByRole('dialog', { name: 'Swap speakers in the selection' })).toBeVisible()
    await scan('swap dialog', '[role="dialog"]')
    await editor.press('Escape')

    // The chapter list dialog with a preview holding every kind of mark, and a line it cannot read.
    await editor.press('Alt+i')
    const chapters = page.getByRole('dialog', { name: 'Replace sections from chapter list' })
    await chapters.getByLabel(/Chapter list/).fill('00:00:00 Podcast Introduction\nnot a chapter')
    await expect(chapters.getByRole('list', { name: 'Lines that are not chapters' })).toBeVisible()
    await scan('chapter list dialog with an unreadable line', '[role="dialog"]')
    await chapters.getByLabel(/Chapter list/).fill('00:00:00 Podcast Introduction\n00:02:06 The guest in brief\n00:05:00 A new chapter\n00:20:00 Later on')
    await expect(chapters.locator('[data-kind="renamed"]').first()).toBeVisible()
    await expect(chapters.locator('[data-kind="removed"]').first()).toBeVisible()
    await scan('chapter list preview', '[role="dialog"]')
    await editor.press('Escape')
    await editor.press('Alt+Shift+E')
    await expect(page.getByRole('dialog', { name: 'Export sections as a chapter list' })).toBeVisible()
    await scan('export chapters dialog', '[role="dialog"]')
    await editor.press('Escape')

    await editor.press('Shift+F10')
    await editor.press('ArrowRight')
    await expect(page.getByRole('menu', { name: 'Assign speaker' })).toBeVisible()
    await scan('row context menu', '.menu-layer')
    await editor.press('Escape')
    await editor.press('Escape')
    await expect(page.getByRole('menu')).toHaveCount(0)

    // An unsaved edit, a second episode in another tab, the quick switcher, then closing the first tab.
    await editor.select(i, 'who')
    await editor.press('Alt+2')
    await expect(editor.saveState).toHaveText('Unsaved changes')
    await editor.episodeButton('crisp-dm.md').click()
    await expect(page.getByRole('navigation', { name: 'Open episodes' }).locator('.tab-label')).toHaveCount(2)
    await scan('two tabs', '.tab-bar')
    await editor.press('Control+p')
    await expect(page.getByRole('dialog', { name: 'Go to episode' })).toBeVisible()
    await scan('quick switcher', '[role="dialog"]')
    await editor.press('Escape')
    await editor.episodeButton(TEAM).click()
    await editor.press('Control+w')
    const leave = page.getByRole('dialog', { name: 'Save changes?' })
    await expect(leave).toBeVisible()
    await scan('unsaved changes dialog', '[role="dialog"]')
    await leave.getByRole('button', { name: 'Review changes…' }).click()
    await expect(page.getByRole('dialog', { name: 'Review changes' }).locator('.review-patch')).toBeVisible()
    await scan('review changes', '[role="dialog"]')
    await page.getByRole('dialog', { name: 'Review changes' }).getByRole('button', { name: 'Close' }).click()
    await leave.getByRole('button', { name: 'Cancel' }).click()

    // Another program changes the file (also the line whose speaker changed here): the banner,
    // then the conflict on saving, then the merge asking about that line.
    await editor.writeDisk(TEAM, serializeEpisode(setLine(setLine(doc, i + 1, 'Their change.'), i, 'Their wording.')))
    await expect(page.getByTestId('disk-change-banner')).toBeVisible()
    await scan('changed on disk banner', '.banner')
    await editor.press('Control+s')
    const conflict = page.getByRole('dialog', { name: 'The file changed on disk' })
    await expect(conflict).toBeVisible()
    await scan('conflict dialog', '[role="dialog"]')
    await conflict.getByRole('button', { name: 'Show differences' }).click()
    await expect(conflict.locator('.diff-line').first()).toBeVisible()
    await scan('conflict dialog with differences', '[role="dialog"]')
    await conflict.getByRole('button', { name: 'Merge with theirs' }).click()
    const choice = page.getByRole('dialog', { name: 'Choose between your version and theirs' })
    await expect(choice.getByTestId('merge-conflict')).toHaveCount(1)
    await choice.getByRole('radio', { name: /^Theirs/ }).check()
    await scan('merge choice dialog', '[role="dialog"]')

    expect(found).toEqual([])
  })
})
