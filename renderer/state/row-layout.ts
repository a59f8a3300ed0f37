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

/** The text length of each entry of a document (-1 for a header), what the height guesses need. */
const textLengths = new WeakMap<readonly Entry[], Int32Array>()

function textLengthsOf(entries: readonly Entry[]): Int32Array {
  let lengths = textLengths.get(entries)
  if (lengths === undefined) {
    lengths = new Int32Array(entries.length)
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!
      lengths[i] = isHeader(e) ? -1 : (lineText(e) ?? '').length
    }
    textLengths.set(entries, lengths)
  }
  return lengths
}

/**
 * Top offsets of every row (and the total height as the last element). A row not measured yet
 * has a height guessed from its text length and the grid width; the lengths are read once per
 * document (an open lays the rows out at least twice: before and after their first measures).
 */
export function computeOffsets(entries: readonly Entry[], measured: ReadonlyMap<EntryId, number>, width: number): Float64Array {
  const lengths = textLengthsOf(entries)
  const perLine = Math.max(10, Math.floor(Math.max(120, width - ROW_METRICS.fixedColumns) / ROW_METRICS.charWidth))
  const offsets = new Float64Array(entries.length + 1)
  let y = 0
  for (let i = 0; i < entries.length; i++) {
    offsets[i] = y
    const length = lengths[i]!
    y += measured.get(entries[i]!.id) ?? (length < 0 ? ROW_METRICS.headerHeight : Math.max(1, Math.ceil(length / perLine)) * ROW_METRICS.lineHeight + ROW_METRICS.rowPadding)
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
