import { test as base, expect, type Page } from '@playwright/test'
import { EditorPage } from './editor-page'
import { createTestWorkspace, TEST_EPISODES, type TestWorkspace } from './workspace'

/** Fixtures of the end-to-end tests: a served temp workspace and the editor page on it. */
export interface EditorFixtures {
  /** The episode files copied into the workspace (`test.use({ episodes })` to choose others). */
  episodes: readonly string[]
  /** Serve a site checkout (`_podcast/` beside the corpus's `_people/` and `podcast-timestamps/`), opened at its root. */
  site: boolean
  workspace: TestWorkspace
  editor: EditorPage
}

/** Console errors and CSP violations of a page; a test fails when any were seen. */
function watchPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return errors
}

/** `test` with a fresh workspace and server per test. */
export const test = base.extend<EditorFixtures>({
  episodes: [TEST_EPISODES, { option: true }],
  site: [false, { option: true }],
  workspace: async ({ episodes, site }, use) => {
    const workspace = await createTestWorkspace(episodes, {}, { site })
    await use(workspace)
    await workspace.close()
  },
  editor: async ({ page, workspace }, use) => {
    const errors = watchPageErrors(page)
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))
    })
    const editor = new EditorPage(page, workspace)
    await use(editor)
    expect(errors.filter((e) => !editor.allowedErrors.some((r) => r.test(e))), 'console errors or CSP violations').toEqual([])
  },
})

/** Playwright's `expect`, re-exported so specs import both from one place. */
export { expect }
