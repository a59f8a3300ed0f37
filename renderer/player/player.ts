/** What a player tells its listeners: time moved, play or pause, the length became known, a failure. */
export type PlayerEvent = 'time' | 'play' | 'pause' | 'duration' | 'rate' | 'error'

/**
 * One interface for every way of playing an episode's recording (a local `<audio>`/`<video>`
 * element today; an embedded YouTube player would implement the same). Times are in seconds.
 */
export interface Player {
  play(): Promise<void>
  pause(): void
  /** Moves the playhead; clamped to 0 … duration. */
  seek(sec: number): void
  /** Playback speed, 1 = normal. */
  setRate(rate: number): void
  currentTime(): number
  /** Length in seconds; NaN until known. */
  duration(): number
  paused(): boolean
  rate(): number
  /** The last failure in plain words, or null. */
  error(): string | null
  /**
   * Why the player cannot act on a command now, in plain words (an embedded player that has not
   * answered yet, or never will), or null when it can: the keys say so instead of pretending.
   */
  unavailable(): string | null
  /** Calls `listener` on an event; returns the unsubscribe function. */
  on(event: PlayerEvent, listener: () => void): () => void
}

const elementEvents: Record<PlayerEvent, readonly string[]> = {
  time: ['timeupdate', 'seeked'],
  play: ['play', 'playing'],
  pause: ['pause', 'ended'],
  duration: ['durationchange', 'loadedmetadata'],
  rate: ['ratechange'],
  error: ['error'],
}

const mediaErrors: Record<number, string> = {
  1: 'loading the recording was stopped',
  2: 'the recording could not be fetched (is the host still running?)',
  3: 'the recording could not be decoded',
  4: 'this kind of recording cannot be played here',
}

/** A player over a page's `<audio>` or `<video>` element. */
export function createElementPlayer(element: HTMLMediaElement): Player {
  return {
    play: () => element.play(),
    pause: () => element.pause(),
    seek(sec) {
      const end = Number.isFinite(element.duration) ? element.duration : Infinity
      element.currentTime = Math.min(Math.max(0, sec), end)
    },
    setRate(rate) {
      element.playbackRate = rate
    },
    currentTime: () => element.currentTime,
    duration: () => element.duration,
    paused: () => element.paused,
    rate: () => element.playbackRate,
    error: () => (element.error ? `The recording cannot be played: ${mediaErrors[element.error.code] ?? element.error.message}` : null),
    // The element takes commands before it has loaded (it seeks once it can).
    unavailable() {
      return this.error()
    },
    on(event, listener) {
      for (const name of elementEvents[event]) element.addEventListener(name, listener)
      return () => {
        for (const name of elementEvents[event]) element.removeEventListener(name, listener)
      }
    },
  }
}
