/** The window's panes in F6 order, each with the element that takes focus when the pane is entered. */
const PANES: readonly string[] = [
  '.file-item[tabindex="0"], .sidebar-filter',
  '.toolbar button:not([disabled])',
  '.grid-body .cell.cursor, .grid-body .cell',
  '.side-panel .tab.active',
]

/**
 * Moves keyboard focus to the next (or previous) pane: episodes, toolbar, transcript, outline.
 * It is also the way out of the transcript grid, where Tab moves between cells.
 */
export function focusNextPane(delta: 1 | -1): boolean {
  const targets = PANES.map((selector) => document.querySelector<HTMLElement>(selector)).filter((el): el is HTMLElement => el !== null)
  if (targets.length === 0) return false
  const active = document.activeElement
  const current = targets.findIndex((el) => el === active || el.closest('nav, .toolbar, .grid, .side-panel')?.contains(active))
  const next = targets[(current + delta + targets.length) % targets.length]!
  next.focus()
  return true
}
