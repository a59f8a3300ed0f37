import { isHeader, valueOf, type EntryId } from '../shared/episode/index'
import type { ActionContext } from './actions'
import type { PlayerActionId } from './keymap'
import type { Player } from './player/player'
import { errorText, notify, setRowSec, stopEdit } from './state/commands'
import { PRE_ROLL, currentRowId, mediaFailed, rowEnd, rowStart, setLoop, stepRate, toggleFollow, togglePatient } from './state/player-state'
import { entryOf } from './state/selectors'

/** Seconds the back and forward keys move. */
const SKIP_SEC = 5

type PlayerAction = (ctx: ActionContext) => boolean

const NO_MEDIA = 'No recording to play: open one in the player above the transcript'

/**
 * Runs `fn` with the player, or says why it cannot: there is none, the recording failed (the
 * panel's reason), or the player cannot act yet (a YouTube frame that has not answered). Nothing
 * pretends to seek or play.
 */
const withPlayer =
  (fn: (player: Player, ctx: ActionContext) => boolean): PlayerAction =>
  (ctx) => {
    const player = ctx.player()
    if (!player) {
      const { status, message } = ctx.state.player
      return ctx.state.session !== null && ctx.dispatch(notify(status === 'error' && message ? message : NO_MEDIA, 'error'))
    }
    const why = player.unavailable()
    if (why !== null) return ctx.dispatch(notify(why, 'error'))
    return fn(player, ctx)
  }

/** Starts playing; a refusal (no file, autoplay) is shown in the panel. */
function play(player: Player, ctx: ActionContext): void {
  player.play().catch((error: unknown) => ctx.dispatch(mediaFailed(`The recording did not start: ${errorText(error)}`)))
}

/** Where the current row starts, or null after saying why not. */
function currentStart(ctx: ActionContext): { id: EntryId; start: number } | null {
  const s = ctx.state.session
  const id = currentRowId(ctx.state)
  if (!s || id === null) return null
  const start = rowStart(s.editor.doc, id)
  if (start === null) {
    ctx.dispatch(notify('This row has no time, nor any timed line before it', 'error'))
    return null
  }
  return { id, start }
}

/** Sets the current line's `sec` (the time cell's editor is closed first, so its draft does not overwrite it). */
function setCurrentSec(ctx: ActionContext, sec: (own: number | null) => number | null): boolean {
  const s = ctx.state.session
  const id = currentRowId(ctx.state)
  if (!s || id === null) return false
  const entry = entryOf(s.editor.doc, id)
  if (!entry || isHeader(entry)) return ctx.dispatch(notify('A section header has no time: put the cursor on a line', 'error'))
  const own = valueOf(entry, 'sec')
  const next = sec(typeof own === 'number' ? own : null)
  if (next === null) return false
  if (s.editing?.column === 'time') ctx.dispatch(stopEdit)
  return ctx.dispatch(setRowSec(id, Math.max(0, next)))
}

const nudge =
  (delta: 1 | -1): PlayerAction =>
  (ctx) =>
    setCurrentSec(ctx, (own) => {
      if (own !== null) return own + delta
      ctx.dispatch(notify('This line has no time to move: set it from the playhead first', 'error'))
      return null
    })

/** What the player's keys and buttons do. */
export const playerActions: Readonly<Record<PlayerActionId, PlayerAction>> = {
  'play-pause': withPlayer((player, ctx) => {
    if (player.paused()) play(player, ctx)
    else player.pause()
    return true
  }),
  'seek-back': withPlayer((player) => {
    player.seek(player.currentTime() - SKIP_SEC)
    return true
  }),
  'seek-forward': withPlayer((player) => {
    player.seek(player.currentTime() + SKIP_SEC)
    return true
  }),
  slower: withPlayer((player) => {
    player.setRate(stepRate(player.rate(), -1))
    return true
  }),
  faster: withPlayer((player) => {
    player.setRate(stepRate(player.rate(), 1))
    return true
  }),
  'play-row': withPlayer((player, ctx) => {
    const row = currentStart(ctx)
    if (!row) return true
    // Playing another row leaves the loop.
    if (ctx.state.player.loop && ctx.state.player.loop.id !== row.id) ctx.dispatch(setLoop(null))
    player.seek(Math.max(0, row.start - PRE_ROLL))
    play(player, ctx)
    return true
  }),
  'set-time': withPlayer((player, ctx) => setCurrentSec(ctx, () => Math.floor(player.currentTime()))),
  'nudge-earlier': nudge(-1),
  'nudge-later': nudge(1),
  loop: withPlayer((player, ctx) => {
    if (ctx.state.player.loop) return ctx.dispatch(setLoop(null))
    const row = currentStart(ctx)
    if (!row) return true
    const end = rowEnd(ctx.state.session!.editor.doc, row.id, row.start) ?? player.duration()
    if (!(end > row.start)) return ctx.dispatch(notify('This line has no end to loop to', 'error'))
    ctx.dispatch(setLoop({ id: row.id, start: row.start, end }))
    player.seek(row.start)
    play(player, ctx)
    return true
  }),
  follow: (ctx) => ctx.dispatch(toggleFollow),
  patient: (ctx) => ctx.dispatch(togglePatient),
}
