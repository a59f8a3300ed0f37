import type { Player, PlayerEvent } from './player'

/** The origin of the embedded player (the privacy-enhanced one; the CSP admits it in frames). */
export const YOUTUBE_ORIGIN = 'https://www.youtube-nocookie.com'

/** The embed URL of a video, with the postMessage API switched on for this page. */
export function youtubeEmbedUrl(videoId: string, pageOrigin: string): string {
  return `${YOUTUBE_ORIGIN}/embed/${encodeURIComponent(videoId)}?enablejsapi=1&playsinline=1&rel=0&origin=${encodeURIComponent(pageOrigin)}`
}

/** How long the embedded player has to answer before the panel says it cannot be reached. */
export const YOUTUBE_ANSWER_MS = 10_000

/** Said when the embedded player never answers: offline, the frame shows the browser's error page and never speaks the protocol. */
export const YOUTUBE_UNREACHABLE = "YouTube unreachable or won't embed: use a recording."

/** Said of a command given before the embedded player answered. */
const YOUTUBE_WAITING = 'YouTube has not answered yet (offline?)'

/** The IFrame API's `onError` codes, in plain words. */
const youtubeErrors: Record<number, string> = {
  2: 'This YouTube video id is not valid. Choose a recording instead.',
  5: 'This YouTube video cannot be played here. Choose a recording instead.',
  100: 'This YouTube video was not found (removed or private?). Choose a recording instead.',
  101: "This YouTube video can't be embedded (its owner does not allow it). Choose a recording instead.",
  150: "This YouTube video can't be embedded (its owner does not allow it). Choose a recording instead.",
  153: "YouTube refused to play the video here (no referrer). Choose a recording instead.",
}

/** What the embedded player reports in `infoDelivery` messages (the fields used here). */
interface YouTubeInfo {
  readonly currentTime?: number
  readonly duration?: number
  readonly playerState?: number
  readonly playbackRate?: number
}

/**
 * A player over a YouTube embed, speaking the IFrame API's postMessage protocol: `listening`
 * subscribes to `infoDelivery` messages (time, state, length, speed); commands are
 * `{event: 'command', func, args}`. Messages from any other origin or window are ignored.
 */
export function createYouTubePlayer(frame: HTMLIFrameElement, origin = YOUTUBE_ORIGIN): Player & { dispose(): void } {
  const listeners = new Map<PlayerEvent, Set<() => void>>()
  const emit = (event: PlayerEvent) => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener()
  }
  let time = 0
  let length = Number.NaN
  let state = -1
  let speed = 1
  let heard = false
  /** Why the player cannot play: it never answered, or it reported an error. */
  let failure: string | null = null
  const fail = (message: string) => {
    failure = message
    emit('error')
  }
  /** A seek asked for before the frame answered (its messages would be lost): sent once it does. */
  let pendingSeek: number | null = null
  const post = (message: object) => frame.contentWindow?.postMessage(JSON.stringify({ ...message, id: 1, channel: 'widget' }), origin)
  const command = (func: string, args: unknown[] = []) => post({ event: 'command', func, args })

  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin || event.source !== frame.contentWindow || typeof event.data !== 'string') return
    let data: { event?: string; info?: YouTubeInfo | number }
    try {
      data = JSON.parse(event.data) as typeof data
    } catch {
      return // not a message of the player's protocol
    }
    if (data.event === 'onError') {
      heard = true
      fail(youtubeErrors[Number(data.info)] ?? YOUTUBE_UNREACHABLE)
      return
    }
    if ((data.event !== 'infoDelivery' && data.event !== 'initialDelivery') || typeof data.info !== 'object') return
    heard = true
    const info = data.info
    if (pendingSeek !== null) {
      command('seekTo', [pendingSeek, true])
      pendingSeek = null
      // This message still has the time from before the seek.
      return
    }
    if (typeof info.duration === 'number' && info.duration > 0 && info.duration !== length) {
      length = info.duration
      emit('duration')
    }
    if (typeof info.playbackRate === 'number' && info.playbackRate !== speed) {
      speed = info.playbackRate
      emit('rate')
    }
    if (typeof info.playerState === 'number' && info.playerState !== state) {
      const wasPlaying = state === 1
      state = info.playerState
      if (state === 1) emit('play')
      else if (wasPlaying) emit('pause')
    }
    if (typeof info.currentTime === 'number' && info.currentTime !== time) {
      time = info.currentTime
      emit('time')
    }
  }
  window.addEventListener('message', onMessage)
  // The frame answers `listening` once its player is ready: ask until it does.
  const hello = window.setInterval(() => (heard ? window.clearInterval(hello) : post({ event: 'listening' })), 250)
  post({ event: 'listening' })
  // Offline nothing ever answers (no error event reaches this page from the frame): say so after a while.
  const deadline = window.setTimeout(() => {
    if (!heard) fail(YOUTUBE_UNREACHABLE)
  }, YOUTUBE_ANSWER_MS)

  return {
    async play() {
      command('playVideo')
    },
    pause: () => command('pauseVideo'),
    seek(sec) {
      time = Math.max(0, Number.isFinite(length) ? Math.min(sec, length) : sec)
      if (heard) command('seekTo', [time, true])
      else pendingSeek = time
      emit('time')
    },
    setRate: (rate) => command('setPlaybackRate', [rate]),
    currentTime: () => time,
    duration: () => length,
    paused: () => state !== 1,
    rate: () => speed,
    error: () => failure,
    unavailable: () => failure ?? (heard ? null : YOUTUBE_WAITING),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    dispose() {
      window.clearInterval(hello)
      window.clearTimeout(deadline)
      window.removeEventListener('message', onMessage)
    },
  }
}
