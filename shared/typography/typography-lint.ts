import type { Episode } from '../episode/episode'
import { isHeader, textOf, withValue } from '../episode/entry'
import type { LintCode, Problem } from '../episode/lint'
import { findTypography, fixTypographyText, TYPOGRAPHY_RULES, type TypographyFinding, type TypographyRule } from './typography-rules'

/** The lint code of each typography rule. */
export const TYPOGRAPHY_CODES: Readonly<Record<TypographyRule, LintCode>> = {
  'dash-lookalike': 'typography-dash',
  'double-space': 'typography-double-space',
  'space-before-punctuation': 'typography-space-before-punctuation',
  'unbalanced-quotes': 'typography-unbalanced-quotes',
  'mixed-quotes': 'typography-mixed-quotes',
}

const ALL: ReadonlySet<TypographyRule> = new Set(TYPOGRAPHY_RULES)

/** The text a typography rule looks at in an entry: a header's title or a line's text. */
function textKey(entry: Episode['entries'][number]): 'header' | 'line' {
  return isHeader(entry) ? 'header' : 'line'
}

/** The findings of each entry, by entry object (entries are immutable and shared between versions of a document) and rule set. */
const findingsCache = new WeakMap<Episode['entries'][number], { readonly rules: string; readonly findings: readonly TypographyFinding[] }>()

/** What the rules find in one entry, looked at once per entry object and rule set. */
function entryFindings(entry: Episode['entries'][number], rules: ReadonlySet<TypographyRule>, rulesKey: string): readonly TypographyFinding[] {
  const hit = findingsCache.get(entry)
  if (hit && hit.rules === rulesKey) return hit.findings
  const text = textOf(entry, textKey(entry))
  const findings = text === undefined ? [] : findTypography(text, rules)
  findingsCache.set(entry, { rules: rulesKey, findings })
  return findings
}

/**
 * Typography problems in the headers and lines of an episode, for the rules switched on (all by
 * default). An entry is looked at again only when it changed, so linting after an edit costs the edited entries.
 */
export function lintTypography(doc: Episode, rules: ReadonlySet<TypographyRule> = ALL): Problem[] {
  const rulesKey = TYPOGRAPHY_RULES.filter((r) => rules.has(r)).join(' ')
  return doc.entries.flatMap((entry, index) =>
    entryFindings(entry, rules, rulesKey).map((f): Problem => ({ entry: index, severity: 'warning', code: TYPOGRAPHY_CODES[f.rule], message: f.message })),
  )
}

/** An episode with typography fixed, and how many entries changed. */
export interface TypographyFix {
  readonly doc: Episode
  readonly count: number
}

/**
 * Fixes typography in the given entries (every entry: "fix all in this episode"), for the rules
 * switched on. Only entries whose text changes are touched, so only their lines change on save.
 */
export function fixTypography(doc: Episode, rules: ReadonlySet<TypographyRule> = ALL, indices?: readonly number[]): TypographyFix {
  const wanted = indices ? new Set(indices) : null
  let count = 0
  const entries = doc.entries.map((entry, i) => {
    if (wanted && !wanted.has(i)) return entry
    const key = textKey(entry)
    const text = textOf(entry, key)
    if (text === undefined) return entry
    const fixed = fixTypographyText(text, rules)
    if (fixed === text) return entry
    count++
    return withValue(entry, key, fixed)
  })
  return { doc: count > 0 ? { ...doc, entries } : doc, count }
}
