import type { Episode } from '../episode/episode'
import { isHeader, textOf } from '../episode/entry'
import { speakerCounts } from '../episode/lint'
import { metadataValue } from '../episode/summary'

/** A speaker an editor can pick for a line: a guest of the episode or the host. */
export interface SpeakerChoice {
  /** Display name (the person file's `title:`; the host's `who` when no person file names them). */
  readonly name: string
  /** How the file writes this speaker in `who` (`Nick` for guest "Nick Singh"); what picking them sets. */
  readonly who: string
  /** `other`: a regular speaker of the file who is neither a listed guest nor the host (a co-host). */
  readonly role: 'guest' | 'host' | 'other'
  /** The person id from `guests:` (guests only). */
  readonly personId?: string
  /** How many lines of the episode this speaker already has. */
  readonly lines: number
}

/** The person ids in an episode's `guests:` list. */
export function episodeGuests(doc: Episode): string[] {
  const guests = metadataValue(doc, 'guests')
  if (typeof guests === 'string') return [guests]
  if (guests === undefined || guests === null || typeof guests !== 'object' || guests.kind !== 'seq') return []
  return guests.items.filter((g): g is string => typeof g === 'string')
}

/**
 * The workspace's host: the `who` that speaks in the most episodes (ties: the most lines).
 * Null for a workspace without speakers.
 */
export function workspaceHost(docs: Iterable<Episode>): string | null {
  return hostOfEpisodes(mapIterable(docs, speakerCounts))
}

/**
 * The host from each episode's line counts per speaker (`speakerCounts`, or the workspace
 * listing's speakers counted once each): the `who` of the most episodes, ties to the most lines,
 * then to the first seen. Null when no speaker has at least `minEpisodes` episodes.
 */
export function hostOfEpisodes(episodes: Iterable<ReadonlyMap<string, number>>, minEpisodes = 1): string | null {
  const episodeCounts = new Map<string, number>()
  const lines = new Map<string, number>()
  for (const counts of episodes) {
    for (const [who, n] of counts) {
      episodeCounts.set(who, (episodeCounts.get(who) ?? 0) + 1)
      lines.set(who, (lines.get(who) ?? 0) + n)
    }
  }
  let best: string | null = null
  for (const [who, count] of episodeCounts) {
    if (best === null || count > episodeCounts.get(best)! || (count === episodeCounts.get(best) && lines.get(who)! > lines.get(best)!)) best = who
  }
  return best !== null && episodeCounts.get(best)! >= minEpisodes ? best : null
}

/**
 * The host of a workspace listing (each episode's speakers, counted once each): a speaker of at
 * least two episodes, since with a single episode nobody can be told apart as the host. The site
 * context and the list's problem counts both use this one definition.
 */
export function hostOfListing(files: readonly { readonly speakers: readonly string[] }[]): string | null {
  return hostOfEpisodes(mapIterable(files, (f) => new Map(f.speakers.map((who) => [who, 1]))), 2)
}

function* mapIterable<T, R>(items: Iterable<T>, fn: (item: T) => R): Iterable<R> {
  for (const item of items) yield fn(item)
}

/** A name compared loosely: without case, accents, dotless-i, surrounding space or trailing `:`/`.`. */
export function normalizeName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').toLowerCase().trim().replace(/[\s:.,;!?]+$/, '')
}

/** Edit distance counting a swap of two neighbouring letters as one edit ("Micheal" → "Michael"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  }
  return d[a.length]![b.length]!
}

/** How many edits a word of this length may be off by and still be taken for a name. */
function tolerance(length: number): number {
  return length >= 7 ? 2 : length >= 4 ? 1 : 0
}

/**
 * Whether `who` names the person called `name`: the name, or one of its words loosely
 * compared ("Dania" for "Dânia Meira"), the start of one ("Chris" for "Christopher"), or one
 * misspelt by a letter or two ("Elena" for "Eleni"); or several such words in the name's order,
 * where words after the first may be initials ("Ruslan S" for "Ruslan Shchuchkin").
 */
