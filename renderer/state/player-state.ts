import { isHeader, valueOf, type EntryId, type Episode } from '../../shared/episode/index'
import type { AppState } from './app-state'
import { reveal } from './commands'
import type { AppCommand } from './commands'
import { indexOfId } from './selectors'
import type { Store } from './store'

/** Where the playing recording comes from. */
export interface MediaSource {
  /** For the media element's `src`: the host's opaque URL or a `blob:` URL of a file dropped in the page. */
  readonly url: string
  readonly name: string
  readonly kind: 'audio' | 'video' | 'youtube'
  readonly origin: 'remembered' | 'file' | 'youtube'
}

/** Where listening to an episode stood when another one became active (or it was closed). */
export interface EpisodePlace {
  readonly time: number
  readonly follow: boolean
  readonly rate: number
  /** The YouTube video it played, brought back with it (a remembered recording is asked of the host again). */
  readonly youtube: MediaSource | null
}

/** The player as the UI shows it; `time` moves in steps of `TIME_STEP` so that ticks stay cheap. */
export interface PlayerState {
  readonly source: MediaSource | null
  /** `loading` while asking the host for the episode's recording. */
  readonly status: 'none' | 'loading' | 'ready' | 'error'
  /** Why there is no recording, or why it does not play, in plain words. */
  readonly message: string | null
  readonly time: number
  readonly duration: number
  readonly playing: boolean
  readonly rate: number
  /** Highlight the row being spoken and keep it in view. */
  readonly follow: boolean
  /** Pause while typing in a line, and go on 1 s back when typing stops. */
  readonly patient: boolean
  /** The line being repeated, from its time to the next timed line's (null: no loop). */
  readonly loop: { readonly id: EntryId; readonly start: number; readonly end: number } | null
  readonly collapsed: boolean
  /** The row being spoken at `time` (null before the first timed line, or without a recording). */
  readonly spokenId: EntryId | null
  /** Each episode's place, by its path, kept when it stops being the active one. */
  readonly places: ReadonlyMap<string, EpisodePlace>
  /**
   * The recording the host remembers for the active episode (null: none, or not known yet), known
   * whatever plays: the panel offers it while the YouTube video or another file plays, or failed.
   */
  readonly remembered: MediaSource | null
  /**
   * Where each recording of the active episode (by its url) stood when another replaced it:
   * choosing it again (after the YouTube video failed, say) comes back there, not at 0.
   */
  readonly left: ReadonlyMap<string, number>
}

/** The player before any recording is known. */
export const initialPlayerState: PlayerState = {
  source: null,
  status: 'none',
  message: null,
  time: 0,
  duration: Number.NaN,
  playing: false,
  rate: 1,
  follow: true,
  patient: false,
  loop: null,
  collapsed: false,
  spokenId: null,
  places: new Map(),
  remembered: null,
  left: new Map(),
}

/** Steps of the time kept in the state (seconds). */
export const TIME_STEP = 0.1
/** Seconds played before a row's time when playing from it. */
export const PRE_ROLL = 1
/** Playback speeds the slower/faster keys step through. */
export const RATES: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2]

function withPlayer(fn: (player: PlayerState, state: AppState) => PlayerState | null): AppCommand {
  return (state) => {
    const player = fn(state.player, state)
    if (player === null) return null
    return player === state.player ? state : { ...state, player }
  }
}

/** The `sec` of an entry when it has one. */
function secOf(doc: Episode, index: number): number | null {
  const entry = doc.entries[index]
  if (!entry || isHeader(entry)) return null
  const sec = valueOf(entry, 'sec')
  return typeof sec === 'number' ? sec : null
}

/** The timed lines of a document in file order, with the time each one's highlight starts. */
interface TimedLines {
  readonly ids: readonly EntryId[]
  /** `starts[k]`: when the k-th timed line starts being spoken (never decreases; see `spokenRowAt`). */
  readonly starts: readonly number[]
}

/** Characters spoken per second, to give the last lines of a document (no later time to end them) their shares. */
const CHARS_PER_SEC = 15

/** The length of an entry's text (0 for a header), at least 1 for a line: each line gets a share. */
function textLength(doc: Episode, index: number): number {
  const entry = doc.entries[index]!
  if (isHeader(entry)) return 0
  const text = valueOf(entry, 'line')
  return Math.max(1, typeof text === 'string' ? text.length : 0)
}

const timedLinesOf = new WeakMap<Episode, TimedLines>()

/** Gives the timed lines `from` … `to` - 1, which share the time `starts[from]`, their shares of the span up to `end`. */
function spread(starts: number[], weights: readonly number[], from: number, to: number, end: number): void {
  let total = 0
  for (let k = from; k < to; k++) total += weights[k]!
  const start = starts[from]!
  let before = 0
  for (let k = from; k < to; k++) {
    starts[k] = start + ((end - start) * before) / total
    before += weights[k]!
  }
}

