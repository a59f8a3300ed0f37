import type { Episode } from '../episode/episode'
import { editDistance, normalizeName, speakersOfLines, type SpeakerChoice } from './speakers'

/** Codes of the checks that need the workspace (speakers, glossary), beside the episode linter's `LintCode`s. */
export type WorkspaceLintCode = 'unknown-speaker' | 'misspelling'

/**
 * A problem found with the workspace's knowledge, shaped like the episode linter's `Problem`
 * plus a suggested value (null when nothing is close enough) for a one-click fix.
 */
export interface ProblemWithFix {
  /** Index of the entry (0-based, headers included). */
  readonly entry: number
  readonly severity: 'warning'
  readonly code: WorkspaceLintCode
  readonly message: string
  readonly suggestion: string | null
}

/**
 * The speaker a wrong `who` most likely means: the same name loosely compared (`Nick:`,
 * `alexey.`), a speaker's name followed by more text (`Alexeylexey`, `Alexey: So…`), the
 * start of a speaker's name (`Juan` for `Juaney` is the other way round: a speaker's name
 * that the value starts with), or a name one or two letters off (`Alexa`); for a speaker written
 * in full, also by their first name (`Ruslanan` for `Ruslan Shchuchkin`). Null when none is.
 */
export function closestSpeaker(who: string, choices: readonly SpeakerChoice[]): string | null {
  const w = normalizeName(who)
  if (w === '') return null
  const named = comparedNames(choices)
  const exact = named.find((c) => c.n === w)
  if (exact) return exact.who
  const prefixed = named.filter((c) => w.startsWith(c.n) && c.n.length >= 3).sort((a, b) => b.n.length - a.n.length)[0]
  if (prefixed) return prefixed.who
  const truncated = named.filter((c) => c.n.startsWith(w) && w.length >= 3)
  if (truncated.length === 1) return truncated[0]!.who
  const word = w.split(/\s+/)[0]!
  let best: { who: string; d: number } | null = null
  for (const c of named) {
    const d = editDistance(word, c.n)
    if (d <= (c.n.length >= 5 ? 2 : 1) && (best === null || d < best.d)) best = { who: c.who, d }
  }
  return best?.who ?? null
}

/**
 * Each speaker's `who` loosely compared, and the first word of one written in several words
 * (`Ruslan` of `Ruslan Shchuchkin`) when no other speaker's starts with it, so a typo of a first
 * name still finds a speaker written in full.
 */
function comparedNames(choices: readonly SpeakerChoice[]): { who: string; n: string }[] {
  const full = choices.map((c) => ({ who: c.who, n: normalizeName(c.who) })).filter((c) => c.n !== '')
  const firstOf = (n: string) => n.split(/\s+/)[0]!
  const firsts = full.filter((c) => c.n.includes(' ') && full.every((o) => o === c || firstOf(o.n) !== firstOf(c.n)))
  return [...full, ...firsts.map((c) => ({ who: c.who, n: firstOf(c.n) }))]
}

/**
 * Flags every line whose `who` is none of the episode's speakers (`unknown-speaker`): typos
 * (`Alexeylexey`), names with punctuation (`Nick:`), text pasted into `who`. Each problem
 * suggests the closest speaker, for a one-click fix. Nothing is flagged when the episode has
 * no known speakers to compare with.
 */
export function lintSpeakers(doc: Episode, choices: readonly SpeakerChoice[]): ProblemWithFix[] {
  if (choices.length === 0) return []
  const known = new Set(choices.map((c) => c.who))
  const problems: ProblemWithFix[] = []
  for (const { entry, who } of speakersOfLines(doc)) {
    if (who === undefined || who.trim() === '' || known.has(who)) continue
    const suggestion = closestSpeaker(who, choices)
    const shown = who.length > 40 ? `${who.slice(0, 40)}…` : who
    const message = suggestion !== null
      ? `"${shown}" is not one of this episode's speakers; did you mean "${suggestion}"?`
      : `"${shown}" is not one of this episode's speakers (${choices.map((c) => c.who).join(', ')})${who.length > 40 ? '; is text of a line in the speaker field?' : ''}`
    problems.push({ entry, severity: 'warning', code: 'unknown-speaker', message, suggestion })
  }
  return problems
}
