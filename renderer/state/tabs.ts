import type { FileHandle } from '../../shared/api/contract'
import type { AppState, Session } from './app-state'
import type { AppCommand } from './commands'
import { dirtyOf } from './selectors'
import type { Store } from './store'

/**
 * Several open episodes. `state.session` is the active one, so every command on "the episode"
 * acts on it; the others wait in `state.parked`, each with its own history, draft and conflicts.
 * `state.tabs` is the order the tab bar shows.
 */

/** The open session of `handle` (active or parked), or null. */
export function sessionOf(state: AppState, handle: FileHandle): Session | null {
  return state.session?.handle === handle ? state.session : (state.parked.get(handle) ?? null)
}

/** Every open session, in tab order. */
export function openSessions(state: AppState): Session[] {
  return state.tabs.map((h) => sessionOf(state, h)).filter((s): s is Session => s !== null)
}

/** The open sessions with unsaved changes, in tab order. */
export function dirtySessions(state: AppState): Session[] {
  return openSessions(state).filter((s) => dirtyOf(s.editor))
}

/** Replaces the session of `handle` wherever it is (active or parked); `fn` returning null changes nothing. */
export function updateSession(handle: FileHandle, fn: (session: Session) => Session | null): AppCommand {
  return (state) => {
    const session = sessionOf(state, handle)
    if (!session) return null
    const next = fn(session)
    if (next === null) return null
    if (next === session) return state
    if (state.session === session) return { ...state, session: next }
    return { ...state, parked: new Map(state.parked).set(handle, next) }
  }
}

/** `state.parked` plus the active session (if any), for when another one becomes active. */
function parkActive(state: AppState): Map<FileHandle, Session> {
  const parked = new Map(state.parked)
  if (state.session) parked.set(state.session.handle, state.session)
  return parked
}

/** Makes the open episode `handle` the active one (null when it is not open). */
export function activateTab(handle: FileHandle): AppCommand {
  return (state) => {
    if (state.session?.handle === handle) return state.openError ? { ...state, openError: null } : state
    const target = state.parked.get(handle)
    if (!target) return null
    const parked = parkActive(state)
    parked.delete(handle)
    return { ...state, session: { ...target, reveal: null }, parked, openError: null }
  }
}

/** Opens a freshly loaded session as a new tab after the active one; `background` keeps the active tab. */
export function addTab(session: Session, background = false): AppCommand {
  return (state) => {
    if (sessionOf(state, session.handle)) return null
    const at = state.session ? state.tabs.indexOf(state.session.handle) + 1 : state.tabs.length
    const tabs = [...state.tabs.slice(0, at), session.handle, ...state.tabs.slice(at)]
    if (background) return { ...state, tabs, parked: new Map(state.parked).set(session.handle, session) }
    return { ...state, tabs, parked: parkActive(state), session, openError: null }
  }
}

/** Closes the tab of `handle`; closing the active one activates its right neighbour (else its left). */
export function closeTab(handle: FileHandle): AppCommand {
  return (state) => {
    const at = state.tabs.indexOf(handle)
    if (at < 0) return null
    const tabs = state.tabs.filter((h) => h !== handle)
    const parked = new Map(state.parked)
    parked.delete(handle)
    if (state.session?.handle !== handle) return { ...state, tabs, parked }
    const next = tabs[Math.min(at, tabs.length - 1)]
    const session = next === undefined ? null : parked.get(next)!
    if (next !== undefined) parked.delete(next)
    return { ...state, tabs, parked, session: session && { ...session, reveal: null } }
  }
}

/** Closes every tab. */
export const closeAllTabs: AppCommand = (state) => (state.tabs.length === 0 && !state.session ? null : { ...state, tabs: [], parked: new Map(), session: null })

/** Activates the tab `delta` places away from the active one, wrapping around. */
export function cycleTab(delta: 1 | -1): AppCommand {
  return (state) => {
    if (state.tabs.length < 2) return null
    const at = state.session ? state.tabs.indexOf(state.session.handle) : -1
    const next = state.tabs[(at + delta + state.tabs.length) % state.tabs.length]!
    return activateTab(next)(state)
  }
}

/** Parks the active episode without activating another (a file that cannot be opened is shown instead). */
export const parkActiveTab: AppCommand = (state) => (state.session ? { ...state, parked: parkActive(state), session: null } : null)

/** Where the session of `handle` lives in the store (see `SessionSlot` in `episode-session.ts`). */
export function tabSlot(store: Store<AppState>, handle: FileHandle) {
  return {
    get: () => sessionOf(store.getState(), handle),
    update: (fn: (session: Session) => Session | null) => store.dispatch(updateSession(handle, fn)),
  }
}
