import type { SiteContext } from '../../shared/api/contract'
import type { Entry, Episode } from '../../shared/episode/index'
import { speakerProblems } from '../../shared/lint/extra-lints'
import { closestSpeaker } from '../../shared/workspace/speaker-lint'
import { looksLikeName, normalizeName, speakerChoices, type SpeakerChoice } from '../../shared/workspace/speakers'
import type { AppState } from './app-state'
import type { AppCommand } from './commands'
import { extraLintSlot, type EditorProblem, type ExtraLint } from './problems'
import { hostOf, type SpeakerKnowledge } from './speaker-knowledge'
import { speakersOf } from './selectors'

/** Takes the host's answer to `getSiteContext` into the state (keeping the user's host override). */
export function setSiteContext(context: SiteContext): AppCommand {
  return (state) =>
    withSpeakerLint({
      ...state,
      speakers: {
        site: context.site,
        people: new Map(context.people.map((p) => [p.id, p.name])),
        workspaceHost: context.host,
        hostOverride: state.speakers.hostOverride,
      },
    })
}

/** Sets the host speaker from the settings (`hostSpeaker`; null or blank: the workspace's host). */
export function setHostSpeaker(hostSpeaker: string | null): AppCommand {
  return (state) => (state.speakers.hostOverride === hostSpeaker ? null : withSpeakerLint({ ...state, speakers: { ...state.speakers, hostOverride: hostSpeaker } }))
}

type Entries = readonly Entry[]

/** Caches a value per (document entries, knowledge) pair: recomputed only when either changes. */
function memoByDoc<T>(compute: (doc: Episode, knowledge: SpeakerKnowledge) => T): (doc: Episode, knowledge: SpeakerKnowledge) => T {
  const cache = new WeakMap<Entries, { knowledge: SpeakerKnowledge; value: T }>()
  return (doc, knowledge) => {
    const hit = cache.get(doc.entries)
    if (hit && hit.knowledge === knowledge) return hit.value
    const value = compute(doc, knowledge)
    cache.set(doc.entries, { knowledge, value })
    return value
  }
}

/** The speakers to offer for an episode: its guests by name, the host, its other regular speakers (`speakerChoices`). */
export const choicesOf = memoByDoc((doc, knowledge): readonly SpeakerChoice[] => speakerChoices(doc, knowledge.people, hostOf(knowledge)))

/** The speakers of an open episode as the UI shows them: `who` values in Alt+1…9 order, with names and roles. */
export interface SpeakerRoster {
  /**
   * Every `who` value of the episode (and its guests and host with no line yet): first the
   * `named` ones, people, in the order Alt+1…9 assigns them; then the other values (text pasted
   * into `who`, a speaker written wrong), shown but never numbered (see `isPersonValue`).
   */
  readonly order: readonly string[]
  /** How many values at the start of `order` are people: only they get Alt+1…9 and the picker's first group. */
  readonly named: number
  readonly choices: readonly SpeakerChoice[]
  /** The display name of a `who` (`Nick` → `Nick Singh`); the value itself when nobody is known by it. */
  nameOf(who: string): string
  /** The known speaker a `who` is, or undefined when it is none of the episode's guests, host or regulars. */
  choiceOf(who: string): SpeakerChoice | undefined
}

/** Values Alt+1…9 can reach. */
const QUICK_KEYS = 9

/** The Alt+n that assigns `who` (1…9), or null when it has none (a value that is no person, or past the ninth). */
export function quickKeyOf(roster: SpeakerRoster, who: string): number | null {
  const i = roster.order.indexOf(who)
  return i >= 0 && i < roster.named && i < QUICK_KEYS ? i + 1 : null
}

/**
 * The rule for which `who` values are people, to number (Alt+1…9) and offer first: the episode's
 * own speakers (its guests, its host, its regular speakers: `speakerChoices`), and any other value
 * that reads like a name (`looksLikeName`: up to three words, no sentence punctuation at its end)
 * that the unknown-speaker check does not take for one of them written wrong (`closestSpeaker`:
 * `Theo:`, `Alexeylexey`). So a speaker the user just added (`Johanna`) is numbered, while text
 * pasted into `who` ("I think I was doing some pet project…") and typos are shown, and flagged,
 * but a quick key never writes them.
 */
export function isPersonValue(who: string, choices: readonly SpeakerChoice[]): boolean {
  if (choices.some((c) => c.who === who)) return true
  return looksLikeName(who) && closestSpeaker(who, choices) === null
}

const rosterCache = new WeakMap<readonly string[], { choices: readonly SpeakerChoice[]; doc: Episode; value: SpeakerRoster }>()

/**
 * The session's roster with what the workspace knows: guest ids nobody speaks as (`nicksingh`)
 * are replaced by the spelling the file uses for them (`Nick`), and guests and the host who have
 * no line yet are added, so the picker, the chips and Alt+1…9 offer them by name. People come
 * first (`isPersonValue`), the other values after them, unnumbered.
 */