function timedLines(doc: Episode): TimedLines {
  let lines = timedLinesOf.get(doc)
  if (!lines) {
    const ids: EntryId[] = []
    const starts: number[] = []
    // Each timed line's text and that of the untimed lines after it (spoken with it).
    const weights: number[] = []
    for (let i = 0; i < doc.entries.length; i++) {
      const sec = secOf(doc, i)
      if (sec === null) {
        if (weights.length > 0) weights[weights.length - 1]! += textLength(doc, i)
        continue
      }
      ids.push(doc.entries[i]!.id)
      starts.push(Math.max(sec, starts.at(-1) ?? -Infinity))
      weights.push(textLength(doc, i))
    }
    // Runs of lines at the same (running) time: each gets its share of the time to the next later line.
    for (let from = 0; from < starts.length; ) {
      let to = from + 1
      while (to < starts.length && starts[to] === starts[from]) to++
      if (to - from > 1) {
        let chars = 0
        for (let k = from; k < to; k++) chars += weights[k]!
        spread(starts, weights, from, to, starts[to] ?? starts[from]! + chars / CHARS_PER_SEC)
      }
      from = to
    }
    lines = { ids, starts }
    timedLinesOf.set(doc, lines)
  }
  return lines
}

/**
 * The row being spoken at `time`. A line is spoken from its `sec` to the next later one, in file
 * order; a time going backwards in the file counts as the latest time before it (a linter problem).
 * A line without `sec` takes the time of the line before it and is spoken with it, so it is never
 * the one highlighted: its text counts as that line's. Lines that share a time (the same `sec`, as
 * the site's 1-second times often give two short paragraphs) are spoken one after the other: the
 * span from their time to the next later line's is shared among them by the length of their text,
 * so the first of them (the one a user plays from) is highlighted from that time on and each of the
 * others in turn; the last lines of a document, with no later time, share the time their text takes
 * at `CHARS_PER_SEC`. The start of every line's highlight is worked out once per document; a
 * playhead update is a bisection over them, costing the same at 3,000 entries as at 30.
 */
export function spokenRowAt(doc: Episode, time: number): EntryId | null {
  const { ids, starts } = timedLines(doc)
  // The first timed line that starts later than `time`.
  let lo = 0
  let hi = starts.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (starts[mid]! > time) hi = mid
    else lo = mid + 1
  }
  return lo === 0 ? null : ids[lo - 1]!
}

/**
 * Where playing from a row starts: its `sec`; for a line without one, the nearest earlier timed
 * line's; for a section header, the next timed line's. Null when there is none.
 */
export function rowStart(doc: Episode, id: EntryId): number | null {
  const index = indexOfId(doc, id)
  if (index < 0) return null
  if (isHeader(doc.entries[index]!)) {
    for (let i = index + 1; i < doc.entries.length; i++) {
      const sec = secOf(doc, i)
      if (sec !== null) return sec
    }
    return null
  }
  for (let i = index; i >= 0; i--) {
    const sec = secOf(doc, i)
    if (sec !== null) return sec
  }
  return null
}

/** Where the line starting at `start` ends: the next timed line's `sec` after it (null at the last one). */
export function rowEnd(doc: Episode, id: EntryId, start: number): number | null {
  const index = indexOfId(doc, id)
  for (let i = Math.max(0, index + 1); i < doc.entries.length; i++) {
    const sec = secOf(doc, i)
    if (sec !== null && sec > start) return sec
  }
  return null
}

/** The row player commands act on: the edited row, else the cursor row. */
export function currentRowId(state: AppState): EntryId | null {
  const s = state.session
  return s?.editing?.id ?? s?.cursor?.id ?? null
}

/**
 * Another episode became the active one (`entering`; null: none is open): keeps the place of the
 * one `leaving` (playhead, follow, speed, its YouTube video) and brings back the entering one's,
 * or starts it at 0 with the current follow and speed. Its recording is then asked for (`loading`),
 * except a YouTube video it played, which comes back at once.
 */
export function switchEpisode(leaving: string | null, entering: string | null): AppCommand {
  return withPlayer((p) => {
    const places = new Map(p.places)
    if (leaving !== null) places.set(leaving, { time: p.time, follow: p.follow, rate: p.rate, youtube: p.source?.origin === 'youtube' && p.status !== 'error' ? p.source : null })
    const place = entering === null ? undefined : places.get(entering)
    const youtube = place?.youtube ?? null
    return {
      ...initialPlayerState,
      places,
      patient: p.patient,
      collapsed: p.collapsed,
      follow: place?.follow ?? p.follow,
      rate: place?.rate ?? p.rate,
      time: place?.time ?? 0,
      source: youtube,
      status: youtube ? 'ready' : entering === null ? 'none' : 'loading',
    }
  })
}

/**
 * Keeps the player's places in step with the active episode: whenever `state.session` changes to
 * another episode (opening one, switching tabs, closing), runs `switchEpisode`. Returns the
 * unsubscribe function.
 */
