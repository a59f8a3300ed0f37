import { parseEpisode, summarizeEpisode } from '../../shared/episode/index'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { createTestWorkspace } from './helpers/workspace'

test.use({ workspace: async ({}, use) => {
  const workspace = await createTestWorkspace(undefined, {}, { open: false })
  await use(workspace)
  await workspace.close()
} })

test('with nothing open, the start screen opens a folder typed in the path field and remembers it', async ({ editor, workspace, page }) => {
  // The browser logs the refused request for the missing folder.
  editor.allowedErrors.push(/Failed to load resource: the server responded with a status of 4\d\d/)
  await page.goto(workspace.server.url)
  await expect(page.getByRole('heading', { name: 'Transcript Editor' })).toBeVisible()
  await expect(page.getByText('Nothing opened yet.')).toBeVisible()
  await page.getByLabel('Open a folder of episodes or one episode file').fill('/no/such/folder')
  await page.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(page.getByRole('alert')).toBeVisible()
  await page.getByLabel('Open a folder of episodes or one episode file').fill(workspace.dir)
  await page.getByRole('button', { name: 'Open', exact: true }).click()
  await expect(editor.episodeButton(TEAM)).toBeVisible()
  const title = summarizeEpisode(parseEpisode(await editor.readDisk(TEAM))).title!
  await editor.episodeButton(TEAM).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  const recent = await workspace.server.services.listRecent()
  expect(recent.map((r) => r.path)).toContain(workspace.dir)
})
