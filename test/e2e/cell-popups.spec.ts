import type { Locator, Page } from '@playwright/test'
import { MESSY_SPEAKERS } from './helpers/episodes'
import type { EditorPage, GridColumn } from './helpers/editor-page'
import { expect, test } from './helpers/fixtures'

test.use({ episodes: [MESSY_SPEAKERS], viewport: { width: 1024, height: 768 } })

/** Where in the grid's view a row is put: its bottom this many pixels above the view's bottom, or its top this far below the view's top. */
type RowPlace = { fromBottom: number } | { fromTop: number }

/** Puts the cursor on a cell and scrolls the grid so its row stands at `place` (the scroll is checked, not assumed). */
async function placeRow(editor: EditorPage, index: number, column: GridColumn, place: RowPlace): Promise<void> {
  await editor.select(index, column)
  const reached = await editor.grid.locator('.grid-body').evaluate(
    (body, { index, place }) => {
      const row = body.querySelector<HTMLElement>(`[data-index="${index}"]`)!
      const top = Number.parseFloat(row.style.top)
      body.scrollTop = 'fromTop' in place ? top - place.fromTop : top + row.offsetHeight - body.clientHeight + place.fromBottom
      const view = body.getBoundingClientRect()
      const box = row.getBoundingClientRect()
      return 'fromTop' in place ? box.top - view.top - place.fromTop : view.bottom - box.bottom - place.fromBottom
    },
    { index, place },
  )
  expect(Math.abs(reached), 'the row stands where the test put it').toBeLessThan(2)
}

/** Checks that a popup lies inside the window and inside the grid's visible area (which clips it). */
async function expectInView(page: Page, editor: EditorPage, popup: Locator, what: string): Promise<void> {
  const box = (await popup.boundingBox())!
  const view = (await editor.grid.locator('.grid-body').boundingBox())!
  const win = page.viewportSize()!
  const inside = (outer: { top: number; bottom: number }) => box.y >= outer.top - 1 && box.y + box.height <= outer.bottom + 1
  expect(inside({ top: 0, bottom: win.height }), `${what} (y ${Math.round(box.y)}–${Math.round(box.y + box.height)}) inside the ${win.height} px window`).toBe(true)
  expect(inside({ top: view.y, bottom: view.y + view.height }), `${what} (y ${Math.round(box.y)}–${Math.round(box.y + box.height)}) inside the grid's view (${Math.round(view.y)}–${Math.round(view.y + view.height)})`).toBe(true)
}

// New-user report, defect 9: row 6’s speaker picker ran off the bottom of a 1024×768 window (row 14 here, as row 6 cannot be scrolled to the bottom without the report’s video player).
for (const place of [{ fromBottom: 20 }, { fromBottom: 90 }, { fromTop: 10 }, { fromTop: 90 }] as RowPlace[]) {
  test(`the speaker picker's list stays in view, keyboard included, with its row ${JSON.stringify(place)} px in the view`, async ({ editor, page }) => {
    await editor.open(MESSY_SPEAKERS)
    await placeRow(editor, 13, 'who', place)
    await editor.press('Enter')
    const input = page.getByRole('combobox', { name: 'Speaker' })
    await expect(input).toBeFocused()
    const list = page.getByRole('listbox', { name: 'Speakers' })
    await expect(list).toBeVisible()
    await expectInView(page, editor, list, 'the list')

    // Every choice can be reached from the keyboard and is scrolled into the list's view when it is chosen.
    const options = list.getByRole('option')
    const count = await options.count()
    expect(count).toBeGreaterThan(5)
    for (const key of ['ArrowUp', 'ArrowDown', 'ArrowDown']) {
      await editor.press(key)
      await expectInView(page, editor, list.locator('[aria-selected="true"]'), `the active choice after ${key}`)
      const active = (await list.locator('[aria-selected="true"]').boundingBox())!
      const shown = (await list.boundingBox())!
      expect(active.y >= shown.y - 1 && active.y + active.height <= shown.y + shown.height + 1, `the active choice is inside the list's box after ${key}`).toBe(true)
    }
    await editor.press('Escape')
    await expect(list).toBeHidden()
  })
}

// New-user report, defect 10: the message of an invalid time near the bottom was cut off by the status bar.
for (const place of [{ fromBottom: 10 }, { fromTop: 10 }] as RowPlace[]) {
  test(`an invalid time's message is shown whole with its row ${JSON.stringify(place)} px in the view`, async ({ editor, page }) => {
    await editor.open(MESSY_SPEAKERS)
    await placeRow(editor, 13, 'time', place)
    await editor.cell(13, 'time').dblclick()
    const input = page.getByRole('textbox', { name: /^Time/ })
    await expect(input).toBeFocused()
    await editor.press('Control+a')
    await page.keyboard.type('abc')
    await editor.press('Enter')
    const message = page.getByRole('alert').filter({ hasText: 'is not a time' })
    await expect(message).toBeVisible()
    await expectInView(page, editor, message, 'the message')
  })
}
