import { expect } from '@playwright/test'
import { diffArrays } from 'diff'
import { isDeepStrictEqual } from 'node:util'
import { entryText, parseEpisode, serializeEpisode, transcriptToJson, type Entry, type Episode } from '../../../shared/episode/index'

/**
 * Checks a saved file against the edit the test made, computed with the format library:
 * the bytes equal `serializeEpisode(edit(parseEpisode(original)))`; a line diff shows that only
 * lines of the touched entries changed; and the file re-parses to the intended transcript.
 */
export function expectSavedEdit(original: string, onDisk: string, edit: (doc: Episode) => Episode): void {
  const before = parseEpisode(original)
  const after = edit(before)
  const expected = serializeEpisode(after)
  expect(onDisk, 'file bytes equal the format library applying the same edit').toBe(expected)

  const { touchedOld, touchedNew } = touchedEntries(before, after)
  const allowedRemoved = multiset(touchedOld.flatMap((e) => lines(e.source?.text ?? entryText(e, before.style))))
  const allowedAdded = multiset(touchedNew.flatMap((e) => lines(entryText(e, after.style))))
  const { removed, added } = lineDiff(original, onDisk)
  for (const line of removed) expect(take(allowedRemoved, line), `removed line belongs to a touched entry: ${JSON.stringify(line)}`).toBe(true)
  for (const line of added) expect(take(allowedAdded, line), `added line belongs to a touched entry: ${JSON.stringify(line)}`).toBe(true)

  const reparsed = parseEpisode(onDisk)
  expect(isDeepStrictEqual(transcriptToJson(reparsed), transcriptToJson(after)), 'the file re-parses to the intended transcript').toBe(true)
  expect(isDeepStrictEqual(reparsed.metadata, before.metadata), 'front matter unchanged').toBe(true)
}

/**
 * Entries an edit touched: changed, inserted or removed ones, and for moved entries every entry
 * between the old and the new position (entries are matched by id, in both documents).
 */
function touchedEntries(before: Episode, after: Episode): { touchedOld: Entry[]; touchedNew: Entry[] } {
  const oldIndex = new Map(before.entries.map((e, i) => [e.id, i]))
  const newIndex = new Map(after.entries.map((e, i) => [e.id, i]))
  const oldTouched = new Set<number>()
  const newTouched = new Set<number>()
  before.entries.forEach((e, i) => {
    const j = newIndex.get(e.id)
    if (j === undefined || after.entries[j] !== e) oldTouched.add(i)
  })
  after.entries.forEach((e, j) => {
    const i = oldIndex.get(e.id)
    if (i === undefined || before.entries[i] !== e) newTouched.add(j)
  })
  // Surviving entries in new order, as old indices: those off the longest increasing run moved.
  const kept = after.entries.map((e) => oldIndex.get(e.id)).filter((i): i is number => i !== undefined)
  const inRun = longestIncreasing(kept)
  for (const i of kept) {
    if (inRun.has(i)) continue
    const j = newIndex.get(before.entries[i]!.id)!
    const from = Math.min(i, j)
    const to = Math.max(i, j)
    for (let k = from; k <= to; k++) {
      oldTouched.add(k)
      newTouched.add(k)
    }
  }
  return {
    touchedOld: [...oldTouched].filter((i) => i < before.entries.length).map((i) => before.entries[i]!),
    touchedNew: [...newTouched].filter((i) => i < after.entries.length).map((j) => after.entries[j]!),
  }
}

function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []
  const tailAt: number[] = []
  const prev = new Array<number>(values.length).fill(-1)
  values.forEach((v, k) => {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tails[mid]! < v) lo = mid + 1
      else hi = mid
    }
    tails[lo] = v
    tailAt[lo] = k
    prev[k] = lo > 0 ? tailAt[lo - 1]! : -1
  })
  const run = new Set<number>()
  for (let k = tailAt[tails.length - 1] ?? -1; k >= 0; k = prev[k]!) run.add(values[k]!)
  return run
}

/** Lines removed from `a` and added in `b`, by the same diff library as the command line's `--dry-run`. */
function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = []
  const added: string[] = []
  for (const part of diffArrays(a.split('\n'), b.split('\n'))) {
    if (part.removed) removed.push(...part.value)
    else if (part.added) added.push(...part.value)
  }
  return { removed, added }
}

function lines(text: string): string[] {
  return text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '')
}

function multiset(items: string[]): Map<string, number> {
  const m = new Map<string, number>()
  for (const s of items) m.set(s, (m.get(s) ?? 0) + 1)
  return m
}

function take(m: Map<string, number>, s: string): boolean {
  const n = m.get(s) ?? 0
  if (n === 0) return false
  m.set(s, n - 1)
  return true
}