export function followActiveEpisode(store: Store<AppState>): () => void {
  let path = store.getState().session?.path ?? null
  return store.subscribe(() => {
    const now = store.getState().session?.path ?? null
    if (now === path) return
    const leaving = path
    path = now
    store.dispatch(switchEpisode(leaving, now))
  })
}

/**
 * The place the host kept for the episode from an earlier run, while its recording is being asked
 * for: the recording then starts there (paused), with follow and speed as they were. Nothing
 * changes once a recording plays or when the episode has a place from this run.
 */
export function placeRestored(place: { readonly time: number; readonly follow: boolean; readonly rate: number }): AppCommand {
  return withPlayer((p) => (p.status === 'loading' && p.source === null ? { ...p, time: place.time, follow: place.follow, rate: place.rate } : null))
}

/** The recording the host remembers for the active episode (null: none), whatever plays now. */
export function rememberedKnown(source: MediaSource | null): AppCommand {
  return withPlayer((p) => (p.remembered === source || (p.remembered !== null && source !== null && p.remembered.url === source.url) ? null : { ...p, remembered: source }))
}

/**
 * A recording to play (or none, with the reason). The first one since the episode became active
 * starts where the episode was left; one that replaces it starts at 0, or where it stood when it
 * was itself replaced (`left`). A remembered one (the host's, or one just picked) is also the one
 * the panel offers from then on.
 */
export function mediaLoaded(source: MediaSource | null, message: string | null = null): AppCommand {
  return withPlayer((p) => {
    const left = p.source === null || p.source === source ? p.left : new Map(p.left).set(p.source.url, p.time)
    return {
      ...p,
      remembered: source?.origin === 'remembered' ? source : p.remembered,
      source,
      status: source ? 'ready' : message ? 'error' : 'none',
      message,
      time: p.source === null ? p.time : ((source && left.get(source.url)) ?? 0),
      duration: Number.NaN,
      playing: false,
      spokenId: null,
      loop: null,
      left,
    }
  })
}

/**
 * The episode's remembered recording was forgotten: the panel says what went. If it was playing,
 * nothing plays now; a YouTube video or a file chosen in the page plays on.
 */
export function mediaForgotten(name: string): AppCommand {
  return withPlayer((p) => {
    const message = `Forgot ${name}: this episode opens without a recording now.`
    if (p.source !== null && p.source.origin !== 'remembered') return { ...p, remembered: null }
    return { ...p, remembered: null, source: null, status: 'none', message, time: 0, duration: Number.NaN, playing: false, spokenId: null, loop: null }
  })
}

/** The recording cannot be played: says why. */
export function mediaFailed(message: string): AppCommand {
  return withPlayer((p) => ({ ...p, status: 'error', message, playing: false }))
}

/**
 * The playhead moved: keeps the time (in steps), the spoken row, and in follow mode scrolls that
 * row into view, except while a cell is being edited (the view never leaves the editor).
 */
export function playerTick(time: number): AppCommand {
  return (state) => {
    const stepped = Math.floor(time / TIME_STEP) * TIME_STEP
    const session = state.session
    const spokenId = session ? spokenRowAt(session.editor.doc, time) : null
    const p = state.player
    if (stepped === p.time && spokenId === p.spokenId) return state
    const player = { ...p, time: stepped, spokenId }
    if (!session || !p.follow || spokenId === null || spokenId === p.spokenId || session.editing) return { ...state, player }
    return { ...state, player, session: { ...session, reveal: reveal(spokenId, false, true) } }
  }
}

/** Playing, speed and length as the player reports them. */
export function playerStatus(status: { playing: boolean; rate: number; duration: number }): AppCommand {
  return withPlayer((p) =>
    p.playing === status.playing && p.rate === status.rate && (p.duration === status.duration || (Number.isNaN(p.duration) && Number.isNaN(status.duration)))
      ? p
      : { ...p, ...status },
  )
}

/** Follow mode on or off. */
export const toggleFollow: AppCommand = withPlayer((p) => ({ ...p, follow: !p.follow }))

/** Patient playback on or off. */
export const togglePatient: AppCommand = withPlayer((p) => ({ ...p, patient: !p.patient }))

/** Loops a stretch of the recording, or stops looping (null). */
export function setLoop(loop: PlayerState['loop']): AppCommand {
  return withPlayer((p) => ({ ...p, loop }))
}

/** Shows or hides the player's controls. */
export const togglePlayerCollapsed: AppCommand = withPlayer((p) => ({ ...p, collapsed: !p.collapsed }))

/** The next speed up or down the `RATES` list from `rate`. */
export function stepRate(rate: number, direction: 1 | -1): number {
  const index = RATES.findIndex((r) => r >= rate - 1e-9)
  const at = index < 0 ? RATES.length - 1 : index
  const next = RATES[RATES[at] === rate ? at + direction : direction > 0 ? at : at - 1]
  return next ?? rate
}
