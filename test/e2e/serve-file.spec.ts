import { parseEpisode, transcriptToJson } from '../../shared/episode/index'
import { TEAM } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { createTestWorkspace } from './helpers/workspace'

// `transcript-editor serve FILE`: the page shows that episode's table at once, and its address
// keeps no token.

test.use({ workspace: async ({}, use) => {
  const workspace = await createTestWorkspace(undefined, {}, { openFile: TEAM })
  await use(workspace)
  await workspace.close()
} })

test('serve FILE shows that file\'s table straight away, with the token gone from the address', async ({ editor, workspace, page }) => {
  await page.goto(workspace.server.url)
  await expect(editor.grid).toBeVisible()
  await expect(editor.row(0)).toBeVisible()
  const first = transcriptToJson(parseEpisode(await editor.readDisk(TEAM)))[0] as { line?: string; header?: string }
  await expect(editor.row(0)).toContainText((first.line ?? first.header ?? '').slice(0, 30))
  expect(new URL(page.url()).searchParams.has('token')).toBe(false)
  // A reload keeps working on the cookie alone.
  await page.reload()
  await expect(editor.row(0)).toBeVisible()
})
