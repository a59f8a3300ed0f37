import { relative } from 'node:path'
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

/**
 * Lists every skipped test with the reason it gave (`test.skip(condition, reason)`), after the
 * run: the list reporter shows only that a test was skipped, not why.
 */
export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = []

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return
    const reasons = test.annotations.filter((a) => a.type === 'skip' && a.description).map((a) => a.description)
    this.skipped.push(`${relative(process.cwd(), test.location.file)} › ${test.titlePath().filter(Boolean).slice(1).join(' › ')}\n      skipped: ${reasons.join('; ') || 'no reason given'}`)
  }

  onEnd(): void {
    if (this.skipped.length > 0) console.log(`\n  Skipped tests and why:\n${this.skipped.map((s) => `    ${s}`).join('\n')}\n`)
  }

  printsToStdio(): boolean {
    return false
  }
}
