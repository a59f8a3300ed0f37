import type { FileHandle, PlayerPlace } from '../../shared/api/contract'
import type { AppState } from './app-state'
import type { FailureReporter } from './failures'
import type { PlayerState } from './player-state'
import type { Scheduler } from './scheduler'
import type { Store } from './store'

/** Quiet time after a seek (or a change of follow or speed) while paused before the place is kept. */
export const PLACE_SETTLE_MS = 500
/** Longest time a playing recording's place goes unkept. */
export const PLACE_WHILE_PLAYING_MS = 5000

/** What `keepPlayerPlaces` needs. */
export interface PlaceKeeperDeps {
  /** The host's `setPlayerPlace`. */
  save(handle: FileHandle, place: PlayerPlace): Promise<void>
  readonly schedule: Scheduler
  /** The time (ms) on `schedule`'s clock. */
  readonly now: () => number
  readonly failures: FailureReporter
}

/** Keeps places; `flush` writes the active episode's pending place now (the app is going). */
export interface PlaceKeeper {
  flush(): void
  stop(): void
}

/**
 * The place to keep of a player, or null when there is none worth keeping (no recording, or a
 * YouTube video that has not answered yet). A file
 * chosen or dropped in the page cannot come back itself, but choosing it means the YouTube video is
 * not what the episode plays: it is kept as the recording's place, so the episode's remembered
 * recording (often the same file, chosen again) comes back next time rather than the video.
 */
export function placeOf(player: PlayerState): PlayerPlace | null {
  if (player.status !== 'ready' || player.source === null) return null
  // A YouTube video tells its length in its first answer. Until then (offline, it never answers)
  // it is no place to keep: quitting then comes back to the recording where it stood.
  if (player.source.origin === 'youtube' && Number.isNaN(player.duration)) return null
  const source = player.source.origin === 'youtube' ? 'youtube' : 'recording'
  return { time: player.time, follow: player.follow, rate: player.rate, source }
}

function samePlace(a: PlayerPlace | null, b: PlayerPlace | null): boolean {
  return a === b || (a !== null && b !== null && a.time === b.time && a.follow === b.follow && a.rate === b.rate && a.source === b.source)
}

/**
 * Tells the host where listening to each episode stands, so it comes back in a later run: not on
 * every tick, but when playing pauses, after a seek or a change of follow or speed settles, when
 * another episode becomes active or it is closed, and at most every few seconds while playing.
 * Returns the keeper (its `stop` ends it).
 */
export function keepPlayerPlaces(store: Store<AppState>, deps: PlaceKeeperDeps): PlaceKeeper {
  /** The active episode, its place as last seen, and as last kept. */
  let handle: FileHandle | null = store.getState().session?.handle ?? null
  let seen: PlayerPlace | null = null
  let kept: PlayerPlace | null = null
  let playing = false
  let cancel: (() => void) | null = null
  /** When the pending keep is due, and when its timer fires (a restart moves `due` on, not the timer). */
  let due = 0
  let firesAt = 0

  const write = (target: FileHandle, place: PlayerPlace) => {
    deps.save(target, place).catch((error: unknown) => deps.failures.report('Where the recording stood could not be kept for next time', error))
  }
  /** Keeps the active episode's place now, if it changed since it was last kept. */
  const keepNow = () => {
    cancel?.()
    cancel = null
    if (handle === null || seen === null || samePlace(seen, kept)) return
    kept = seen
    write(handle, seen)
  }
  /** The pending keep's timer: keeps the place when it is due, else waits for the rest of the time. */
  const keepWhenDue = () => {
    cancel = null
    const left = due - deps.now()
    if (left > 0) wake(left)
    else keepNow()
  }
  const wake = (ms: number) => {
    firesAt = deps.now() + ms
    cancel = deps.schedule(keepWhenDue, ms)
  }
  /**
   * Keeps the place `ms` from now, or (`restart` false) when the pending keep is due. A restart
   * while a keep is pending moves its time on: ticks that come several times a second while a seek
   * is dragged along set no new timer each.
   */
  const keepIn = (ms: number, restart: boolean) => {
    if (cancel !== null && !restart) return
    due = deps.now() + ms
    if (cancel !== null && firesAt <= due) return
    cancel?.()
    wake(ms)
  }

  const unsubscribe = store.subscribe(() => {
    const state = store.getState()
    const now = state.session?.handle ?? null
    if (now !== handle) {
      // Another episode is active (or none): the one left is kept as it was last seen.
      keepNow()
      handle = now
      seen = null
      kept = null
      playing = false
      return
    }
    const place = placeOf(state.player)
    const wasPlaying = playing
    playing = state.player.playing
    if (place !== null && seen === null) {
      // The episode's recording is ready where it was kept (or at its start): nothing to keep yet.
      seen = kept = place
      return
    }
    if (place === null || samePlace(place, seen)) {
      if (wasPlaying && !playing) keepNow()
      return
    }
    seen = place
    if (wasPlaying && !playing) keepNow()
    else if (playing) keepIn(PLACE_WHILE_PLAYING_MS, false)
    else keepIn(PLACE_SETTLE_MS, true)
  })

  return {
    flush: keepNow,
    stop() {
      cancel?.()
      unsubscribe()
    },
  }
}