export function whoNames(who: string, name: string): boolean {
  const w = normalizeName(who)
  const full = normalizeName(name)
  if (w === '' || w === full) return w !== ''
  const words = full.split(/\s+/)
  const [first, ...rest] = w.split(/\s+/)
  let at = words.findIndex((word) => wordNames(first!, word))
  if (at < 0) return false
  for (const part of rest) {
    const initial = part.replace(/\.$/, '')
    at = words.findIndex((word, i) => i > at && (wordNames(part, word) || (initial.length === 1 && word.startsWith(initial))))
    if (at < 0) return false
  }
  return true
}

/** One word of a `who` naming one word of a name: the same, its start, or misspelt by a letter or two. */
function wordNames(part: string, word: string): boolean {
  return word === part || (part.length >= 3 && word.startsWith(part)) || editDistance(part, word) <= tolerance(part.length)
}

/** A `who` value without the surrounding space and trailing `:` or `.` transcripts often leave (`Theo:` → `Theo`). */
export function cleanName(who: string): string {
  return who.trim().replace(/[\s:.,;]+$/, '')
}

/** A `who` value that reads like a name: up to three words and 40 characters, no sentence punctuation at its end. */
export function looksLikeName(who: string): boolean {
  return who.trim().split(/\s+/).length <= 3 && !/[:.,;!?…]$/.test(who.trim()) && who.length <= 40
}

/** Lines a speaker needs in an episode to count as one of its speakers when no guest matches them. */
export const REGULAR_SPEAKER_LINES = 5

/**
 * The speakers to offer for an episode: its guests by display name (a guest without a person
 * file by id), the host, and other regular speakers of the file (a co-host, a guest missing
 * from `guests:`), each with the `who` spelling the file already uses for them. A guest's
 * spelling is the most used `who` that names them (`whoNames`), without trailing punctuation
 * (`Theo:` is offered as `Theo`, so the lint suggests fixing the rest); failing that, when exactly
 * one guest and one regular speaker are left over, that speaker; else the name's first word.
 */
export function speakerChoices(doc: Episode, people: ReadonlyMap<string, string>, host: string | null): SpeakerChoice[] {
  const counts = speakerCounts(doc)
  const taken = new Set<string>(host !== null ? [host] : [])
  const guests = episodeGuests(doc).map((id) => ({ id, name: people.get(id) ?? id, who: null as string | null }))
  for (const g of guests) {
    // The host interviewed as a guest (an episode about the community) speaks as the host.
    if (host !== null && counts.has(host) && whoNames(host, g.name)) {
      g.who = host
      continue
    }
    for (const [who] of counts) {
      if (!taken.has(who) && whoNames(who, g.name)) {
        g.who = cleanName(who)
        taken.add(who).add(g.who)
        break
      }
    }
  }
  const regular = [...counts].filter(([who, n]) => n >= REGULAR_SPEAKER_LINES && !taken.has(who) && looksLikeName(who)).map(([who]) => who)
  const unmatched = guests.filter((g) => g.who === null)
  if (unmatched.length === 1 && regular.length === 1) {
    unmatched[0]!.who = regular[0]!
    taken.add(regular[0]!)
  }
  const choices: SpeakerChoice[] = guests.map((g) => {
    const who = g.who ?? g.name.split(/\s+/)[0] ?? g.name
    return { name: g.name, who, role: 'guest', personId: g.id, lines: counts.get(who) ?? 0 }
  })
  if (host !== null && !choices.some((c) => c.who === host)) choices.push({ name: host, who: host, role: 'host', lines: counts.get(host) ?? 0 })
  for (const who of regular) {
    if (!taken.has(who)) choices.push({ name: who, who, role: 'other', lines: counts.get(who)! })
  }
  return choices
}

/** The line entries of an episode with their `who`, for checks over speakers. */
export function speakersOfLines(doc: Episode): { entry: number; who: string | undefined }[] {
  return doc.entries.flatMap((e, entry) => (isHeader(e) ? [] : [{ entry, who: textOf(e, 'who') }]))
}
