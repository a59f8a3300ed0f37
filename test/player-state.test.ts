import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isHeader, parseEpisode, valueOf } from '../shared/episode/index'
import { corpusDir } from './helpers/corpus'
import type { Player, PlayerEvent } from '../renderer/player/player'
import { createController } from '../renderer/state/controller'
import { focusCursor, setCursor, startEdit } from '../renderer/state/commands'
import { initialPlayerState, mediaFailed, mediaForgotten, mediaLoaded, placeRestored, rememberedKnown, playerStatus, playerTick, rowEnd, rowStart, spokenRowAt, stepRate, toggleFollow, type MediaSource } from '../renderer/state/player-state'
import { PLACE_SETTLE_MS, PLACE_WHILE_PLAYING_MS, placeOf } from '../renderer/state/player-place-keeper'
import { onlyPlayheadMoved, viewSubscriber } from '../renderer/state/view-subscription'
import type { Scheduler } from '../renderer/state/scheduler'
import { FakeHost, ManualClock, settle } from './helpers/fake-host'

const EPISODE = [
  '---',
  'title: Test episode',
  'transcript:',
  '- header: Intro',
  '- line: First',
  '  sec: 10',
  "  time: '0:10'",
  '  who: Alexey',
  '- line: Untimed',
  '  who: Tim',
  '- line: Third',
  '  sec: 20',
  "  time: '0:20'",
  '  who: Tim',
  '- header: Later',
  '- line: Fourth',
  '  sec: 30',
  "  time: '0:30'",
  '  who: Alexey',
  '---',
  'Body',
  '',
].join('\n')

const doc = parseEpisode(EPISODE)
const id = (index: number) => doc.entries[index]!.id

/** A stand-in for the page's media element player: records what the actions asked of it. */
class StandInPlayer implements Player {
  time = 0
  isPaused = true
  speed = 1
  async play() {
    this.isPaused = false
  }
  pause() {
    this.isPaused = true
  }
  seek(sec: number) {
    this.time = Math.max(0, sec)
  }
  setRate(rate: number) {
    this.speed = rate
  }
  currentTime = () => this.time
  duration = () => 60
  paused = () => this.isPaused
  rate = () => this.speed
  error = () => null
  unavailable = () => null
  on(_event: PlayerEvent, _listener: () => void) {
    return () => {}
  }
}

async function openWithPlayer() {
  const controller = createController(new FakeHost({ 'ep.md': EPISODE }), { schedule: new ManualClock().schedule })
  await controller.start()
  await controller.openFile('ep.md')
  const player = new StandInPlayer()
  controller.setPlayer(player)
  controller.dispatch(mediaLoaded({ url: 'blob:x', name: 'ep.wav', kind: 'audio', origin: 'file' }))
  const entries = () => controller.store.getState().session!.editor.doc.entries
  return { controller, player, entries }
}

