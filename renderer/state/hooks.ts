import { createContext, useContext, useDeferredValue, useSyncExternalStore } from 'react'
import type { Entry, EntryId, Episode } from '../../shared/episode/index'
import type { AppState } from './app-state'
import type { Controller } from './controller'
import { problemsFor, type EditorProblem } from './problems'
import { entryOf } from './selectors'
import { viewSubscriber } from './view-subscription'

/** Provides the controller to components. */
export const ControllerContext = createContext<Controller | null>(null)

/** The controller (throws outside the provider, a programming error). */
export function useController(): Controller {
  const controller = useContext(ControllerContext)
  if (!controller) throw new Error('useController needs a ControllerContext provider')
  return controller
}

/**
 * Subscribes to a slice of the app state; re-renders only when the selected value changes (by
 * identity). The selector is not run for a playhead update that moves only the playhead
 * (`viewSubscriber`): it must not read `player.time` or `player.spokenId`.
 */
export function useAppState<T>(selector: (state: AppState) => T): T {
  const { store } = useController()
  return useSyncExternalStore(viewSubscriber(store), () => selector(store.getState()))
}

/** The document for derived views: see `Session.settled`. */
export function useSettledDoc(): Episode {
  return useAppState((s) => s.session!.settled)
}

/** One entry of the open document, re-rendering only when that entry changes (undefined once it is gone). */
export function useEntry(id: EntryId): Entry | undefined {
  return useAppState((s) => (s.session ? entryOf(s.session.editor.doc, id) : undefined))
}

/**
 * The open episode's problems (see `problemsFor`) and the document they are of, for the views
 * that show them; null while an episode's first rows paint. Checking a long episode (the
 * typography rules over every entry) is too slow to hold up opening it, so it runs just after.
 */
export function useDeferredProblems(): { readonly doc: Episode; readonly problems: readonly EditorProblem[] } | null {
  const doc = useDeferredValue<Episode | null>(useSettledDoc(), null)
  const context = useDeferredValue(useAppState((s) => s.lintContext), null)
  return doc && context ? { doc, problems: problemsFor(doc, context) } : null
}
