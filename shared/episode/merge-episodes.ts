import type { Episode } from './episode'
import { isHeader, pairsEqual, valueOf } from './entry'
import type { Entry, EntryId } from './types'

/**
 * Both sides changed the same entry differently (or one changed what the other removed). The
 * merged document holds theirs' version meanwhile; `resolveMerge` puts mine there on request.
 */
export interface EntryConflict {
  /** The entry as last saved (or as loaded, when not saved since). */
  readonly base: Entry
  /** My version; null when I removed it. */
  readonly mine: Entry | null
  /** Their version (as now on disk); null when they removed it. */
  readonly theirs: Entry | null
  /** Id in `merged` of their version, or null when they removed it. */
  readonly mergedId: EntryId | null
  /** When they removed it: id in `merged` after which mine would go back (null: at the start). */
  readonly afterId: EntryId | null
}

/** The outcome of `mergeEpisodes`: theirs with my changes re-applied, and what needs a choice. */
export interface MergeResult {
  /** Theirs plus every change of mine that does not conflict; entries they kept untouched keep their bytes. */
  readonly merged: Episode
  /** Entries both sides changed differently, in document order; empty when the merge is clean. */
  readonly conflicts: readonly EntryConflict[]
}

/** What became of a base entry on their side. */
type TheirSide = { readonly kind: 'same' | 'changed'; readonly at: number } | { readonly kind: 'removed' }

/**
 * Three-way merge of episodes at the level of transcript entries, for a save that found the file
 * changed on disk. `base` is the episode as last saved (or loaded), `mine` the edited one (derived from `base`,
 * so entries keep their ids), `theirs` the file as now on disk. My entry-level changes (edits,
 * removals, insertions, moves) are re-applied on top of theirs where they touched entries theirs
 * did not; an entry both sides changed differently becomes a conflict. Base and theirs entries are
 * matched by their source text (LCS), and changed ones by position or by kind and time in between.
 * Pure: no DOM, no Node.
 */
export function mergeEpisodes(base: Episode, mine: Episode, theirs: Episode): MergeResult {
  const their = alignTheirs(base.entries, theirs.entries)
  const baseIndex = new Map(base.entries.map((entry, i) => [entry.id, i]))
  const inPlace = entriesInPlace(mine.entries, baseIndex)

  const slots: (Entry | null)[] = theirs.entries.slice()
  /** Entries of mine to insert after theirs index k (k = -1: at the start), in my order. */
  const inserts = new Map<number, Entry[]>()
  const conflicts: { conflict: EntryConflict; order: number }[] = []
  let nextId = Math.max(theirs.nextId, mine.nextId)

  /** Theirs index after which something placed after base entry `a` goes (walking back past removed ones). */
  const slotAfter = (a: number): number => {
    for (let i = a; i >= 0; i--) {
      const side = their[i]!
      if (side.kind !== 'removed') return side.at
    }
    return -1
  }
  const addConflict = (i: number, mineEntry: Entry | null, anchor: number) => {
    const side = their[i]!
    const theirsEntry = side.kind === 'removed' ? null : theirs.entries[side.at]!
    const after = side.kind === 'removed' ? slotAfter(anchor) : -1
    conflicts.push({
      order: side.kind === 'removed' ? after + 0.5 : side.at,
      conflict: {
        base: base.entries[i]!,
        mine: mineEntry,
        theirs: theirsEntry,
        mergedId: theirsEntry?.id ?? null,
        afterId: side.kind === 'removed' && after >= 0 ? theirs.entries[after]!.id : null,
      },
    })
  }

  // My removals (and the old places of my moves).
  const mineIds = new Map(mine.entries.map((entry) => [entry.id, entry]))
  base.entries.forEach((entry, i) => {
    if (mineIds.has(entry.id) && inPlace.has(entry.id)) return
    const side = their[i]!
    const moved = mineIds.get(entry.id)
    if (side.kind === 'same') slots[side.at] = null
    else if (side.kind === 'changed' && !(moved && pairsEqual(theirs.entries[side.at]!.pairs, moved.pairs))) {
      addConflict(i, moved ?? null, i - 1)
    } else if (side.kind === 'removed' && moved && !pairsEqual(moved.pairs, entry.pairs)) {
      // I moved and edited what they removed.
      addConflict(i, moved, i - 1)
    }
  })

  // My edits in place, and my insertions (new entries and the new places of moved ones).
  let anchor = -1
  for (const entry of mine.entries) {
    const i = baseIndex.get(entry.id)
    if (i !== undefined && inPlace.has(entry.id)) {
      anchor = i
      const was = base.entries[i]!
      if (pairsEqual(entry.pairs, was.pairs)) continue
      const side = their[i]!
      if (side.kind === 'same') {
        const kept = theirs.entries[side.at]!
        slots[side.at] = { ...kept, pairs: entry.pairs }
      } else if (side.kind === 'removed' || !pairsEqual(theirs.entries[side.at]!.pairs, entry.pairs)) {
        addConflict(i, entry, i - 1)
      }
      continue
    }
    // A moved entry they changed or removed is a conflict (reported above); only a clean one moves.
    if (i !== undefined && their[i]!.kind !== 'same') continue
    const at = slotAfter(anchor)
    const list = inserts.get(at) ?? []
    list.push({ ...entry, id: nextId++ })
    inserts.set(at, list)
  }

  const entries: Entry[] = [...(inserts.get(-1) ?? [])]
  slots.forEach((slot, k) => {
    if (slot) entries.push(slot)
    entries.push(...(inserts.get(k) ?? []))
  })
  conflicts.sort((a, b) => a.order - b.order)
  return { merged: { ...theirs, entries, nextId }, conflicts: conflicts.map((c) => c.conflict) }
}

