/** One line of a unified diff. */
export interface DiffLine {
  readonly kind: 'same' | 'removed' | 'added'
  readonly text: string
  /** 1-based line numbers in the old and new text (null when the line is not on that side). */
  readonly oldLine: number | null
  readonly newLine: number | null
}

/** A run of changed lines with up to `context` unchanged lines around it. */
export interface DiffHunk {
  readonly lines: readonly DiffLine[]
}

/** Beyond this many changed lines in the middle, lines are shown as all removed then all added. */
const LCS_LIMIT = 4_000_000

/**
 * A line diff of two texts as hunks with context. Common head and tail are trimmed first, so
 * the usual local edit costs almost nothing; the middle is diffed by longest common subsequence.
 */
export function diffLines(before: string, after: string, context = 3): DiffHunk[] {
  const a = before.split(/\r?\n/)
  const b = after.split(/\r?\n/)
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  const all: DiffLine[] = []
  for (let i = 0; i < head; i++) all.push({ kind: 'same', text: a[i]!, oldLine: i + 1, newLine: i + 1 })
  let oldNo = head
  let newNo = head
  for (const op of middle(midA, midB)) {
    if (op.kind === 'same') all.push({ kind: 'same', text: op.text, oldLine: ++oldNo, newLine: ++newNo })
    else if (op.kind === 'removed') all.push({ kind: 'removed', text: op.text, oldLine: ++oldNo, newLine: null })
    else all.push({ kind: 'added', text: op.text, oldLine: null, newLine: ++newNo })
  }
  for (let i = 0; i < tail; i++) all.push({ kind: 'same', text: a[a.length - tail + i]!, oldLine: ++oldNo, newLine: ++newNo })
  return toHunks(all, context)
}

function middle(a: readonly string[], b: readonly string[]): { kind: DiffLine['kind']; text: string }[] {
  const n = a.length
  const m = b.length
  if (n * m > LCS_LIMIT) return [...a.map((text) => ({ kind: 'removed' as const, text })), ...b.map((text) => ({ kind: 'added' as const, text }))]
  const width = m + 1
  const table = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!)
    }
  }
  const ops: { kind: DiffLine['kind']; text: string }[] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'same', text: a[i]! })
      i++
      j++
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) ops.push({ kind: 'removed', text: a[i++]! })
    else ops.push({ kind: 'added', text: b[j++]! })
  }
  while (i < n) ops.push({ kind: 'removed', text: a[i++]! })
  while (j < m) ops.push({ kind: 'added', text: b[j++]! })
  return ops
}

function toHunks(lines: readonly DiffLine[], context: number): DiffHunk[] {
  const changed: number[] = []
  lines.forEach((l, i) => {
    if (l.kind !== 'same') changed.push(i)
  })
  const hunks: DiffHunk[] = []
  let g = 0
  while (g < changed.length) {
    let end = g
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! <= 2 * context + 1) end++
    const from = Math.max(0, changed[g]! - context)
    const to = Math.min(lines.length, changed[end]! + context + 1)
    hunks.push({ lines: lines.slice(from, to) })
    g = end + 1
  }
  return hunks
}
