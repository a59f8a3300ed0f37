import type { AppSettings } from '../api/contract'
import { formatTime, lintEpisode, requoteEntry, setSec, valueOf, type Episode, type Problem } from '../episode/index'
import { fixTypography, lintTypography, TYPOGRAPHY_CODES } from '../typography/typography-lint'
import { TYPOGRAPHY_RULES, type TypographyRule } from '../typography/typography-rules'

/** A fix of one problem: what the button says, and the edit (touching only the entries it must). */
export interface ProblemFix {
  readonly label: string
  readonly edit: (doc: Episode) => Episode
}

/**
 * A problem the editor shows: the linter's, the typography rules', or one of a context's extra
 * lints (unknown speakers, glossary misspellings), with a fix when one is safe to apply by a key.
 */
export interface EditorProblem {
  /** Index of the entry (0-based, headers included). */
  readonly entry: number
  readonly severity: 'error' | 'warning'
  /** A stable code (`typography-dash`…), the key settings switch rules off by. */
  readonly code: string
  readonly message: string
  readonly fix?: ProblemFix
}

/** A lint the context adds to the built-in ones; it sees the whole document. */
export type ExtraLint = (doc: Episode) => readonly EditorProblem[]

/** What decides which problems are shown: the codes switched off, and extra lints. Replaced as a whole when either changes. */
export interface LintContext {
  readonly disabled: ReadonlySet<string>
  readonly extra: readonly ExtraLint[]
}

/**
 * A place in lint contexts for one kind of extra lint (the section copies, the glossary, the
 * speakers): putting a lint there replaces that kind's previous one and keeps every other; null
 * takes it out.
 */
export function extraLintSlot(): (context: LintContext, lint: ExtraLint | null) => LintContext {
  const ofThisKind = new WeakSet<ExtraLint>()
  return (context, lint) => {
    const kept = context.extra.filter((l) => !ofThisKind.has(l))
    if (!lint) return { ...context, extra: kept }
    ofThisKind.add(lint)
    return { ...context, extra: [...kept, lint] }
  }
}

/** Every rule on, no extra lint. */
export const defaultLintContext: LintContext = { disabled: new Set(), extra: [] }

/** The lint context of some settings, with the extra lints kept (or replaced when given). */
export function lintContextFor(settings: AppSettings, extra: readonly ExtraLint[] = []): LintContext {
  return { disabled: new Set(settings.disabledRules), extra }
}

/** The typography rules a context leaves switched on. */
export function enabledTypographyRules(context: LintContext): ReadonlySet<TypographyRule> {
  return new Set(TYPOGRAPHY_RULES.filter((rule) => !context.disabled.has(TYPOGRAPHY_CODES[rule])))
}

const RULE_OF_CODE: ReadonlyMap<string, TypographyRule> = new Map(TYPOGRAPHY_RULES.map((rule) => [TYPOGRAPHY_CODES[rule], rule]))

/** What the fix of each typography rule says; unbalanced quotes have none (where the missing one goes is a guess). */
const TYPOGRAPHY_FIX_LABELS: Readonly<Record<TypographyRule, string | null>> = {
  'dash-lookalike': 'Replace the dash look-alikes',
  'double-space': 'Make doubled spaces single',
  'space-before-punctuation': 'Remove the space before punctuation',
  'mixed-quotes': 'Write the quotes one way',
  'unbalanced-quotes': null,
}

/** The fix of a typography problem (its rule, in its entry only), when the rule can fix it. */
function typographyFix(problem: Problem, rule: TypographyRule): ProblemFix | undefined {
  const label = TYPOGRAPHY_FIX_LABELS[rule]
  return label === null ? undefined : { label, edit: (d) => fixTypography(d, new Set([rule]), [problem.entry]).doc }
}

/** The fix of a linter problem, when there is an obvious safe one. */
function lintFix(doc: Episode, problem: Problem): ProblemFix | undefined {
  const entry = doc.entries[problem.entry]
  if (!entry) return undefined
  switch (problem.code) {
    case 'time-mismatch': {
      // Only a `time` that YAML 1.1 readers do not read as text: `sec` is then the one time there is.
      const sec = valueOf(entry, 'sec')
      if (typeof valueOf(entry, 'time') === 'string' || typeof sec !== 'number') return undefined
      return { label: `Write "time" as ${formatTime(sec)} from "sec"`, edit: (d) => setSec(d, problem.entry, sec) }
    }
    case 'ambiguous-value':
      return { label: 'Quote the value (rewrites this entry)', edit: (d) => requoteEntry(d, problem.entry) }
    default:
      return undefined
  }
}

function withFix(problem: Problem, fix: ProblemFix | undefined): EditorProblem {
  return fix ? { ...problem, fix } : problem
}

/**
 * Checks whose finding says the same as others on its entry, better (with a fix): a `who` that
 * is no known speaker is also rare or long, and is reported once.
 */
const SUPERSEDES: Readonly<Record<string, readonly string[]>> = {
  'unknown-speaker': ['rare-speaker', 'long-speaker'],
}

/** Leaves out the problems another problem of the same entry supersedes. */
function withoutSuperseded(problems: readonly EditorProblem[]): EditorProblem[] {
  const gone = new Set<string>()
  for (const p of problems) for (const code of SUPERSEDES[p.code] ?? []) gone.add(`${p.entry} ${code}`)
  return gone.size === 0 ? [...problems] : problems.filter((p) => !gone.has(`${p.entry} ${p.code}`))
}

/** Every problem of a document, before the context's switches. */
function allProblems(doc: Episode, context: LintContext): EditorProblem[] {
  const found: EditorProblem[] = lintEpisode(doc).map((p) => withFix(p, lintFix(doc, p)))
  for (const p of lintTypography(doc, enabledTypographyRules(context))) found.push(withFix(p, typographyFix(p, RULE_OF_CODE.get(p.code)!)))
  for (const lint of context.extra) found.push(...lint(doc))
  // In row order; within a row, in the order the lints report.
  return found.map((p, i) => [p, i] as const).sort((a, b) => a[0].entry - b[0].entry || a[1] - b[1]).map(([p]) => p)
}

const cache = new WeakMap<Episode, { readonly context: LintContext; readonly problems: readonly EditorProblem[] }>()

/**
 * The problems of a document the editor shows (panel, row markers, counts), without the rules the
 * context switches off, in row order. Cached per document and context.
 */
export function problemsFor(doc: Episode, context: LintContext): readonly EditorProblem[] {
  const hit = cache.get(doc)
  if (hit && hit.context === context) return hit.problems
  const problems = withoutSuperseded(allProblems(doc, context).filter((p) => !context.disabled.has(p.code)))
  cache.set(doc, { context, problems })
  return problems
}

/** The problems of one entry, from `problemsFor`. */
export function problemsAt(doc: Episode, context: LintContext, entry: number): EditorProblem[] {
  return problemsFor(doc, context).filter((p) => p.entry === entry)
}