/**
 * `other` (parsed on its own, from a text made from `base`'s) with the ids of the base entries it
 * keeps, matched as a merge matches theirs to base, and new ids for the rest: so it can be merged
 * as derived from `base` (a recovery draft, kept before the file changed on disk).
 */
export function withBaseIds(base: Episode, other: Episode): Episode {
  const ids = new Map<number, EntryId>()
  alignTheirs(base.entries, other.entries).forEach((side, i) => {
    if (side.kind !== 'removed') ids.set(side.at, base.entries[i]!.id)
  })
  let nextId = base.nextId
  const entries = other.entries.map((entry, k) => ({ ...entry, id: ids.get(k) ?? nextId++ }))
  return { ...other, entries, nextId }
}

/** Which version to keep for each conflict of a merge, in the order of `conflicts`. */
export type ConflictChoice = 'mine' | 'theirs'

/**
 * The merged episode with the user's choices applied: `theirs` keeps what the merge holds,
 * `mine` puts my version in its place (removing it when I removed it, restoring it when they did).
 */
export function resolveMerge(result: MergeResult, choices: readonly ConflictChoice[]): Episode {
  if (choices.length !== result.conflicts.length) {
    throw new Error(`Expected ${result.conflicts.length} choices, one per conflict, not ${choices.length}.`)
  }
  let doc = result.merged
  let nextId = doc.nextId
  result.conflicts.forEach((conflict, n) => {
    if (choices[n] !== 'mine') return
    const entries = doc.entries.slice()
    if (conflict.mergedId !== null) {
      const at = entries.findIndex((entry) => entry.id === conflict.mergedId)
      if (conflict.mine) entries[at] = { ...entries[at]!, pairs: conflict.mine.pairs }
      else entries.splice(at, 1)
    } else if (conflict.mine) {
      const at = conflict.afterId === null ? 0 : entries.findIndex((entry) => entry.id === conflict.afterId) + 1
      entries.splice(at, 0, { ...conflict.mine, id: nextId++ })
    }
    doc = { ...doc, entries, nextId }
  })
  return doc
}

/**
 * How many entries `mine` changed from `base`, which it derives from: each entry edited, moved,
 * inserted or removed counts once. This is what a merge re-applies (less the conflicts settled
 * for theirs).
 */
export function countChanges(base: Episode, mine: Episode): number {
  const baseIndex = new Map(base.entries.map((entry, i) => [entry.id, i]))
  const inPlace = entriesInPlace(mine.entries, baseIndex)
  const mineIds = new Set(mine.entries.map((entry) => entry.id))
  let count = base.entries.filter((entry) => !mineIds.has(entry.id)).length
  for (const entry of mine.entries) {
    const i = baseIndex.get(entry.id)
    if (i === undefined || !inPlace.has(entry.id) || !pairsEqual(entry.pairs, base.entries[i]!.pairs)) count++
  }
  return count
}

