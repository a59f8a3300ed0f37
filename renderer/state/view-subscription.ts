import type { AppState } from './app-state'
import type { Store } from './store'

/** Subscribes a listener; returns the unsubscribe function. */
export type Subscribe = (listener: () => void) => () => void

/** Whether `a` and `b` have the same values (`Object.is`: NaN is NaN) under every key but those `skip` names. */
function sameExcept<T extends object>(a: T, b: T, skip: (key: keyof T) => boolean): boolean {
  for (const key in b) {
    if (!skip(key) && !Object.is(a[key], b[key])) return false
  }
  return true
}

/**
 * Whether `next` differs from `prev` only by a playhead update: where the playhead is
 * (`player.time`, `player.spokenId`) and, in follow mode, the reveal that scrolls to the spoken
 * row (`session.reveal` with `ahead`).
 */
export function onlyPlayheadMoved(prev: AppState, next: AppState): boolean {
  if (prev === next || prev.player === next.player) return false
  if (!sameExcept(prev, next, (key) => key === 'player' || key === 'session')) return false
  if (!sameExcept(prev.player, next.player, (key) => key === 'time' || key === 'spokenId')) return false
  const a = prev.session
  const b = next.session
  return a === b || (a !== null && b !== null && b.reveal?.ahead === true && sameExcept(a, b, (key) => key === 'reveal'))
}

const subscribers = new WeakMap<Store<AppState>, Subscribe>()

/**
 * The subscription of the views' state selectors (`useAppState`): one store listener that tells
 * them of every change except a playhead update (`onlyPlayheadMoved`). Those come several times a
 * second while a recording plays, and no selector reads what they change: the clock, the spoken
 * row's highlight and following's scroll are store listeners of their own, so telling the
 * hundred-odd selectors would only have them find their values unchanged. A selector that reads
 * the playhead, the spoken row or a follow reveal must subscribe to the store itself.
 */
export function viewSubscriber(store: Store<AppState>): Subscribe {
  let subscribe = subscribers.get(store)
  if (!subscribe) {
    const listeners = new Set<() => void>()
    let seen = store.getState()
    store.subscribe(() => {
      const now = store.getState()
      const skip = onlyPlayheadMoved(seen, now)
      seen = now
      if (skip) return
      for (const listener of [...listeners]) listener()
    })
    subscribe = (listener) => {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }
    subscribers.set(store, subscribe)
  }
  return subscribe
}