describe('the spoken row and where rows start', () => {
  it('is the last timed line at or before the time; an untimed line is never the one', () => {
    assert.equal(spokenRowAt(doc, 5), null)
    assert.equal(spokenRowAt(doc, 10), id(1))
    assert.equal(spokenRowAt(doc, 19.9), id(1))
    assert.equal(spokenRowAt(doc, 20), id(3))
    assert.equal(spokenRowAt(doc, 99), id(5))
  })

  it('a time going backwards in the file ends the spoken line before it, as reading in file order does', () => {
    const backwards = parseEpisode(EPISODE.replace('  sec: 20', '  sec: 40'))
    const ids = backwards.entries.map((e) => e.id)
    assert.equal(spokenRowAt(backwards, 35), ids[1], 'the line at 40 s is later: the one at 10 s goes on')
    assert.equal(spokenRowAt(backwards, 45), ids[5], 'past 40 s: the last line at or before it in file order (30 s)')
  })

  it('lines that share a time are each spoken in turn, in shares of the time to the next later line by their text length; the first one starts at the time', () => {
    const same = parseEpisode(EPISODE.replace('  sec: 20', '  sec: 10').replace('- line: Third', '- line: A third line, longer'))
    const ids = same.entries.map((e) => e.id)
    // First ("First" + its untimed line "Untimed": 12 characters) and Third (20) share 10 s; Fourth is at 30.
    assert.equal(spokenRowAt(same, 10), ids[1], 'the first line of the group, at the group’s time')
    assert.equal(spokenRowAt(same, 10 + (20 * 12) / 32 - 0.01), ids[1])
    assert.equal(spokenRowAt(same, 10 + (20 * 12) / 32 + 0.01), ids[3])
    assert.equal(spokenRowAt(same, 29.9), ids[3])
    assert.equal(spokenRowAt(same, 30), ids[5])
  })

  it('on a real episode, the first of two lines at 3:52 (and at 2:22) is spoken first, then the second', { skip: corpusDir === null && 'no corpus' }, () => {
    const real = parseEpisode(readFileSync(join(corpusDir!, 'episodes/applied-llm-research-and-career-growth-in-practice.md'), 'utf8'))
    const atSec = (sec: number) => real.entries.filter((e) => !isHeader(e) && valueOf(e, 'sec') === sec).map((e) => e.id)
    for (const [sec, next] of [
      [142, 205],
      [232, 287],
    ] as const) {
      const [first, second] = atSec(sec)
      assert.ok(first && second, `two lines at ${sec} s`)
      assert.equal(spokenRowAt(real, sec), first, `${sec} s: the first line`)
      assert.equal(spokenRowAt(real, sec + 1), first, `${sec + 1} s: still the first line`)
      assert.equal(spokenRowAt(real, next - 1), second, `${next - 1} s: the second line`)
      assert.notEqual(spokenRowAt(real, sec - 0.1), first)
    }
  })

  it('a line without sec starts at the timed line before it; a header at the next timed line', () => {
    assert.equal(rowStart(doc, id(2)), 10)
    assert.equal(rowStart(doc, id(0)), 10)
    assert.equal(rowStart(doc, id(4)), 30)
    assert.equal(rowEnd(doc, id(1), 10), 20)
    assert.equal(rowEnd(doc, id(5), 30), null)
  })

  it('speeds step from 0.5× to 2× and stop there', () => {
    assert.equal(stepRate(1, 1), 1.25)
    assert.equal(stepRate(1, -1), 0.75)
    assert.equal(stepRate(2, 1), 2)
    assert.equal(stepRate(0.5, -1), 0.5)
    assert.equal(stepRate(1.1, 1), 1.25)
    assert.equal(stepRate(1.1, -1), 1)
  })
})

describe('playerTick', () => {
  it('follows the spoken row into view, but not while a cell is being edited, nor with follow off', async () => {
    const { controller } = await openWithPlayer()
    const reveal = () => controller.store.getState().session!.reveal
    controller.dispatch(playerTick(20.3))
    assert.equal(controller.store.getState().player.spokenId, id(3))
    assert.equal(reveal()?.id, id(3))
    assert.equal(reveal()?.focus, false)
    assert.equal(reveal()?.ahead, true, 'following shows the lines after the spoken one too')

    const before = controller.store.getState()
    controller.dispatch(playerTick(20.34))
    assert.equal(controller.store.getState(), before, 'the same step and row change nothing')

    controller.dispatch(setCursor(id(1), 'text'))
    controller.dispatch(startEdit('end'))
    const editingReveal = reveal()
    controller.dispatch(playerTick(31))
    assert.equal(controller.store.getState().player.spokenId, id(5))
    assert.equal(reveal(), editingReveal, 'no scrolling away from the editor')

    controller.dispatch(toggleFollow)
    controller.dispatch(playerTick(11))
    assert.equal(reveal(), editingReveal)
  })

  it('does not tell the views’ selectors of an update that moves only the playhead; anything else it changes, they hear of', async () => {
    const { controller } = await openWithPlayer()
    const subscribe = viewSubscriber(controller.store)
    assert.equal(viewSubscriber(controller.store), subscribe, 'one subscription per store (React keeps it across renders)')
    let heard = 0
    const stop = subscribe(() => heard++)
    controller.dispatch(toggleFollow)
    assert.equal(heard, 1)
    controller.dispatch(playerTick(10.5))
    controller.dispatch(playerTick(10.7))
    controller.dispatch(playerTick(20.3))
    assert.equal(heard, 1, 'time and spoken row only (follow is off: nothing scrolls)')
    controller.dispatch(toggleFollow)
    assert.equal(heard, 2)
    const reveal = controller.store.getState().session!.reveal
    controller.dispatch(playerTick(31))
    assert.notEqual(controller.store.getState().session!.reveal, reveal, 'following scrolls to the spoken row')
    assert.equal(heard, 2, 'the grid scrolls for it from a listener of its own')
    controller.dispatch(playerStatus({ playing: true, rate: 1, duration: 60 }))
    assert.equal(heard, 3)
    const before = controller.store.getState()
    controller.dispatch(playerTick(31.5))
    assert.ok(onlyPlayheadMoved(before, controller.store.getState()))
    assert.ok(!onlyPlayheadMoved(before, before))
    controller.dispatch(setCursor(id(1), 'text'))
    assert.equal(heard, 4)
    controller.dispatch(focusCursor)
    assert.equal(heard, 5, 'a reveal other than following’s is heard')
    stop()
    controller.dispatch(setCursor(id(3), 'text'))
    assert.equal(heard, 5)
  })
})

