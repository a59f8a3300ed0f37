import { defineConfig } from '@playwright/test'

/** Chromium flags for running as root in a container without a GPU. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** Debian's Chromium with those flags (Playwright's own browser download is not available here). */
export const chromiumLaunchOptions = { executablePath: '/usr/bin/chromium', args: chromiumArgs }

// Each test starts the real browser-mode server on its own temporary copy of real episodes
// (test/e2e/helpers/fixtures.ts); the global setup builds the renderer it serves.
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/helpers/global-setup.ts',
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['./test/e2e/helpers/skip-reasons-reporter.ts']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
})
