import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import type { TestWorkspace } from './workspace'

/** A grid column as the page names it. */
export type GridColumn = 'time' | 'who' | 'text'

/** Intent-level helpers over the editor page, so specs read as what a user does. */
export class EditorPage {
  /** Console errors a test expects (e.g. the browser logging a refused request); others fail it. */
  readonly allowedErrors: RegExp[] = []

  constructor(
    readonly page: Page,
    readonly workspace: TestWorkspace,
  ) {}

  /** Loads the app from the server. */
  async goto(): Promise<void> {
    await this.page.goto(this.workspace.server.url)
    await expect(this.page.getByRole('navigation', { name: 'Episodes' })).toBeVisible()
  }

  /** The sidebar button of an episode file. */
  episodeButton(file: string): Locator {
    return this.page.locator(`.file-item[title="${file}"]`)
  }

  /** Opens an episode from the sidebar and waits for its rows. */
  async open(file: string): Promise<void> {
    await this.goto()
    await this.episodeButton(file).click()
    await expect(this.grid).toBeVisible()
    await expect(this.row(0)).toBeVisible()
  }

  get grid(): Locator {
    return this.page.getByRole('grid', { name: 'Transcript' })
  }

  /** The row of entry `index` (0-based, headers included). */
  row(index: number): Locator {
    return this.grid.locator(`[role="row"][aria-rowindex="${index + 2}"]`)
  }

  cell(index: number, column: GridColumn): Locator {
    return this.row(index).locator(`[data-col="${column}"]`)
  }

  /**
   * Scrolls the virtualised grid until the row of entry `index` is rendered: from the rendered row
   * nearest to it and the rows' mean height, jumps to where that row should be, as a drag of the
   * scrollbar would, and corrects until it is there (stepping a screen at a time took 160 steps,
   * 25 s, to the end of a long episode).
   */
  async scrollToRow(index: number): Promise<void> {
    for (let step = 0; step < 400 && (await this.row(index).count()) === 0; step++) {
      await this.grid.locator('.grid-body').evaluate((body, target) => {
        const distance = (row: HTMLElement) => Math.abs(Number(row.dataset.index) - target)
        const nearest = [...body.querySelectorAll<HTMLElement>('[role="row"][data-index]')].sort((a, b) => distance(a) - distance(b))[0]
        const rowCount = Number(body.closest('[role="grid"]')!.getAttribute('aria-rowcount')) - 1
        if (!nearest || rowCount <= 0) {
          body.scrollTop += body.clientHeight * 0.8
          return
        }
        const rowHeight = body.scrollHeight / rowCount
        const top = nearest.offsetTop + (target - Number(nearest.dataset.index)) * rowHeight
        // Aim a third down the view, so the row is rendered whichever way the estimate errs.
        body.scrollTop = Math.max(0, top - body.clientHeight / 3)
      }, index)
      await this.page.waitForTimeout(16)
    }
  }

  /** Clicks a cell (moves the cursor there), scrolling it into the rendered window first. */
  async select(index: number, column: GridColumn = 'text', modifiers: ('Shift' | 'Control')[] = []): Promise<void> {
    await this.scrollToRow(index)
    // The grid may still settle (rows measured after a jump keep the first visible row in place) and
    // take the row out of the rendered window: look for it again rather than wait for it forever.
    for (let attempt = 0; attempt < 3 && !(await this.cell(index, column).isVisible()); attempt++) {
      await this.page.waitForTimeout(100)
      await this.scrollToRow(index)
    }
    await this.cell(index, column).click({ modifiers, position: { x: 6, y: 6 } })
  }

  /** Adds `text` at the end of a row's text as a user would: select, Enter, End, type, Enter (which applies it; Esc would cancel). */
  async appendText(index: number, text: string): Promise<void> {
    await this.select(index, 'text')
    await this.press('Enter')
    await this.press('End')
    await this.page.keyboard.type(text)
    await this.press('Enter')
  }

  /** The CodeMirror content element of the cell being edited. */
  get textEditor(): Locator {
    return this.grid.locator('.cm-content')
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys)
  }

  /** Saves with Ctrl+S and waits until the page says it is saved. */
  async save(): Promise<void> {
    await this.press('Control+s')
    await expect(this.saveState).toHaveText('Saved')
  }

  get saveState(): Locator {
    return this.page.getByTestId('save-state')
  }

  /** The path of a workspace file on disk. */
  path(file: string): string {
    return join(this.workspace.dir, file)
  }

  /** How many recovery drafts the host has journalled. */
  async draftCount(): Promise<number> {
    return (await readdir(join(this.workspace.dataDir, 'drafts')).catch(() => [])).length
  }

  /** The contents of the host's journalled drafts (as stored). */
  async draftTexts(): Promise<string[]> {
    const dir = join(this.workspace.dataDir, 'drafts')
    const names = await readdir(dir).catch(() => [])
    return Promise.all(names.map((name) => readFile(join(dir, name), 'utf8')))
  }

  async readDisk(file: string): Promise<string> {
    return readFile(this.path(file), 'utf8')
  }

  async original(file: string): Promise<string> {
    return readFile(join(this.workspace.sourceDir, file), 'utf8')
  }

  /** Writes a file as another program would. */
  async writeDisk(file: string, text: string): Promise<void> {
    await writeFile(this.path(file), text)
  }
}