describe('player actions', () => {
  it('play from row seeks 1 s before the row (the timed line before an untimed one) and plays', async () => {
    const { controller, player } = await openWithPlayer()
    controller.dispatch(setCursor(id(3), 'text'))
    assert.ok(controller.run('play-row'))
    assert.equal(player.time, 19)
    assert.equal(player.isPaused, false)
    controller.dispatch(setCursor(id(2), 'text'))
    controller.run('play-row')
    assert.equal(player.time, 9)
  })

  it('set time takes whole seconds from the playhead, nudges by one, each one undoable step', async () => {
    const { controller, player, entries } = await openWithPlayer()
    controller.dispatch(setCursor(id(3), 'who'))
    player.time = 23.9
    assert.ok(controller.run('set-time'))
    assert.equal(valueOf(entries()[3]!, 'sec'), 23)
    assert.equal(valueOf(entries()[3]!, 'time'), '0:23')
    controller.run('nudge-later')
    assert.equal(valueOf(entries()[3]!, 'sec'), 24)
    controller.run('undo')
    assert.equal(valueOf(entries()[3]!, 'sec'), 23)
    controller.run('undo')
    assert.equal(valueOf(entries()[3]!, 'sec'), 20)
    assert.equal(valueOf(entries()[3]!, 'time'), '0:20')
  })

  it('a header has no time to set; an untimed line cannot be nudged; no player says so', async () => {
    const { controller, player, entries } = await openWithPlayer()
    controller.dispatch(setCursor(id(0), 'text'))
    controller.run('set-time')
    assert.match(controller.store.getState().notice?.text ?? '', /section header has no time/)
    controller.dispatch(setCursor(id(2), 'text'))
    controller.run('nudge-later')
    assert.equal(valueOf(entries()[2]!, 'sec'), undefined)
    assert.match(controller.store.getState().notice?.text ?? '', /no time to move/)
    player.time = 0
    controller.setPlayer(null)
    controller.run('play-pause')
    assert.match(controller.store.getState().notice?.text ?? '', /No recording/)
  })

  it('speed and skips act on the player', async () => {
    const { controller, player } = await openWithPlayer()
    player.time = 12
    controller.run('seek-back')
    assert.equal(player.time, 7)
    controller.run('seek-forward')
    controller.run('seek-forward')
    assert.equal(player.time, 17)
    controller.run('faster')
    assert.equal(player.speed, 1.25)
    controller.run('slower')
    controller.run('slower')
    assert.equal(player.speed, 0.75)
  })
})

