import { applyReplacements } from '../../shared/workspace/find-replace'
import type { AppState, FindState, SearchOptions, Session } from './app-state'
import { change, jumpTo, notify, type AppCommand } from './commands'
import { compiledFind, gridMatches, indexOfMatch, type GridMatch } from './find-matches'
import { indexOfId } from './selectors'

/** Opens the find bar (keeping the replace field as it was) and focuses its field. */
export const openFind: AppCommand = (state) => ({ ...state, find: { ...state.find, open: true, focusSeq: state.find.focusSeq + 1 } })

/** Opens the find bar with its replace field (Ctrl+H) and focuses the find field. */
export const openReplace: AppCommand = (state) => ({ ...state, find: { ...state.find, open: true, replaceOpen: true, focusSeq: state.find.focusSeq + 1 } })

/** Closes the find bar. */
export const closeFind: AppCommand = (state) => (state.find.open ? { ...state, find: { ...state.find, open: false, current: null } } : null)

/** Sets the find query. */
export function setFindQuery(query: string): AppCommand {
  return (state) => ({ ...state, find: { ...state.find, query, current: null } })
}

/** Sets the replacement text. */
export function setReplacement(replacement: string): AppCommand {
  return (state) => ({ ...state, find: { ...state.find, replacement } })
}

/** Shows or hides the replace field. */
export function toggleReplace(open: boolean): AppCommand {
  return (state) => ({ ...state, find: { ...state.find, replaceOpen: open } })
}

/** Changes search options (plain or regex, case, whole word, scopes); at least one scope stays on. */
export function setFindOptions(patch: Partial<SearchOptions>): AppCommand {
  return (state) => {
    if (patch.scopes?.length === 0) return notify('Keep at least one of lines, headers and speakers', 'error')(state)
    return { ...state, find: { ...state.find, ...patch, current: null } }
  }
}

function matchesOf(state: AppState): { session: Session; matches: readonly GridMatch[] } | null {
  const session = state.session
  const { compiled } = compiledFind(state.find)
  if (!session || !compiled) return null
  return { session, matches: gridMatches(session.editor.doc, compiled) }
}

/** Where the search starts: the current match if the cursor is still on it, else the cursor cell. */
function positionKey(session: Session, find: FindState, matches: readonly GridMatch[]): number {
  const at = indexOfMatch(matches, find.current)
  const m = at >= 0 ? matches[at]! : null
  if (m && session.cursor?.id === m.id && session.cursor.column === m.column) return sortKey(m.entry, m.column === 'who' ? 0 : 1, m.start)
  const row = session.cursor ? indexOfId(session.editor.doc, session.cursor.id) : -1
  return sortKey(row, session.cursor?.column === 'text' ? 1 : 0, -1)
}

function sortKey(entry: number, column: number, start: number): number {
  return (entry * 2 + column) * 1e7 + start + 1
}

const keyOf = (m: GridMatch) => sortKey(m.entry, m.column === 'who' ? 0 : 1, m.start)

function goTo(state: AppState, match: GridMatch): AppState {
  const moved = jumpTo(match.id, match.column)(state) ?? state
  return { ...moved, find: { ...moved.find, current: { entry: match.entry, field: match.field, start: match.start } } }
}

/** Moves the cursor to the next (or previous) match after the cursor or the current match, wrapping around. */
export function findNext(direction: 1 | -1): AppCommand {
  return (state) => {
    const found = matchesOf(state)
    if (!found) return state.find.open ? null : openFind(state)
    const { session, matches } = found
    if (matches.length === 0) return state.find.open ? null : openFind(state)
    const here = positionKey(session, state.find, matches)
    const match =
      direction > 0
        ? (matches.find((m) => keyOf(m) > here) ?? matches[0]!)
        : ([...matches].reverse().find((m) => keyOf(m) < here) ?? matches[matches.length - 1]!)
    return goTo(state, match)
  }
}

/**
 * What replacing one match says when no match follows it: that it was the last, or how many
 * remain above (before it), which the next Enter wraps to.
 */
export function replacedNotice(remaining: number): string {
  if (remaining === 0) return 'Replaced the last match'
  return `Replaced this match; ${remaining} more above (Enter wraps to ${remaining === 1 ? 'it' : 'the first'})`
}

/**
 * Replaces the current match (the one find moved to, while the cursor is on its cell) as one
 * undo step and moves to the next match; without a current match, moves to the next one first,
 * so the user sees what will be replaced.
 */
export const replaceCurrent: AppCommand = (state) => {
  const found = matchesOf(state)
  if (!found) return null
  const { session, matches } = found
  const at = indexOfMatch(matches, state.find.current)
  const match = at >= 0 ? matches[at]! : null
  if (!match || session.cursor?.id !== match.id || session.cursor.column !== match.column) {
    return matches.length === 0 ? notify('No match to replace', 'error')(state) : findNext(1)(state)
  }
  const { doc } = applyReplacements(session.editor.doc, [{ ...match, replacement: match.replacement ?? '' }])
  const replaced: AppState = { ...state, session: change(session, doc, 'replace', { focus: match.id }) }
  // The next match after the replaced text (which may itself contain the search).
  const after = gridMatches(doc, compiledFind(state.find).compiled)
  const end = match.start + (match.replacement ?? '').length
  const next = after.find((m) => m.entry > match.entry || (m.entry === match.entry && ((m.field === match.field && m.start >= end) || (m.column === 'text' && match.column === 'who'))))
  if (!next) return notify(replacedNotice(after.length))({ ...replaced, find: { ...replaced.find, current: null } })
  return goTo(replaced, next)
}

/** Replaces every match in the open episode as one undo step and says how many. */
export const replaceAll: AppCommand = (state) => {
  const found = matchesOf(state)
  if (!found) return null
  const { session, matches } = found
  if (matches.length === 0) return notify('No match to replace', 'error')(state)
  const { doc, replaced, entries } = applyReplacements(
    session.editor.doc,
    matches.map((m) => ({ ...m, replacement: m.replacement ?? '' })),
  )
  const first = doc.entries[entries[0] ?? -1]
  const next: AppState = { ...state, session: change(session, doc, 'replace', first ? { focus: first.id } : {}), find: { ...state.find, current: null } }
  return notify(`Replaced ${replaced} ${replaced === 1 ? 'match' : 'matches'} in ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}`)(next)
}
