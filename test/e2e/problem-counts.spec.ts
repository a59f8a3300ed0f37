import type { Page } from '@playwright/test'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { parseEpisode } from '../../shared/episode/index'
import { KUBEFLOW, TEAM, lineIndex } from './helpers/episodes'
import type { EditorPage } from './helpers/editor-page'
import { expect, test } from './helpers/fixtures'
import { hasSiteCorpus } from './helpers/workspace'

/** The episode with the `Alexeylexey` typo in one `who` (an unknown speaker in a site checkout). */
const TYPO = 's23e05-inside-ai-engineer-role-tools-skills-and-career-path.md'

/** The count the open episode's header shows, once its problems are checked. */
async function headerCount(page: Page): Promise<number> {
  const button = page.getByRole('button', { name: /^\d+ problems; show them$/ })
  await expect(button).toBeVisible()
  return Number((await button.getAttribute('aria-label'))!.split(' ')[0])
}

/** How many problems `transcript-editor check` reports for a file (with the app's settings when given its data folder). */
function checkCount(file: string, dataDir?: string): number {
  const bin = join(import.meta.dirname, '../../bin/transcript-editor.js')
  const args = [bin, 'check', '--json', ...(dataDir ? ['--data-dir', dataDir] : []), file]
  const result = spawnSync(process.execPath, args, { encoding: 'utf8' })
  return (JSON.parse(result.stdout) as { problems: unknown[] }).problems.length
}

/** Checks that the sidebar shows the header's count for an episode (reloading the list as a watch event would). */
async function expectSameCounts(editor: EditorPage, file: string): Promise<number> {
  await editor.open(file)
  const count = await headerCount(editor.page)
  expect(count).toBeGreaterThan(0)
  await expect(editor.episodeButton(file).locator('.file-problems')).toHaveText(`${count} problems`)
  return count
}

test.describe('outside a site checkout', () => {
  test.use({ episodes: [TEAM] })

  test('the list and `check` count the problems the open episode’s header counts, and follow a rule switched off in Settings', async ({ editor }) => {
    await editor.goto()
    const before = await expectSameCounts(editor, TEAM)
    expect(checkCount(join(editor.workspace.dir, TEAM)), 'the command line counts as the app').toBe(before)

    const page = editor.page
    await editor.press('Control+,')
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await dialog.getByRole('switch', { name: 'Straight and curly quotes mixed in one entry' }).uncheck()
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(dialog).toBeHidden()
    await expect(page.getByRole('button', { name: /^\d+ problems; show them$/ })).not.toHaveAttribute('aria-label', `${before} problems; show them`)
    const after = await headerCount(page)
    expect(after).toBeLessThan(before)
    await expect(editor.episodeButton(TEAM).locator('.file-problems')).toHaveText(`${after} problems`)
    expect(checkCount(join(editor.workspace.dir, TEAM), editor.workspace.dataDir), 'check with the app\'s data folder counts with its settings').toBe(after)
  })
})

test.describe('after a save', () => {
  test.use({ episodes: [TEAM] })

  test('the list shows the saved episode’s new count without another episode being opened', async ({ editor }) => {
    await editor.goto()
    const i = lineIndex(parseEpisode(await editor.original(TEAM)), 3)
    const before = await expectSameCounts(editor, TEAM)
    // Straight and curly quotes in one entry: one more problem.
    await editor.appendText(i, ' He said "yes" and \u201cno\u201d.')
    await expect(editor.page.getByRole('button', { name: /^\d+ problems; show them$/ })).not.toHaveAttribute('aria-label', `${before} problems; show them`)
    const after = await headerCount(editor.page)
    await editor.save()
    await expect(editor.episodeButton(TEAM).locator('.file-problems')).toHaveText(`${after} problems`)
  })
})

test.describe('in a site checkout', () => {
  test.skip(!hasSiteCorpus, 'needs the site checkout of ../shared/corpus')
  test.use({ site: true, episodes: [TEAM, TYPO, KUBEFLOW] })

  test('the list and `check` count unknown speakers and section copies as the header does', async ({ editor }) => {
    await editor.goto()
    // KUBEFLOW's 112 lines by `Theo:` are unknown speakers, which `check` once left out.
    for (const file of [TEAM, KUBEFLOW, TYPO]) {
      const count = await expectSameCounts(editor, `_podcast/${file}`)
      expect(checkCount(join(editor.workspace.dir, file)), `check counts ${file} as the app`).toBe(count)
    }
    // The count includes the checks only a site checkout has: here the unknown speaker.
    await editor.page.getByRole('tab', { name: /Problems/ }).click()
    await expect(editor.page.getByRole('tabpanel')).toContainText('"Alexeylexey" is not one of this episode\'s speakers')
  })
})
