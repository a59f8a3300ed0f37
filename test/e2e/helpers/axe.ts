import axe from 'axe-core'
import type { Page } from '@playwright/test'

/** One axe-core violation, as one line a failing test can print. */
export type AxeFinding = string

/**
 * Runs axe-core in the page (WCAG 2 A/AA and best-practice rules) and describes each violation
 * as `view: rule (count: first targets) help`. With `parts` (CSS selectors), only those parts of
 * the page are checked, for a view that adds a bar, popup or dialog to a page already scanned.
 */
export async function axeScan(page: Page, view: string, parts: readonly string[] = []): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source)
  const violations = await page.evaluate(async (include) => {
    const run = (window as unknown as { axe: typeof axe }).axe.run
    const context = include.length ? { include: include.map((s) => [s]) } : document
    const result = await run(context as Parameters<typeof run>[0], { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }))
  }, [...parts])
  return violations.map((v) => `${view}: ${v.id} (${v.targets.length}: ${v.targets.slice(0, 3).join(' | ')}) ${v.help}`)
}