describe('each episode keeps its place', () => {
  const recording: MediaSource = { url: '/media/a', name: 'ep.wav', kind: 'audio', origin: 'remembered' }

  async function twoEpisodes() {
    const controller = createController(new FakeHost({ 'a.md': EPISODE, 'b.md': EPISODE.replace('Test episode', 'Other episode') }), { schedule: new ManualClock().schedule })
    await controller.start()
    const player = () => controller.store.getState().player
    return { controller, player }
  }

  it('the playhead, follow and speed come back when the episode is active again, and the recording starts there', async () => {
    const { controller, player } = await twoEpisodes()
    await controller.openFile('a.md')
    assert.equal(player().status, 'loading', 'the recording is asked for when the episode opens')
    controller.dispatch(mediaLoaded(recording))
    controller.dispatch(playerTick(21.37))
    controller.dispatch(toggleFollow)
    controller.dispatch(playerStatus({ playing: true, rate: 1.5, duration: 60 }))

    await controller.openFile('b.md')
    assert.equal(controller.store.getState().session?.handle, 'b.md')
    assert.deepEqual({ time: player().time, status: player().status, source: player().source, spokenId: player().spokenId }, { time: 0, status: 'loading', source: null, spokenId: null })
    assert.equal(player().follow, false, 'a new episode starts with the follow and speed in use')
    assert.equal(player().rate, 1.5)
    controller.dispatch(mediaLoaded(recording))
    controller.dispatch(toggleFollow)
    controller.dispatch(playerStatus({ playing: false, rate: 1, duration: 60 }))
    controller.dispatch(playerTick(3))

    await controller.openFile('a.md')
    assert.ok(Math.abs(player().time - 21.3) < 1e-9, `back at 21.3 s, not ${player().time}`)
    assert.equal(player().follow, false)
    assert.equal(player().rate, 1.5)
    assert.equal(player().status, 'loading')
    controller.dispatch(mediaLoaded(recording))
    assert.ok(Math.abs(player().time - 21.3) < 1e-9, 'its recording starts where it was left')
    controller.dispatch(mediaLoaded({ ...recording, url: 'blob:other', origin: 'file' }))
    assert.equal(player().time, 0, 'another file chosen after that starts from the beginning')

    await controller.openFile('b.md')
    assert.equal(player().time, 3)
    assert.equal(player().follow, true)
    assert.equal(player().rate, 1)
  })

  it('closing an episode keeps its place for when it is opened again; its YouTube video comes back with it', async () => {
    const { controller, player } = await twoEpisodes()
    await controller.openFile('a.md')
    const video: MediaSource = { url: 'https://www.youtube-nocookie.com/embed/x', name: 'x', kind: 'youtube', origin: 'youtube' }
    controller.dispatch(mediaLoaded(video))
    controller.dispatch(playerTick(12))
    assert.ok(controller.run('close'))
    assert.equal(controller.store.getState().session, null)
    assert.equal(player().status, 'none')
    assert.equal(player().source, null)

    await controller.openFile('a.md')
    assert.equal(player().time, 12)
    assert.equal(player().source, video)
    assert.equal(player().status, 'ready', 'no need to ask the host for a YouTube video')
  })

  it('forgetting the recording leaves the episode without one, and says which', async () => {
    const { controller, player } = await twoEpisodes()
    await controller.openFile('a.md')
    controller.dispatch(mediaLoaded(recording))
    controller.dispatch(playerTick(5))
    controller.dispatch(mediaForgotten('ep.wav'))
    assert.equal(player().source, null)
    assert.equal(player().status, 'none')
    assert.match(player().message ?? '', /^Forgot ep\.wav: this episode opens without a recording now\.$/)
  })
})

describe('the remembered recording', () => {
  const recording: MediaSource = { url: '/media/a', name: 'ep.wav', kind: 'audio', origin: 'remembered' }
  const video: MediaSource = { url: 'https://www.youtube-nocookie.com/embed/x', name: 'x', kind: 'youtube', origin: 'youtube' }

  it('is known while the YouTube video plays, is forgotten without stopping the video, and goes with its episode', async () => {
    const controller = createController(new FakeHost({ 'a.md': EPISODE, 'b.md': EPISODE }), { schedule: new ManualClock().schedule })
    await controller.start()
    await controller.openFile('a.md')
    const player = () => controller.store.getState().player
    controller.dispatch(mediaLoaded(recording))
    assert.equal(player().remembered, recording)
    controller.dispatch(mediaLoaded(video))
    assert.equal(player().remembered, recording, 'still offered while the video plays')
    controller.dispatch(rememberedKnown({ ...recording }))
    assert.equal(player().remembered, recording, 'the same recording told again changes nothing')
    controller.dispatch(mediaForgotten('ep.wav'))
    assert.equal(player().remembered, null)
    assert.equal(player().source, video, 'the video plays on')
    assert.equal(player().status, 'ready')
    controller.dispatch(rememberedKnown(recording))
    await controller.openFile('b.md')
    assert.equal(player().remembered, null, 'another episode has its own, asked of the host')
  })

  it('a file chosen in the page instead of the YouTube video is kept as the recording’s place, not the video’s', () => {
    const ready = { ...initialPlayerState, status: 'ready' as const, time: 12 }
    assert.equal(placeOf({ ...ready, source: video, duration: 3600 })?.source, 'youtube')
    assert.equal(placeOf({ ...ready, source: video }), null, 'a video that has not answered (no length yet) is no place to keep')
    assert.equal(placeOf({ ...ready, source: { ...recording, url: 'blob:x', origin: 'file' } })?.source, 'recording')
    assert.equal(placeOf({ ...ready, source: video, status: 'error' }), null, 'a video that failed is no place to keep')
  })
})

