import type { Episode } from './episode'
import type { Entry } from './types'
import { isHeader, textOf, valueOf } from './entry'
import { formatTime } from './time'

/** A problem the linter found in one entry. Codes are stable strings, for scripts and tests. */
export interface Problem {
  /** Index of the entry (0-based, headers included). */
  readonly entry: number
  readonly severity: 'error' | 'warning'
  readonly code: LintCode
  readonly message: string
}

/** The linter's problem codes. */
export type LintCode =
  | 'sec-backwards'
  | 'time-mismatch'
  | 'missing-who'
  | 'rare-speaker'
  | 'long-speaker'
  | 'empty-line'
  | 'header-without-line'
  | 'ambiguous-value'
  // Copies of the sections (shared/chapters/chapter-lint.ts)
  | 'clip-mismatch'
  | 'duration-mismatch'
  | 'chapter-list-mismatch'
  // Typography of headers and lines (shared/typography/typography-lint.ts)
  | 'typography-dash'
  | 'typography-double-space'
  | 'typography-space-before-punctuation'
  | 'typography-unbalanced-quotes'
  | 'typography-mixed-quotes'

/** How serious a problem is, and the cell it is about (`text`: the line's or the header's text). */
export interface LintRule {
  readonly severity: 'error' | 'warning'
  readonly column: 'time' | 'who' | 'text'
}

/**
 * The one table of what each problem code is: the linter stamps its severity on every problem,
 * and the editor flags and jumps to its column, so no view restates it.
 */
export const lintRules: Readonly<Record<LintCode, LintRule>> = {
  'sec-backwards': { severity: 'warning', column: 'time' },
  'time-mismatch': { severity: 'warning', column: 'time' },
  'missing-who': { severity: 'warning', column: 'who' },
  'rare-speaker': { severity: 'warning', column: 'who' },
  'long-speaker': { severity: 'warning', column: 'who' },
  'empty-line': { severity: 'warning', column: 'text' },
  'header-without-line': { severity: 'warning', column: 'text' },
  'ambiguous-value': { severity: 'warning', column: 'text' },
  'clip-mismatch': { severity: 'warning', column: 'text' },
  'duration-mismatch': { severity: 'warning', column: 'time' },
  'chapter-list-mismatch': { severity: 'warning', column: 'text' },
  'typography-dash': { severity: 'warning', column: 'text' },
  'typography-double-space': { severity: 'warning', column: 'text' },
  'typography-space-before-punctuation': { severity: 'warning', column: 'text' },
  'typography-unbalanced-quotes': { severity: 'warning', column: 'text' },
  'typography-mixed-quotes': { severity: 'warning', column: 'text' },
}

/** Speaker counts by entry list (lists are never changed in place: an edit makes a new one). */
const countsByEntries = new WeakMap<readonly Entry[], ReadonlyMap<string, number>>()

/**
 * Counts `who` values over the line entries, most used first. Remembered per entry list: opening
 * an episode asks for them several times (roster, summary, speaker choices, lint).
 */
export function speakerCounts(doc: Episode): ReadonlyMap<string, number> {
  let sorted = countsByEntries.get(doc.entries)
  if (sorted) return sorted
  const counts = new Map<string, number>()
  for (const e of doc.entries) {
    const who = textOf(e, 'who')
    if (who !== undefined && !isHeader(e)) counts.set(who, (counts.get(who) ?? 0) + 1)
  }
  sorted = new Map([...counts].sort((a, b) => b[1] - a[1]))
  countsByEntries.set(doc.entries, sorted)
  return sorted
}

/**
 * Finds what editors should look at: times going backwards, `time` not matching `sec`,
 * missing or suspicious speakers, empty lines, headers with no line after them, and values
 * written plain that some YAML reader misreads. It reports; it never changes anything.
 */
export function lintEpisode(doc: Episode): Problem[] {
  const problems: Problem[] = []
  const add = (entry: number, code: LintCode, message: string) => problems.push({ entry, severity: lintRules[code].severity, code, message })
  const counts = speakerCounts(doc)
  const most = Math.max(0, ...counts.values())
  let lastSec: number | undefined
  doc.entries.forEach((e, i) => {
    if (isHeader(e)) {
      const next = doc.entries[i + 1]
      if (!next || isHeader(next)) add(i, 'header-without-line', 'This header is not followed by any line')
    } else {
      const sec = valueOf(e, 'sec')
      const time = valueOf(e, 'time')
      if (typeof sec === 'number') {
        if (lastSec !== undefined && sec < lastSec) add(i, 'sec-backwards', `Time goes backwards: ${formatTime(sec)} comes after ${formatTime(lastSec)}`)
        lastSec = sec
        if (time !== undefined && time !== formatTime(sec) && time !== formatTime(sec, true)) {
          add(i, 'time-mismatch', typeof time === 'string'
            ? `"time" is ${time} but "sec" ${sec} is ${formatTime(sec)}`
            : `"time" is read as ${JSON.stringify(time)}, not as a time, by YAML 1.1 readers such as Jekyll; "sec" ${sec} is ${formatTime(sec)}`)
        }
        if (valueOf(e, 'who') === undefined) add(i, 'missing-who', 'This line has a time but no speaker')
      }
      const who = textOf(e, 'who')
      if (who !== undefined) {
        if (who.length > 40) add(i, 'long-speaker', `The speaker is ${who.length} characters long; is text in the wrong field?`)
        else if (counts.get(who) === 1 && most >= 5) add(i, 'rare-speaker', `"${who}" speaks only once here; a typo of another speaker?`)
      }
      if ((textOf(e, 'line') ?? '').trim() === '') add(i, 'empty-line', 'This line is empty')
    }
    const source = e.source
    if (source && source.ambiguous.length > 0 && e.pairs === source.pairs) {
      for (const key of source.ambiguous) {
        add(i, 'ambiguous-value', `"${key}: ${String(valueOf(e, key))}" is written unquoted; some YAML readers (Jekyll among them) do not read it as text`)
      }
    }
  })
  return problems
}
