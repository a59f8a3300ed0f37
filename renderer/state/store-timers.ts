import type { FileHandle } from '../../shared/api/contract'
import type { Episode } from '../../shared/episode/index'
import type { AppState, Notice } from './app-state'
import { dismissNotice, settle } from './commands'
import type { Scheduler } from './scheduler'
import type { Store } from './store'
import { dirtySessions } from './tabs'

/** Pause in typing after which lint, outline and counts catch up. */
const SETTLE_DELAY_MS = 250

/** How long a notice shows: info briefly, a warning long enough to read a sentence or two, errors longest. */
const NOTICE_MS: Record<Notice['tone'], number> = { info: 2500, warning: 12000, error: 8000 }

/** What `watchStore` reports. */
export interface StoreWatch {
  readonly schedule: Scheduler
  /** The open document changed (journal it). */
  documentChanged(): void
  /** The set of episodes with unsaved changes changed (tell the host, so closing the window can ask). */
  dirtyChanged(unsaved: readonly FileHandle[]): void
}

/**
 * The store's timers: derived views settle after a pause in typing, info notices fade (errors stay
 * longer), and document and dirty changes are passed on. Returns the stop function.
 */
export function watchStore(store: Store<AppState>, watch: StoreWatch): () => void {
  let lastDoc: Episode | null = null
  let lastDirty = ''
  let lastNotice: number | null = null
  let cancelSettle: () => void = () => {}
  let cancelNotice: () => void = () => {}
  const unsubscribe = store.subscribe(() => {
    const state = store.getState()
    const doc = state.session?.editor.doc ?? null
    if (doc !== lastDoc) {
      lastDoc = doc
      watch.documentChanged()
      cancelSettle()
      if (state.session && state.session.settled !== doc) cancelSettle = watch.schedule(() => store.dispatch(settle), SETTLE_DELAY_MS)
    }
    const unsaved = dirtySessions(state)
      .map((s) => s.handle)
      .join(' ')
    if (unsaved !== lastDirty) {
      lastDirty = unsaved
      watch.dirtyChanged(unsaved ? unsaved.split(' ') : [])
    }
    const notice = state.notice
    if (notice && notice.seq !== lastNotice) {
      lastNotice = notice.seq
      cancelNotice()
      cancelNotice = watch.schedule(() => store.dispatch(dismissNotice(notice.seq)), NOTICE_MS[notice.tone])
    }
  })
  return () => {
    unsubscribe()
    cancelSettle()
    cancelNotice()
  }
}