describe('places kept by the host for later runs', () => {
  const recording: MediaSource = { url: '/media/a', name: 'ep.wav', kind: 'audio', origin: 'remembered' }

  async function keeping() {
    const host = new FakeHost({ 'a.md': EPISODE, 'b.md': EPISODE.replace('Test episode', 'Other episode') })
    const clock = new ManualClock()
    let scheduled = 0
    const schedule: Scheduler = (run, ms) => {
      scheduled++
      return clock.schedule(run, ms)
    }
    const controller = createController(host, { schedule, now: clock.now })
    await controller.start()
    await controller.openFile('a.md')
    controller.dispatch(mediaLoaded(recording))
    await clock.advance(PLACE_SETTLE_MS)
    host.calls.length = 0
    const writes = () => host.calls.filter((c) => c === 'setPlayerPlace').length
    /** Timers the controller has asked for so far. */
    const timers = () => scheduled
    /** The kept place of an episode, its time to a tenth (the state keeps it in steps of 0.1 s). */
    const kept = (handle: string) => {
      const place = host.places.get(handle)
      return place && { ...place, time: Math.round(place.time * 10) / 10 }
    }
    return { host, clock, controller, writes, kept, timers }
  }

  it('are written on pause, after a seek settles, and at most every few seconds while playing, not on every tick', async () => {
    const { clock, controller, writes, kept } = await keeping()
    controller.dispatch(playerStatus({ playing: true, rate: 1, duration: 60 }))
    for (let t = 0; t < 12; t += 0.25) {
      controller.dispatch(playerTick(t))
      await clock.advance(250)
    }
    assert.ok(writes() >= 2 && writes() <= 3, `12 s of playing (48 ticks) is kept ${writes()} times, every ${PLACE_WHILE_PLAYING_MS} ms`)
    controller.dispatch(playerTick(12.3))
    controller.dispatch(playerStatus({ playing: false, rate: 1, duration: 60 }))
    await settle()
    assert.deepEqual(kept('a.md'), { time: 12.3, follow: true, rate: 1, source: 'recording' }, 'a pause is kept at once')
    const paused = writes()
    controller.dispatch(playerTick(30))
    controller.dispatch(playerTick(35))
    controller.dispatch(toggleFollow)
    await clock.advance(PLACE_SETTLE_MS - 1)
    assert.equal(writes(), paused, 'seeks settle first')
    await clock.advance(1)
    assert.equal(writes(), paused + 1, 'then one write for all of them')
    assert.deepEqual(kept('a.md'), { time: 35, follow: false, rate: 1, source: 'recording' })
  })

  it('settle after the last of many ticks while paused (a seek dragged along), without a timer for every tick', async () => {
    const { clock, controller, writes, kept, timers } = await keeping()
    const before = timers()
    for (let k = 0; k < 40; k++) {
      controller.dispatch(playerTick(30 + k * 0.25))
      await clock.advance(50)
    }
    assert.equal(writes(), 0, 'nothing is kept while the ticks keep coming')
    assert.ok(timers() - before <= 8, `${timers() - before} timers for 40 ticks`)
    await clock.advance(PLACE_SETTLE_MS - 50 - 1)
    assert.equal(writes(), 0, 'the place settles for the whole quiet time after the last tick')
    await clock.advance(1)
    assert.equal(writes(), 1)
    assert.equal(kept('a.md')?.time, 39.7)
    controller.dispatch(playerStatus({ playing: true, rate: 1, duration: 60 }))
    controller.dispatch(playerTick(41))
    controller.dispatch(playerStatus({ playing: false, rate: 1, duration: 60 }))
    await settle()
    assert.equal(writes(), 2, 'a pause is kept at once')
    controller.dispatch(playerStatus({ playing: true, rate: 1, duration: 60 }))
    controller.dispatch(playerTick(42))
    await clock.advance(100)
    controller.dispatch(playerStatus({ playing: false, rate: 1, duration: 60 }))
    controller.dispatch(playerTick(50))
    await clock.advance(PLACE_SETTLE_MS - 1)
    assert.equal(writes(), 3, 'paused again: kept at once')
    await clock.advance(1)
    assert.equal(writes(), 4, 'a seek after it settles in the quiet time, not at the playing timer (5 s)')
    assert.equal(kept('a.md')?.time, 50)
  })

  it('are written when another episode becomes active, or the app goes: once, as the episode stood last (a video chosen after a dropped file)', async () => {
    const { controller, writes, kept } = await keeping()
    controller.dispatch(playerTick(7))
    await controller.openFile('b.md')
    assert.equal(kept('a.md')?.time, 7, 'switching tabs keeps the one left at once')
    controller.dispatch(mediaLoaded({ ...recording, url: 'blob:x', origin: 'file' }))
    controller.dispatch(playerTick(4))
    const before = writes()
    controller.dispatch(mediaLoaded({ url: 'https://www.youtube-nocookie.com/embed/x', name: 'x', kind: 'youtube', origin: 'youtube' }))
    // The video answers: its length, then the time.
    controller.dispatch(playerStatus({ playing: false, rate: 1, duration: 3600 }))
    controller.dispatch(playerTick(9))
    controller.dispose()
    await settle()
    assert.equal(writes(), before + 1)
    assert.deepEqual(kept('b.md'), { time: 9, follow: true, rate: 1, source: 'youtube' })
  })

  it('going back to the recording after the YouTube video failed comes back at the recording’s place, and keeps it', async () => {
    const { clock, controller, kept } = await keeping()
    const player = () => controller.store.getState().player
    controller.dispatch(playerTick(142))
    await clock.advance(PLACE_SETTLE_MS)
    assert.equal(kept('a.md')?.time, 142)
    controller.dispatch(mediaLoaded({ url: 'https://www.youtube-nocookie.com/embed/x', name: 'x', kind: 'youtube', origin: 'youtube' }))
    assert.equal(player().time, 0, 'the video starts at its beginning')
    await clock.advance(10_000)
    // Quitting now (offline, the video never answers) must come back to the recording, where it stood.
    assert.deepEqual(kept('a.md'), { time: 142, follow: true, rate: 1, source: 'recording' }, 'a video that has not answered is no place to keep')
    controller.dispatch(mediaFailed("YouTube can't be reached (offline?), or this video can't be embedded. Choose a recording instead."))
    const remembered = player().remembered
    assert.equal(remembered, recording, 'the panel offers the recording beside the failure')
    controller.dispatch(mediaLoaded(remembered))
    assert.equal(player().time, 142, 'the recording comes back where it stood, not at 0:00')
    await clock.advance(PLACE_SETTLE_MS)
    assert.deepEqual(kept('a.md'), { time: 142, follow: true, rate: 1, source: 'recording' }, 'and that is the place kept for next time')
  })

  it('are not written for an episode that was only opened: its recording starts where it was kept', async () => {
    const host = new FakeHost({ 'a.md': EPISODE })
    const clock = new ManualClock()
    const controller = createController(host, { schedule: clock.schedule })
    await controller.start()
    await controller.openFile('a.md')
    controller.dispatch(placeRestored({ time: 21.3, follow: false, rate: 1.5 }))
    controller.dispatch(mediaLoaded(recording))
    await clock.advance(PLACE_WHILE_PLAYING_MS)
    controller.dispose()
    await settle()
    assert.deepEqual(host.calls.filter((c) => c === 'setPlayerPlace'), [], 'nothing changed, so nothing is written')
  })

  it('a place from an earlier run is where the recording starts, paused, with follow and speed as they were', async () => {
    const host = new FakeHost({ 'a.md': EPISODE })
    const controller = createController(host, { schedule: new ManualClock().schedule })
    await controller.start()
    await controller.openFile('a.md')
    const player = () => controller.store.getState().player
    assert.equal(player().status, 'loading')
    controller.dispatch(placeRestored({ time: 21.3, follow: false, rate: 1.5 }))
    controller.dispatch(mediaLoaded(recording))
    assert.deepEqual({ time: player().time, follow: player().follow, rate: player().rate, playing: player().playing }, { time: 21.3, follow: false, rate: 1.5, playing: false })
    assert.equal(controller.dispatch(placeRestored({ time: 1, follow: true, rate: 1 })), false, 'a playing recording is not moved by a late answer')
  })
})
