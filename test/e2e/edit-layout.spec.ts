import type { Locator } from '@playwright/test'
import { isHeader, parseEpisode } from '../../shared/episode/index'
import { LARGEST, field, findIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

/** Word boxes of a cell's text, read in the cell editor when one is open (in its shadow root if it has one). */
async function wordBoxes(cell: Locator): Promise<{ word: string; x: number; y: number; w: number }[]> {
  return cell.evaluate((el) => {
    const host = el.querySelector('.text-editor-host')
    const root: ParentNode = (host?.shadowRoot ?? host)?.querySelector('.cm-content') ?? el.querySelector('.line-text, .header-text')!
    // CodeMirror splits long lines over several text nodes: map each character to its node first.
    const nodes: { node: Node; offset: number }[] = []
    const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let k = 0; k < (node.textContent ?? '').length; k++) nodes.push({ node, offset: k })
    }
    const text = nodes.map((c) => c.node.textContent![c.offset]).join('')
    const words: { word: string; x: number; y: number; w: number }[] = []
    for (const m of text.matchAll(/\S+/g)) {
      const start = nodes[m.index]!
      const end = nodes[m.index + m[0].length - 1]!
      const range = document.createRange()
      range.setStart(start.node, start.offset)
      range.setEnd(end.node, end.offset + 1)
      const rects = [...range.getClientRects()].filter((r) => r.width > 0)
      const r = rects[0]
      if (r) words.push({ word: m[0], x: r.x, y: r.y, w: rects.reduce((sum, q) => sum + q.width, 0) })
    }
    return words
  })
}

/** Checks that every word sits where it sat before, within 1 px. */
function expectSameLayout(before: Awaited<ReturnType<typeof wordBoxes>>, after: Awaited<ReturnType<typeof wordBoxes>>): void {
  expect(after.map((b) => b.word)).toEqual(before.map((b) => b.word))
  const moved = before
    .map((b, k) => ({ word: b.word, dx: after[k]!.x - b.x, dy: after[k]!.y - b.y, dw: after[k]!.w - b.w }))
    .filter((d) => Math.abs(d.dx) > 1 || Math.abs(d.dy) > 1 || Math.abs(d.dw) > 1)
  expect(moved, 'words that moved when the cell entered edit mode').toEqual([])
}

for (const width of [1024, 1440]) {
  test(`entering edit mode keeps every word of a long line where it was (${width} px)`, async ({ editor, page }) => {
    await page.setViewportSize({ width, height: 800 })
    const doc = parseEpisode(await editor.original(LARGEST))
    const i = findIndex(doc, (k) => !isHeader(doc.entries[k]!) && field(doc, k, 'line').length > 500, 'a long line')
    await editor.open(LARGEST)
    await editor.select(i, 'text')
    const cell = editor.cell(i, 'text')
    const before = await wordBoxes(cell)
    expect(before.length).toBeGreaterThan(80)
    await editor.press('F2')
    await expect(editor.textEditor).toBeFocused()
    expectSameLayout(before, await wordBoxes(cell))

    // The same for the longest section header, whose text is larger and bolder and wraps beside the row's buttons.
    const headers = doc.entries.map((e, k) => (isHeader(e) ? k : -1)).filter((k) => k >= 0)
    const h = headers.sort((a, b) => field(doc, b, 'header').length - field(doc, a, 'header').length)[0]!
    await editor.press('Escape')
    await editor.select(h, 'text')
    const headerBefore = await wordBoxes(editor.cell(h, 'text'))
    await editor.press('F2')
    await expect(editor.textEditor).toBeFocused()
    expectSameLayout(headerBefore, await wordBoxes(editor.cell(h, 'text')))
  })
}

test('typing at the end of a line below the visible rows scrolls the grid so the caret stays in view', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = findIndex(doc, (k) => !isHeader(doc.entries[k]!) && field(doc, k, 'line').length > 500, 'a long line')
  await editor.open(LARGEST)
  await editor.select(i, 'text')
  // Put the top of the long line at the bottom edge of the grid, its end far below.
  await page.locator('.grid-body').evaluate((body, index) => {
    const row = body.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`)!
    body.scrollTop = row.offsetTop - body.clientHeight + 30
  }, i)
  await editor.press('F2')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Control+End')
  await page.keyboard.type('xy')
  await expect
    .poll(() =>
      page.evaluate(() => {
        const caret = document.getSelection()!.getRangeAt(0).getBoundingClientRect()
        const grid = document.querySelector('.grid-body')!.getBoundingClientRect()
        return caret.height > 0 && caret.top >= grid.top && caret.bottom <= grid.bottom
      }),
    )
    .toBe(true)
})

test('a line that wraps while typing grows its cell in the frame that shows it', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1024, height: 700 })
  const doc = parseEpisode(await editor.original(LARGEST))
  const i = findIndex(doc, (k) => !isHeader(doc.entries[k]!) && field(doc, k, 'line').length > 100, 'a line of a few lines')
  await editor.open(LARGEST)
  await editor.select(i, 'text')
  await editor.press('F2')
  await expect(editor.textEditor).toBeFocused()
  await editor.press('Control+End')
  // The editor's host is a relayout boundary with a set height: at every frame's resize
  // observation (after layout, before paint) it must be as tall as the editor inside it, and the
  // row must hold the host.
  await page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('.text-editor-host')!
    const editorEl = host.querySelector<HTMLElement>('.cm-editor')!
    const row = host.closest<HTMLElement>('[role="row"]')!
    const w = window as unknown as { __fit: { resizes: number; mismatches: string[] } }
    w.__fit = { resizes: 0, mismatches: [] }
    new ResizeObserver(() => {
      w.__fit.resizes++
      const [h, e, r] = [host, editorEl, row].map((el) => el.getBoundingClientRect())
      if (Math.abs(h!.height - e!.height) > 0.5 || h!.bottom > r!.bottom + 0.5) w.__fit.mismatches.push(`host ${h!.height}, editor ${e!.height}, row bottom ${r!.bottom}, host bottom ${h!.bottom}`)
    }).observe(editorEl)
  })
  const heightBefore = await page.locator('.text-editor-host').evaluate((el) => el.getBoundingClientRect().height)
  await page.keyboard.type(' and some more words to make this line wrap'.repeat(4))
  await expect.poll(() => page.locator('.text-editor-host').evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThan(heightBefore)
  const fit = await page.evaluate(() => (window as unknown as { __fit: { resizes: number; mismatches: string[] } }).__fit)
  expect(fit.resizes, 'the editor grew while typing').toBeGreaterThan(1)
  expect(fit.mismatches, 'frames where the host did not fit the editor').toEqual([])
})

test('at 1024×768 with the find bar and the player open, the rows keep most of the window', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await editor.open(LARGEST)
  await editor.press('Control+f')
  await page.keyboard.type('data')
  await expect(page.locator('.player-panel')).toBeVisible()
  const height = (selector: string) => page.locator(selector).first().evaluate((el) => el.getBoundingClientRect().height)
  expect(await height('.tab-bar'), 'the episode tabs take one line of text').toBeLessThanOrEqual(40)
  expect(await height('.grid-body'), 'the rows’ share of the 768 px (356 px before the summary was made compact)').toBeGreaterThanOrEqual(410)
  await expect(page.locator('.episode-title')).toHaveAttribute('title', /.+/)
})
