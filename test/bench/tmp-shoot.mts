import { chromium } from '@playwright/test'
import { cpSync, mkdtempSync, mkdirSync, chmodSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '../../electron/server/serve'

const root = mkdtempSync(join(tmpdir(), 'shots-'))
const podcast = join(root, '_podcast')
mkdirSync(podcast)
const src = '/work/shared/corpus/episodes'
for (const n of readdirSync(src)) { cpSync(join(src, n), join(podcast, n)); chmodSync(join(podcast, n), 0o644) }
const server = await startServer({ dataDir: join(root, 'data'), rendererDir: '/work/main/dist/renderer', openPath: podcast })
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' })
const files = ['data-interview-behavioral-and-portfolio-prep-guide.md', 'applied-llm-research-and-career-growth-in-practice.md', 'building-data-team.md']
for (const [w, h] of [[1024, 768], [1440, 900]] as const) {
  const page = await browser.newPage({ viewport: { width: w, height: h } })
  await page.goto(server.url)
  for (const f of files) {
    await page.locator(`.file-item[title="${f}"]`).click()
    await page.locator('[role="row"][aria-rowindex="2"]').waitFor()
  }
  // An unsaved edit in the messy one, then review
  await page.locator('.tab[data-file="applied-llm-research-and-career-growth-in-practice.md"] .tab-label').click()
  await page.locator('[role="row"][aria-rowindex="3"] [data-col="text"]').click()
  await page.keyboard.press('Enter'); await page.keyboard.press('End'); await page.keyboard.type(' (edited)'); await page.keyboard.press('Escape')
  await page.waitForTimeout(400)
  await page.screenshot({ path: `/tmp/lead-shots/tabs-${w}.png` })
  await page.keyboard.press('Control+Shift+d')
  await page.waitForTimeout(300)
  await page.screenshot({ path: `/tmp/lead-shots/review-${w}.png` })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+p')
  await page.keyboard.type('s1')
  await page.waitForTimeout(300)
  await page.screenshot({ path: `/tmp/lead-shots/quick-${w}.png` })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+w')
  await page.waitForTimeout(300)
  await page.screenshot({ path: `/tmp/lead-shots/leave-${w}.png` })
  await page.close()
}
await browser.close()
await server.close()
