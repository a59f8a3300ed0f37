import { isHeader, type Entry, type EntryId } from '../../shared/episode/index'
import { lineText } from './selectors'

/** Pixel metrics the height estimate uses (kept in step with grid.css). */
const ROW_METRICS = {
  lineHeight: 21,
  rowPadding: 17,
  headerHeight: 46,
  charWidth: 7.4,
  /** Width of the gutter, time and speaker columns plus the text cell's horizontal padding. */
  fixedColumns: 44 + 76 + 148 + 28,
} as const

/** A height guess for a row not measured yet, from its text length and the grid width. */
function estimateHeight(entry: Entry, width: number): number {
  if (isHeader(entry)) return ROW_METRICS.headerHeight
  const text = lineText(entry) ?? ''
  const textWidth = Math.max(120, width - ROW_METRICS.fixedColumns)
  const perLine = Math.max(10, Math.floor(textWidth / ROW_METRICS.charWidth))
  const lines = Math.max(1, Math.ceil(text.length / perLine))
  return lines * ROW_METRICS.lineHeight + ROW_METRICS.rowPadding
}

/**
 * Top offsets of every row (and the total height as the last element). Estimates are computed
 * afresh each time: that costs less than remembering them per entry (a WeakMap entry per row,
 * all made again when the width changes), most of all when an episode opens.
 */
export function computeOffsets(entries: readonly Entry[], measured: ReadonlyMap<EntryId, number>, width: number): Float64Array {
  const offsets = new Float64Array(entries.length + 1)
  let y = 0
  for (let i = 0; i < entries.length; i++) {
    offsets[i] = y
    const e = entries[i]!
    y += measured.get(e.id) ?? estimateHeight(e, width)
  }
  offsets[entries.length] = y
  return offsets
}

/** The index of the row containing `y` (binary search over the offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1
  if (n <= 0) return 0
  let lo = 0
  let hi = n - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (offsets[mid]! <= y) lo = mid
    else hi = mid - 1
  }
  return lo
}
