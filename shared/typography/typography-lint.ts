import type { Episode } from '../episode/episode'
import { isHeader, textOf, withValue } from '../episode/entry'
import type { LintCode, Problem } from '../episode/lint'
import { findTypography, fixTypographyText, majorityQuoteStyles, quoteCounts, quoteMajorityNote, TYPOGRAPHY_RULES, type QuoteCounts, type QuoteStyles, type TypographyFinding, type TypographyRule } from './typography-rules'

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

/** The quote counts of each entry's header or line, by entry object. */
const countsCache = new WeakMap<Episode['entries'][number], QuoteCounts>()

function entryQuoteCounts(entry: Episode['entries'][number]): QuoteCounts {
  let counts = countsCache.get(entry)
  if (counts === undefined) {
    counts = quoteCounts(textOf(entry, textKey(entry)) ?? '')
    countsCache.set(entry, counts)
  }
  return counts
}

/**
 * The way most quotes of each kind are written across an episode's headers and lines: the one
 * style the mixed-quotes rule reports and its fixes write in every entry.
 */
export function episodeQuoteStyles(doc: Episode): QuoteStyles {
  const sum = { straightDouble: 0, open: 0, close: 0, straightSingle: 0, curlySingle: 0 }
  for (const entry of doc.entries) {
    const c = entryQuoteCounts(entry)
    sum.straightDouble += c.straightDouble
    sum.open += c.open
    sum.close += c.close
    sum.straightSingle += c.straightSingle
    sum.curlySingle += c.curlySingle
  }
  return majorityQuoteStyles(sum)
}

/**
 * Typography problems in the headers and lines of an episode, for the rules switched on (all by
 * default). An entry is looked at again only when it changed, so linting after an edit costs the edited entries.
 */
export function lintTypography(doc: Episode, rules: ReadonlySet<TypographyRule> = ALL): Problem[] {
  const rulesKey = TYPOGRAPHY_RULES.filter((r) => rules.has(r)).join(' ')
  let styles: QuoteStyles | null = null
  const messageOf = (entry: Episode['entries'][number], f: TypographyFinding): string => {
    if (f.rule !== 'mixed-quotes') return f.message
    styles ??= episodeQuoteStyles(doc)
    return `${f.message}; ${quoteMajorityNote(entryQuoteCounts(entry), styles)}`
  }
  return doc.entries.flatMap((entry, index) =>
    entryFindings(entry, rules, rulesKey).map((f): Problem => ({ entry: index, severity: 'warning', code: TYPOGRAPHY_CODES[f.rule], message: messageOf(entry, f) })),
  )
}

/** An episode with typography fixed, and how many entries changed. */
export interface TypographyFix {
  readonly doc: Episode
  readonly count: number
}

/**
 * Fixes typography in the given entries (every entry: "fix all in this episode"), for the rules
 * switched on; mixed quotes are written in the episode's majority style (`episodeQuoteStyles`),
 * one style for every entry. Only entries whose text changes are touched, so only their lines change on save.
 */
export function fixTypography(doc: Episode, rules: ReadonlySet<TypographyRule> = ALL, indices?: readonly number[]): TypographyFix {
  const wanted = indices ? new Set(indices) : null
  const quotes = rules.has('mixed-quotes') ? episodeQuoteStyles(doc) : undefined
  let count = 0
  const entries = doc.entries.map((entry, i) => {
    if (wanted && !wanted.has(i)) return entry
    const key = textKey(entry)
    const text = textOf(entry, key)
    if (text === undefined) return entry
    const fixed = fixTypographyText(text, rules, quotes)
    if (fixed === text) return entry
    count++
    return withValue(entry, key, fixed)
  })
  return { doc: count > 0 ? { ...doc, entries } : doc, count }
}
