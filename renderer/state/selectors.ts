import type { EditorState } from '../../shared/editing/editor-state'
import { isDirty } from '../../shared/editing/editor-state'
import {
  formatTime,
  isHeader,
  lintRules,
  metadataValue,
  speakerCounts,
  summarizeEpisode,
  textOf,
  valueOf,
  type Entry,
  type EntryId,
  type Episode,
  type LintCode,
} from '../../shared/episode/index'
import type { Column, Session } from './app-state'
import type { EditorProblem } from './problems'

type Entries = readonly Entry[]

function memoByEntries<T>(compute: (doc: Episode) => T): (doc: Episode) => T {
  const cache = new WeakMap<Entries, T>()
  return (doc) => {
    let value = cache.get(doc.entries)
    if (value === undefined) {
      value = compute(doc)
      cache.set(doc.entries, value)
    }
    return value
  }
}

const rowIdLists = new WeakMap<Entries, readonly EntryId[]>()
let lastRowIds: readonly EntryId[] = []

function sameIds(ids: readonly EntryId[], entries: Entries): boolean {
  if (ids.length !== entries.length) return false
  for (let i = 0; i < ids.length; i++) if (ids[i] !== entries[i]!.id) return false
  return true
}

/**
 * The ids of the document's entries, in order. An edit that keeps every entry in place
 * (typing, speakers, times) gives back the previous array, so what depends only on the rows
 * (the grid) is not re-rendered by it.
 */
export function rowIdsOf(doc: Episode): readonly EntryId[] {
  let ids = rowIdLists.get(doc.entries)
  if (!ids) {
    ids = sameIds(lastRowIds, doc.entries) ? lastRowIds : doc.entries.map((e) => e.id)
    rowIdLists.set(doc.entries, ids)
  }
  lastRowIds = ids
  return ids
}

const indexMaps = new WeakMap<readonly EntryId[], Map<EntryId, number>>()

/** The index of `id` in a list of row ids (from `rowIdsOf`), or -1; the map is built once per list. */
export function indexInRows(ids: readonly EntryId[], id: EntryId): number {
  let map = indexMaps.get(ids)
  if (!map) {
    const built = new Map<EntryId, number>()
    ids.forEach((rowId, i) => built.set(rowId, i))
    map = built
    indexMaps.set(ids, map)
  }
  return map.get(id) ?? -1
}

/** The index of the entry with this id, or -1 (edits that keep every entry in place reuse the index). */
export function indexOfId(doc: Episode, id: EntryId): number {
  return indexInRows(rowIdsOf(doc), id)
}

/** The entry with this id, or undefined when it is gone; the same object until that entry is edited. */
export function entryOf(doc: Episode, id: EntryId): Entry | undefined {
  return doc.entries[indexOfId(doc, id)]
}

const problemsById = new WeakMap<readonly EditorProblem[], ReadonlyMap<EntryId, readonly EditorProblem[]>>()

/** Problems of `doc` (from `problemsFor`) grouped by entry id, cached per problem list. */
export function problemsByIdOf(doc: Episode, problems: readonly EditorProblem[]): ReadonlyMap<EntryId, readonly EditorProblem[]> {
  let map = problemsById.get(problems)
  if (!map) {
    const built = new Map<EntryId, EditorProblem[]>()
    for (const p of problems) {
      const id = doc.entries[p.entry]?.id
      if (id === undefined) continue
      const list = built.get(id)
      if (list) list.push(p)
      else built.set(id, [p])
    }
    map = built
    problemsById.set(problems, map)
  }
  return map
}

/** The cell a problem is about: where a click on it goes and which cell is flagged (the text for codes the linter's table does not know). */
export function problemColumn(code: string): Column {
  if (code === 'unknown-speaker') return 'who'
  return (lintRules as Readonly<Record<string, { column: Column }>>)[code]?.column ?? 'text'
}