export function speakerRosterOf(roster: readonly string[], doc: Episode, knowledge: SpeakerKnowledge): SpeakerRoster {
  const choices = choicesOf(doc, knowledge)
  const hit = rosterCache.get(roster)
  if (hit && hit.choices === choices && hit.doc === doc) return hit.value
  const counts = speakersOf(doc)
  const guestIds = new Set(choices.flatMap((c) => (c.personId !== undefined ? [c.personId] : [])))
  const listed = roster.filter((who) => !(guestIds.has(who) && !counts.has(who) && !choices.some((c) => c.who === who)))
  // The episode's own speakers (guests, host, regulars) first, so Alt+1… reach them; then other
  // names (a speaker just added); a value that is no person (a typo, a sentence) comes last, unnumbered.
  const known = (who: string) => choices.some((c) => c.who === who)
  const order = listed.filter(known)
  for (const c of choices) if (!order.includes(c.who)) order.push(c.who)
  for (const who of listed) if (!known(who) && isPersonValue(who, choices)) order.push(who)
  const named = order.length
  for (const who of listed) if (!order.includes(who)) order.push(who)
  const byWho = new Map(choices.map((c) => [c.who, c]))
  // A guest without a person file is shown as the file writes them, not by their id.
  const names = new Map(choices.map((c) => [c.who, c.personId !== undefined && !knowledge.people.has(c.personId) ? c.who : c.name]))
  const value: SpeakerRoster = {
    // The same array while the order is the same, so rows that depend on it are not re-rendered.
    order: hit && sameOrder(hit.value.order, order) ? hit.value.order : order,
    named,
    choices,
    nameOf: (who) => names.get(who) ?? who,
    choiceOf: (who) => byWho.get(who),
  }
  rosterCache.set(roster, { choices, doc, value })
  return value
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((who, i) => who === b[i])
}

/** The speaker roster of the open episode (from its settled document), or null with none open. */
export function openRosterOf(state: AppState): SpeakerRoster | null {
  const s = state.session
  return s ? speakerRosterOf(s.roster, s.settled, state.speakers) : null
}

/**
 * The `who` a typed text means, over a roster with names: a person whose display name or `who`
 * is the text (loosely: case, accents, trailing `:`), else the first whose name or `who` starts
 * with it, else the first containing it; else another value of the episode only when it is the
 * text itself (a sentence in `who` is never guessed from a few letters); else the text itself, a
 * new speaker. So typing "Nick Singh" writes `Nick` when the file writes him so.
 */
export function resolveSpeakerName(roster: SpeakerRoster, typed: string): string {
  const q = normalizeName(typed)
  const named = new Set(roster.order.slice(0, roster.named))
  return matchingSpeakers(roster, typed).find((who) => named.has(who) || normalizeName(who) === q) ?? typed.trim()
}

/**
 * The `who` the rename dialog's new-name field means when renaming `from`: a person's display
 * name typed in full writes the file's spelling for them (`Theofilos Papapanagiotou` → `Theo`),
 * except the display name of `from` itself, which the user types to write it out in full
 * (`Ruslan` → `Ruslan Shchuchkin`).
 */
export function renameTarget(roster: SpeakerRoster, from: string, typed: string): string {
  const q = normalizeName(typed)
  const named = roster.order.find((who) => roster.nameOf(who) !== who && normalizeName(roster.nameOf(who)) === q)
  return named === undefined || named === from ? typed.trim() : named
}

/**
 * The roster's `who` values matching a typed text by display name or `who`: exact, then prefix,
 * then substring; the people (`roster.named`) before the other values.
 */
export function matchingSpeakers(roster: SpeakerRoster, typed: string): string[] {
  const q = normalizeName(typed)
  if (q === '') return [...roster.order]
  const keys = (who: string) => [normalizeName(who), normalizeName(roster.nameOf(who))]
  const matching = (values: readonly string[]) => {
    const exact = values.filter((who) => keys(who).includes(q))
    const starts = values.filter((who) => !exact.includes(who) && keys(who).some((k) => k.startsWith(q) || k.split(/\s+/).some((w) => w.startsWith(q))))
    const contains = values.filter((who) => !exact.includes(who) && !starts.includes(who) && keys(who).some((k) => k.includes(q)))
    return [...exact, ...starts, ...contains]
  }
  return [...matching(roster.order.slice(0, roster.named)), ...matching(roster.order.slice(roster.named))]
}

/**
 * The unknown-speaker check over what the workspace knows: every line whose `who` is none of the
 * episode's guests, host or regular speakers (`Alexeylexey`, `Nick:`, a sentence), with a fix to
 * the closest speaker when there is one. The fix sets that speaker on every line written with the
 * same wrong value (112 `Theo:` lines in one step), through the speaker edit.
 */
export const speakerProblemsOf = memoByDoc((doc, knowledge): readonly EditorProblem[] => speakerProblems(doc, choicesOf(doc, knowledge), speakersOf(doc)))

/**
 * The speaker check as an extra lint over the knowledge, the shape `LintContext.extra` takes
 * (`(doc) => EditorProblem[]`).
 */
export function speakerLint(knowledge: SpeakerKnowledge): ExtraLint {
  return (doc) => speakerProblemsOf(doc, knowledge)
}

/** Where the unknown-speaker check goes in the lint context. */
const speakerSlot = extraLintSlot()

/** Puts the unknown-speaker check over `state.speakers` in the lint context, in place of the previous one. */
export const withSpeakerLint: AppCommand = (state) => ({ ...state, lintContext: speakerSlot(state.lintContext, speakerLint(state.speakers)) })
