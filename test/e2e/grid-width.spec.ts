import type { Page } from '@playwright/test'
import { LARGEST, MESSY_SPEAKERS } from './helpers/episodes'
import type { EditorPage } from './helpers/editor-page'
import { expect, test } from './helpers/fixtures'

/**
 * Where the rendered rows of the grid overlap or leave a gap, in words: each row that follows
 * another by index must start where that one ends (within 1 px).
 */
function rowFaults(): string[] {
  const rows = [...document.querySelectorAll<HTMLElement>('.grid-body [role="row"]')]
    .map((el) => ({ index: Number(el.dataset.index), box: el.getBoundingClientRect() }))
    .sort((a, b) => a.index - b.index)
  const faults: string[] = []
  for (let k = 0; k + 1 < rows.length; k++) {
    const a = rows[k]!
    const b = rows[k + 1]!
    if (b.index !== a.index + 1) continue
    const gap = b.box.top - a.box.bottom
    if (gap < -1) faults.push(`row ${a.index + 1} overlaps row ${b.index + 1} by ${Math.round(-gap)} px`)
    else if (gap > 1) faults.push(`a gap of ${Math.round(gap)} px after row ${a.index + 1}`)
  }
  return faults
}

/** Waits until the grid's rows neither overlap nor leave gaps (polled: measuring takes a frame or two). */
async function expectRowsTile(page: Page, when: string): Promise<void> {
  await expect.poll(() => page.evaluate(rowFaults), { message: `rows ${when}`, timeout: 2_000 }).toEqual([])
}

/** The index of the row at the top of the grid's view. */
function topRowIndex(): number {
  const body = document.querySelector('.grid-body')!
  const top = body.getBoundingClientRect().top + 1
  const row = [...body.querySelectorAll<HTMLElement>('[role="row"]')].find((el) => {
    const box = el.getBoundingClientRect()
    return box.top <= top && box.bottom > top
  })
  return Number(row?.dataset.index ?? -1)
}

/** Opens an episode, puts the cursor on row `cursorRow` (1-based) and scrolls row `topRow` to the top of the view. */
async function openScrolled(editor: EditorPage, file: string, cursorRow: number, topRow: number): Promise<void> {
  await editor.open(file)
  await editor.select(cursorRow - 1, 'text')
  await editor.scrollToRow(topRow - 1)
  await editor.grid.locator('.grid-body').evaluate((body, index) => {
    const row = body.querySelector<HTMLElement>(`[data-index="${index}"]`)!
    body.scrollTop = row.offsetTop - 40
  }, topRow - 1)
  await expectRowsTile(editor.page, 'after scrolling')
}

test.use({ episodes: [LARGEST, MESSY_SPEAKERS] })

// New-user report, defect 6: section headers that wrap once the grid gets narrower were drawn under
// the next row (their heights were not measured again), with a blank gap elsewhere.
for (const { file, cursorRow, topRow } of [
  { file: LARGEST, cursorRow: 19, topRow: 13 },
  { file: MESSY_SPEAKERS, cursorRow: 12, topRow: 4 },
]) {
  test(`rows of ${file} neither overlap nor leave gaps when the grid gets narrower or wider`, async ({ editor, page }) => {
    await openScrolled(editor, file, cursorRow, topRow)

    // The search-across-episodes panel takes the sidebar's place and is wider: the grid narrows.
    const before = await editor.grid.boundingBox()
    const shownFirst = await page.evaluate(topRowIndex)
    await editor.press('Control+Shift+f')
    await expect(page.getByRole('search', { name: 'Search all episodes' })).toBeVisible()
    await expect.poll(async () => (await editor.grid.boundingBox())!.width).toBeLessThan(before!.width - 50)
    await expectRowsTile(page, 'with the search panel open')
    expect(await page.evaluate(topRowIndex), 'the row at the top of the view stays there').toBe(shownFirst)

    // Closing it widens the grid again; so do a smaller and a larger window.
    await editor.press('Escape')
    await expect(page.getByRole('search', { name: 'Search all episodes' })).toBeHidden()
    await expectRowsTile(page, 'after the search panel closed')
    await page.setViewportSize({ width: 1024, height: 768 })
    await expectRowsTile(page, 'in a 1024 px window')
    await page.setViewportSize({ width: 1440, height: 900 })
    await expectRowsTile(page, 'in a 1440 px window')
  })
}