/** Whether any of a row's problem codes (space-separated, as rows receive them) is an error in the linter's table. */
export function problemsAreErrors(codes: string): boolean {
  return codes.split(' ').some((code) => lintRules[code as LintCode]?.severity === 'error')
}

/** Line counts per speaker, most lines first. */
export const speakersOf = memoByEntries((doc): ReadonlyMap<string, number> => speakerCounts(doc))

/** A section of the outline: a header and the time of the first timed line after it. */
export interface OutlineItem {
  readonly id: EntryId
  readonly index: number
  readonly text: string
  readonly time: string | null
}

/** The section headers of the document, in order. */
export const outlineOf = memoByEntries((doc): readonly OutlineItem[] => {
  const items: OutlineItem[] = []
  doc.entries.forEach((e, index) => {
    if (!isHeader(e)) return
    let time: string | null = null
    for (let j = index + 1; j < doc.entries.length; j++) {
      const next = doc.entries[j]!
      if (isHeader(next)) continue
      time = displayTime(next)
      break
    }
    items.push({ id: e.id, index, text: headerText(e), time })
  })
  return items
})

/** Speaker ids listed under `guests:` in the front matter. */
export function guestsOf(doc: Episode): readonly string[] {
  const guests = metadataValue(doc, 'guests')
  if (!guests || typeof guests !== 'object' || guests.kind !== 'seq') return []
  return guests.items.filter((g): g is string => typeof g === 'string')
}

/** The initial roster of an episode: its speakers by line count, then guests not already there. */
export function initialRoster(doc: Episode): string[] {
  const roster = [...speakersOf(doc).keys()]
  for (const g of guestsOf(doc)) if (!roster.includes(g)) roster.push(g)
  return roster
}

/** Keeps a roster's order and appends speakers that appeared since. */
export function extendRoster(roster: readonly string[], doc: Episode): readonly string[] {
  let next: string[] | null = null
  for (const who of speakersOf(doc).keys()) {
    if (!roster.includes(who) && !next?.includes(who)) (next ??= [...roster]).push(who)
  }
  return next ?? roster
}

/** The time a row shows: its `time` text, else its formatted `sec`, else null (missing). */
export function displayTime(entry: Entry): string | null {
  const time = valueOf(entry, 'time')
  if (typeof time === 'string') return time
  const sec = valueOf(entry, 'sec')
  if (typeof time === 'number') return formatTime(time)
  if (typeof sec === 'number') return formatTime(sec)
  return null
}

/** Whether the row's `time` key is absent (the shown time is derived from `sec`). */
export function timeIsDerived(entry: Entry): boolean {
  return valueOf(entry, 'time') === undefined && typeof valueOf(entry, 'sec') === 'number'
}

/** A header entry's text ('' when not a string). */
export function headerText(entry: Entry): string {
  const v = valueOf(entry, 'header')
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v)
}

/** A line entry's text, or null when the entry has no `line` key. */
export function lineText(entry: Entry): string | null {
  const v = valueOf(entry, 'line')
  if (v === undefined) return null
  return typeof v === 'string' ? v : v === null ? '' : String(v)
}

/** A line entry's speaker, or null when missing. */
export function speakerOf(entry: Entry): string | null {
  return textOf(entry, 'who') ?? null
}

const dirtyCache = new WeakMap<EditorState, boolean>()

/** Whether the editor has unsaved changes (cached per editor state). */
/** Whether the document was edited or saved since the recovery draft was offered (Restore would replace that work). */
export function workSinceDraftOffer(s: Session): boolean {
  const offer = s.draftOffer
  return offer !== null && (s.editor.doc !== offer.over || s.editor.saved !== offer.over)
}

export function dirtyOf(editor: EditorState): boolean {
  let dirty = dirtyCache.get(editor)
  if (dirty === undefined) {
    dirty = isDirty(editor)
    dirtyCache.set(editor, dirty)
  }
  return dirty
}

/** Title, season, episode and counts of the episode, from the format library (cached per transcript). */
export const summaryOf = memoByEntries(summarizeEpisode)