/** The ids of mine's base entries that kept their order (the longest run in base order); the rest moved. */
function entriesInPlace(mine: readonly Entry[], baseIndex: ReadonlyMap<EntryId, number>): Set<EntryId> {
  const known = mine.filter((entry) => baseIndex.has(entry.id))
  const positions = known.map((entry) => baseIndex.get(entry.id)!)
  return new Set(longestIncreasing(positions).map((k) => known[k]!.id))
}

/** Indices (into `values`) of a longest strictly increasing subsequence, O(n log n). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []
  const previous = new Array<number>(values.length).fill(-1)
  values.forEach((value, k) => {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (values[tails[mid]!]! < value) lo = mid + 1
      else hi = mid
    }
    if (lo > 0) previous[k] = tails[lo - 1]!
    tails[lo] = k
  })
  const result: number[] = []
  for (let k = tails.length ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) result.push(k)
  return result.reverse()
}

/**
 * For each base entry, what theirs did with it: kept it byte for byte (matched by source text,
 * LCS), changed it (paired inside a gap between kept ones: by position when the gap has as many
 * entries on both sides, else by kind and time), or removed it. A paired entry whose lead and
 * values equal the base's counts as kept: after a save the base is the document as saved, whose
 * edited entries still carry the text they were loaded from, while theirs are parsed afresh.
 */
function alignTheirs(base: readonly Entry[], theirs: readonly Entry[]): TheirSide[] {
  const sides: TheirSide[] = base.map(() => ({ kind: 'removed' }))
  const matches = lcs(base.map(textKey), theirs.map(textKey))
  let b = 0
  let t = 0
  for (const [mb, mt] of [...matches, [base.length, theirs.length] as const]) {
    pairGap(base, theirs, b, mb, t, mt, sides)
    if (mb < base.length) sides[mb] = { kind: 'same', at: mt }
    b = mb + 1
    t = mt + 1
  }
  return sides.map((side, i) => (side.kind === 'changed' && sameEntry(base[i]!, theirs[side.at]!) ? { kind: 'same', at: side.at } : side))
}

/** Whether two entries hold the same lead and values, whatever text they were parsed from. */
function sameEntry(a: Entry, b: Entry): boolean {
  return a.lead === b.lead && pairsEqual(a.pairs, b.pairs)
}

function pairGap(base: readonly Entry[], theirs: readonly Entry[], b0: number, b1: number, t0: number, t1: number, sides: TheirSide[]): void {
  if (b1 <= b0 || t1 <= t0) return
  if (b1 - b0 === t1 - t0) {
    for (let k = 0; k < b1 - b0; k++) sides[b0 + k] = { kind: 'changed', at: t0 + k }
    return
  }
  const gapBase = base.slice(b0, b1)
  const gapTheirs = theirs.slice(t0, t1)
  for (const [kb, kt] of lcs(gapBase.map(identityKey), gapTheirs.map(identityKey))) sides[b0 + kb] = { kind: 'changed', at: t0 + kt }
}

/** An entry's exact text: equal only when untouched. */
function textKey(entry: Entry): string {
  return entry.lead + (entry.source?.text ?? JSON.stringify(entry.pairs))
}

/** What stays when an entry is edited: a header, or a line at its time. */
function identityKey(entry: Entry): string {
  return isHeader(entry) ? 'header' : `line@${JSON.stringify(valueOf(entry, 'sec') ?? null)}`
}

/** Pairs of indices of a longest common subsequence of two key lists, in order (common ends trimmed first). */
function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const n = endA - start
  const m = endB - start
  // lengths[i][j]: LCS length of a[start+i..endA) and b[start+j..endB).
  const width = m + 1
  const lengths = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[start + i] === b[start + j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
    }
  }
  const pairs: [number, number][] = []
  for (let k = 0; k < start; k++) pairs.push([k, k])
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (a[start + i] === b[start + j]) {
      pairs.push([start + i, start + j])
      i++
      j++
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++
    else j++
  }
  for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k])
  return pairs
}
