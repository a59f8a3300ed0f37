import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { parseEpisode } from '../../shared/episode/index'
import { KUBEFLOW, LARGEST, MESSY_SPEAKERS, lineIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { hasSiteCorpus } from './helpers/workspace'

/** The episode with the `Alexeylexey` typo in one `who`. */
const TYPO = 's23e05-inside-ai-engineer-role-tools-skills-and-career-path.md'

test.skip(!hasSiteCorpus, 'needs the site checkout of ../shared/corpus')
test.use({ site: true, episodes: [LARGEST, KUBEFLOW, MESSY_SPEAKERS, TYPO] })

/** Saves a screenshot to the test's output folder (or SHOTS_DIR, to look at them together). */
async function save(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? test.info().outputDir, `${name}.png`) })
}

// One page per size: at 1440×900 each view is shot in the light and then the dark scheme (the
// scheme is CSS alone, tokens.css, so switching it changes no layout).
for (const [width, height, schemes] of [
  [1440, 900, ['light', 'dark']],
  [1024, 768, ['light']],
] as const) {
  test(`screenshots of speakers by name at ${width}×${height} (${schemes.join(' and ')})`, async ({ editor, page }) => {
    await page.setViewportSize({ width, height })
    await page.emulateMedia({ colorScheme: schemes[0] })
    const shot = async (p: Page, name: string) => {
      for (const scheme of schemes) {
        await p.emulateMedia({ colorScheme: scheme })
        await save(p, `${name}${scheme === 'dark' ? '-dark' : ''}`)
      }
      await p.emulateMedia({ colorScheme: schemes[0] })
    }
    const row = lineIndex(parseEpisode(await editor.original(LARGEST)), 3)
    await editor.open(`_podcast/${LARGEST}`)
    await editor.select(row, 'who')
    await editor.press('Enter')
    await expect(page.getByRole('option').first()).toBeVisible()
    await shot(page, `picker-${width}`)
    await editor.press('Escape')

    await page.getByRole('list', { name: 'Speakers' }).getByRole('button', { name: /Nick Singh/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Rename speaker' })
    await dialog.getByLabel('New name').fill('Nicholas')
    await dialog.getByRole('checkbox').check()
    await expect(dialog.getByTestId('rename-text-preview')).toBeVisible()
    await shot(page, `rename-${width}`)
    await dialog.getByRole('button', { name: 'Cancel' }).click()

    await editor.episodeButton(`_podcast/${TYPO}`).click()
    await page.getByRole('tab', { name: /Problems/ }).click()
    await page.locator('.problem-list .problem').filter({ hasText: 'Alexeylexey' }).getByRole('button').first().click()
    await shot(page, `typo-${width}`)

    await editor.episodeButton(`_podcast/${KUBEFLOW}`).click()
    await expect(page.getByRole('list', { name: 'Speakers' })).toContainText('Theofilos')
    await shot(page, `kubeflow-${width}`)

    await editor.episodeButton(`_podcast/${MESSY_SPEAKERS}`).click()
    await expect(page.locator('.problem-list .problem').first()).toBeVisible()
    await shot(page, `messy-${width}`)
  })
}
