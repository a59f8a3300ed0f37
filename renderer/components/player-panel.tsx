import { useEffect, useLayoutEffect, useRef, useState, type DragEvent, type ReactNode } from 'react'
import { formatTime, type Episode } from '../../shared/episode/index'
import { shortcutLabel, type PlayerActionId } from '../keymap'
import { createElementPlayer, type Player } from '../player/player'
import { createYouTubePlayer, youtubeEmbedUrl } from '../player/youtube-player'
import { youtubeId } from '../../shared/chapters/index'
import { playheadClockFace } from './playhead-clock'
import { errorText, notify } from '../state/commands'
import type { Controller } from '../state/controller'
import { useAppState, useController } from '../state/hooks'
import { mediaFailed, mediaForgotten, mediaLoaded, placeRestored, playerStatus, playerTick, rememberedKnown, togglePlayerCollapsed, type MediaSource, type PlayerState } from '../state/player-state'
import type { EpisodeMedia } from '../../shared/api/contract'

function PlayerButton(props: { action: PlayerActionId; label: string; icon: ReactNode; pressed?: boolean; disabled?: boolean; text?: string }) {
  const controller = useController()
  const keys = shortcutLabel(props.action)
  return (
    <button
      type="button"
      className={`tool player-tool${props.pressed ? ' on' : ''}`}
      aria-label={props.label}
      aria-pressed={props.pressed}
      aria-keyshortcuts={keys || undefined}
      title={keys ? `${props.label} (${keys})` : props.label}
      disabled={props.disabled}
      // Keep focus (and the caret of an open cell editor) where it is.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => controller.run(props.action)}
    >
      <span className="tool-icon" aria-hidden="true">
        {props.icon}
      </span>
      {props.text && <span className="player-tool-text">{props.text}</span>}
    </button>
  )
}

/** `m:ss` of a playhead position, with tenths hidden. */
function clock(sec: number): string {
  return Number.isFinite(sec) ? formatTime(sec) : '–:––'
}

/**
 * Shows the playhead in `box`, as the store has it, from a store listener rather than a render:
 * ticks come several times a second and the text (to the second) changes at most once a second,
 * so a tick that changes nothing shown sends nothing, and none renders React. The clock's face
 * (`playhead-clock.ts`) draws it off the main thread. The box is as wide as the longer of the
 * playhead's and the length's text. Returns the unsubscribe function.
 */
function showPlayhead(controller: Controller, box: HTMLElement): () => void {
  const face = playheadClockFace(box)
  // The second and length last shown: a tick within the same second returns at once.
  let second = Number.NaN
  let length = Number.NaN
  const show = () => {
    const { time, duration } = controller.store.getState().player
    if (Math.floor(time) === second && Object.is(duration, length)) return
    second = Math.floor(time)
    length = duration
    const now = clock(time)
    face.show(now, Math.max(now.length, clock(duration).length))
  }
  show()
  const unsubscribe = controller.store.subscribe(show)
  return () => {
    unsubscribe()
    face.dispose()
  }
}

/** The playhead and the length; the playhead is drawn by `showPlayhead`, not rendered. */
function PlayerClock() {
  const controller = useController()
  const duration = useAppState((s) => s.player.duration)
  const now = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => showPlayhead(controller, now.current!), [controller])
  // The playhead's text changes every second as the recording plays: in a box of its own size
  // (player.css), laying it out is local, not a layout of the document from its root.
  return (
    <span className="player-clock" aria-label="Playhead">
      <span className="player-now" ref={now} />
      {' '}/ {clock(duration)}
    </span>
  )
}

/** What moves with the playhead; the panel's controls ignore it. */
const PLAYHEAD_KEYS: ReadonlySet<string> = new Set<keyof PlayerState>(['time', 'spokenId'])

/** The player's state for the controls: the same object while only the playhead moves. */
function usePlayerControls(): PlayerState {
  const last = useRef<PlayerState | null>(null)
  return useAppState((s) => {
    const prev = last.current
    const now = s.player
    if (prev !== null && (Object.keys(now) as (keyof PlayerState)[]).every((key) => PLAYHEAD_KEYS.has(key) || prev[key] === now[key])) return prev
    last.current = now
    return now
  })
}

/** Calls `listener` when the open document changes (not on other state changes). */
function subscribeToDoc(controller: Controller, listener: () => void): () => void {
  let doc = controller.store.getState().session?.editor.doc
  return controller.store.subscribe(() => {
    const now = controller.store.getState().session?.editor.doc
    if (now === doc) return
    doc = now
    listener()
  })
}

/** How long typing must pause before patient playback goes on. */
const PATIENCE_MS = 1200
/** How far back patient playback goes on from where typing paused it. */
const PATIENCE_REWIND = 1

/**
 * Patient playback: typing in a line pauses the recording; when typing stops for a moment it
 * plays on from a second before where it paused. Only a pause it made itself is resumed.
 */
function patientPlayback(controller: Controller, player: Player): { typed(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pausedAt: number | null = null
  const resume = () => {
    timer = null
    if (pausedAt === null || !player.paused()) return
    player.seek(pausedAt - PATIENCE_REWIND)
    pausedAt = null
    player.play().catch((error: unknown) => controller.dispatch(mediaFailed(`The recording did not go on: ${errorText(error)}`)))
  }
  return {
    typed() {
      const state = controller.store.getState()
      if (!state.player.patient || state.session?.editing?.column !== 'text') return
      if (pausedAt === null) {
        if (player.paused()) return
        player.pause()
        pausedAt = player.currentTime()
      }
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(resume, PATIENCE_MS)
    },
    stop() {
      if (timer !== null) clearTimeout(timer)
    },
  }
}

/** The recording's element: makes the player, registers it, and reports its events to the state. */
function MediaElement({ source }: { source: MediaSource }) {
  const controller = useController()
  const ref = useRef<HTMLMediaElement | null>(null)
  const frameRef = useRef<HTMLIFrameElement | null>(null)
  useEffect(() => {
    const element = ref.current
    const frame = frameRef.current
    const youtube = frame ? createYouTubePlayer(frame) : null
    const player = youtube ?? (element ? createElementPlayer(element) : null)
    if (!player) return
    controller.setPlayer(player)
    // Events of a recording that is going (the episode changed) must not move the new one's playhead.
    const mine = () => controller.store.getState().player.source === source
    const status = () => {
      if (mine()) controller.dispatch(playerStatus({ playing: !player.paused(), rate: player.rate(), duration: player.duration() }))
    }
    const offs = [
      player.on('time', () => {
        if (!mine()) return
        const now = player.currentTime()
        const loop = controller.store.getState().player.loop
        if (loop && !player.paused() && now >= loop.end) player.seek(loop.start)
        controller.dispatch(playerTick(now))
      }),
      player.on('play', status),
      player.on('pause', status),
      player.on('rate', status),
      player.on('duration', status),
      player.on('error', () => {
        if (mine()) controller.dispatch(mediaFailed(player.error() ?? 'The recording cannot be played'))
      }),
      // An edit can change which row is spoken (a time set or typed) while the playhead stands still.
      subscribeToDoc(controller, () => {
        controller.dispatch(playerTick(player.currentTime()))
        patience.typed()
      }),
    ]
    const patience = patientPlayback(controller, player)
    // The episode's place: where it was left and at what speed (the element starts at 0 and 1×).
    const { time, rate } = controller.store.getState().player
    if (rate !== player.rate()) player.setRate(rate)
    if (time > 0) player.seek(time)
    return () => {
      youtube?.dispose()
      patience.stop()
      for (const off of offs) off()
      controller.setPlayer(null)
    }
  }, [controller, source])
  const setRef = (element: HTMLMediaElement | null) => {
    ref.current = element
  }
  if (source.kind === 'youtube')
    return <iframe ref={frameRef} className="player-video" src={source.url} title={`YouTube: ${source.name}`} allow="autoplay; encrypted-media" />
  return source.kind === 'video' ? (
    <video ref={setRef} className="player-video" src={source.url} preload="auto" aria-label={`Video ${source.name}`} />
  ) : (
    <audio ref={setRef} src={source.url} preload="auto" />
  )
}

/** The host's answer for an episode's recording as the player's source. */
function rememberedSource(found: EpisodeMedia | null): MediaSource | null {
  return found && { url: found.mediaUrl, name: found.name, kind: found.kind, origin: 'remembered' }
}

/**
 * Loads the recording remembered for the open episode whenever another episode becomes the active
 * one. An episode without a place from this run first gets the one the host kept from an earlier
 * run: the recording (or its YouTube video) comes back there, paused, with follow and speed as they were.
 * The remembered recording is known to the panel even when the YouTube video comes back instead,
 * so that it can always be chosen again.
 */
function useRememberedMedia(): void {
  const controller = useController()
  const handle = useAppState((s) => s.session?.handle ?? null)
  useEffect(() => {
    if (handle === null) return
    let current = true
    const media = controller.media.getEpisodeMedia(handle)
    // A recording that cannot be played is said below when it is the one loaded; here it is just not offered.
    media.then((found) => current && controller.dispatch(rememberedKnown(rememberedSource(found))), () => undefined)
    const stop = () => {
      current = false
    }
    // `loading` is set when the episode becomes active (`switchEpisode`), unless its YouTube video came back with it.
    const state = controller.store.getState()
    if (state.player.status !== 'loading') return stop
    const thisRun = state.session !== null && state.player.places.has(state.session.path)
    // A place that cannot be read only means starting at 0; the recording is what matters here.
    const kept = thisRun ? Promise.resolve(null) : controller.media.getPlayerPlace(handle).catch(() => null)
    void kept.then((place) => {
      if (!current) return
      if (place) controller.dispatch(placeRestored(place))
      const videoId = place?.source === 'youtube' ? youtubeId(controller.store.getState().session!.settled) : undefined
      if (videoId) {
        controller.dispatch(mediaLoaded({ url: youtubeEmbedUrl(videoId, window.location.origin), name: videoId, kind: 'youtube', origin: 'youtube' }))
        return
      }
      media.then(
        (found) => {
          if (current) controller.dispatch(mediaLoaded(rememberedSource(found)))
        },
        (error: unknown) => {
          if (current) controller.dispatch(mediaLoaded(null, `The recording remembered for this episode cannot be played: ${errorText(error)}`))
        },
      )
    })
    return stop
  }, [controller, handle])
}

/** A blob URL for a file chosen or dropped in the page, revoked when it is replaced or the panel goes. */
function useLocalFile(): (file: File) => void {
  const controller = useController()
  const url = useRef<string | null>(null)
  useEffect(
    () => () => {
      if (url.current) URL.revokeObjectURL(url.current)
    },
    [],
  )
  return (file) => {
    if (!/^(audio|video)\//.test(file.type) && file.type !== '') {
      controller.dispatch(mediaFailed(`${file.name} is not an audio or video file`))
      return
    }
    if (url.current) URL.revokeObjectURL(url.current)
    url.current = URL.createObjectURL(file)
    controller.dispatch(mediaLoaded({ url: url.current, name: file.name, kind: file.type.startsWith('video/') ? 'video' : 'audio', origin: 'file' }))
  }
}

const videoIds = new WeakMap<Episode, string | null>()

/** The episode's YouTube video id (null: none), worked out once per document: the panel asks at every change of the store, playhead ticks included. */
function videoIdOf(doc: Episode): string | null {
  let id = videoIds.get(doc)
  if (id === undefined) {
    id = youtubeId(doc) ?? null
    videoIds.set(doc, id)
  }
  return id
}

/**
 * The player above the transcript: the episode's remembered recording, a file chosen or dropped
 * here, or (desktop) one picked with the system dialog. Without one it says so in a line; the
 * editor does not need it.
 */
export function PlayerPanel() {
  const controller = useController()
  useRememberedMedia()
  const openFile = useLocalFile()
  const player = usePlayerControls()
  const handle = useAppState((s) => s.session!.handle)
  const [dragging, setDragging] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  const hasMedia = player.source !== null && player.status !== 'error'
  const videoId = useAppState((s) => videoIdOf(s.session!.settled))
  const playYouTube = () => {
    if (videoId) controller.dispatch(mediaLoaded({ url: youtubeEmbedUrl(videoId, window.location.origin), name: videoId, kind: 'youtube', origin: 'youtube' }))
  }

  const pick = () => {
    controller.media.pickMediaForEpisode(handle).then(
      (media) => {
        if (media) controller.dispatch(mediaLoaded(rememberedSource(media)))
      },
      (error: unknown) => controller.dispatch(mediaFailed(`The recording could not be opened: ${errorText(error)}`)),
    )
  }
  const remembered = player.remembered
  const forget = () => {
    const name = remembered?.name ?? 'The recording'
    const playing = player.source?.origin === 'remembered' && player.status !== 'error'
    controller.media.forgetEpisodeMedia(handle).then(
      () => {
        controller.dispatch(mediaForgotten(name))
        // Something else plays on: the panel's line shows it, so the notice says what went.
        if (!playing && player.source !== null && player.status !== 'error') controller.dispatch(notify(`Forgot ${name}: this episode opens without it now.`))
      },
      (error: unknown) => controller.dispatch(notify(`The recording could not be forgotten: ${errorText(error)}`, 'error')),
    )
  }
  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const file = event.dataTransfer.files[0]
    if (file) openFile(file)
  }

  return (
    <section
      className={`player-panel${dragging ? ' dragging' : ''}${player.collapsed ? ' collapsed' : ''}`}
      aria-label="Player"
      onDragOver={(e) => {
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <button
        type="button"
        className="tool player-collapse"
        aria-expanded={!player.collapsed}
        aria-label={player.collapsed ? 'Show player' : 'Hide player'}
        title={player.collapsed ? 'Show player' : 'Hide player'}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => controller.dispatch(togglePlayerCollapsed)}
      >
        <span aria-hidden="true">{player.collapsed ? '▸' : '▾'}</span>
      </button>
      {player.source && player.status !== 'error' && <MediaElement source={player.source} />}
      {hasMedia && !player.collapsed && (
        <div className="player-controls" role="toolbar" aria-label="Player controls">
          <PlayerButton action="seek-back" label="Back 5 seconds" icon="⟲" />
          <PlayerButton action="play-pause" label={player.playing ? 'Pause' : 'Play'} icon={player.playing ? '❚❚' : '▶'} />
          <PlayerButton action="seek-forward" label="Forward 5 seconds" icon="⟳" />
          <PlayerClock />
          <PlayerButton action="slower" label="Slower" icon="−" disabled={player.rate <= 0.5} />
          <span className="player-rate" aria-label="Speed">
            {player.rate}×
          </span>
          <PlayerButton action="faster" label="Faster" icon="+" disabled={player.rate >= 2} />
          <span className="player-sep" aria-hidden="true" />
          <PlayerButton action="play-row" label="Play from row" icon="↦" text="Row" />
          <PlayerButton action="set-time" label="Set time from playhead" icon="↧" text="Set time" />
          <PlayerButton action="loop" label="Loop line" icon="↻" text="Loop" pressed={player.loop !== null} />
          <PlayerButton action="patient" label="Patient" icon="✎" text="Patient" pressed={player.patient} />
          <PlayerButton action="follow" label="Follow" icon="⇣" text="Follow" pressed={player.follow} />
        </div>
      )}
      <div className="player-source">
        {player.status === 'loading' ? (
          <span className="player-line">Looking for this episode’s recording…</span>
        ) : hasMedia ? (
          <span className="player-line player-name" title={player.source!.name}>
            {player.source!.name}
          </span>
        ) : (
          <span className="player-line player-message" role="status">
            {/* A YouTube failure says what to do instead in its own words. */}
            {(player.status === 'none' || player.source?.kind === 'youtube') && player.message ? player.message : `${player.message ?? 'No recording for this episode.'} The editor works without one.`}
          </span>
        )}
        {!player.collapsed && (
          <>
            {controller.nativeDialogs && (
              <button type="button" className="tool" onClick={pick}>
                Open media…
              </button>
            )}
            {remembered && !(player.source?.origin === 'remembered' && player.status !== 'error') && (
              <button
                type="button"
                className="tool player-recording"
                aria-label={`Recording ${remembered.name}`}
                onClick={() => controller.dispatch(mediaLoaded(remembered))}
                title={`Play the recording remembered for this episode, ${remembered.name}`}
              >
                {remembered.name}
              </button>
            )}
            {videoId && (player.source?.kind !== 'youtube' || player.status === 'error') && (
              <button type="button" className="tool" onClick={playYouTube} title={`Play the episode's YouTube video (${videoId}) in the panel; needs the internet`}>
                YouTube
              </button>
            )}
            {remembered && (
              <button
                type="button"
                className="tool"
                aria-label="Forget recording"
                onClick={forget}
                title={`Forget recording: stop opening ${remembered.name} with this episode (the file itself stays)`}
              >
                Forget<span className="player-tool-text"> recording</span>
              </button>
            )}
            <button type="button" className="tool" onClick={() => fileInput.current?.click()} title={`${hasMedia ? `Playing ${player.source!.name}. ` : ''}Choose an audio or video file, or drop one here`}>
              {hasMedia ? 'Other file…' : 'Choose file…'}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="audio/*,video/*"
              className="sr-only"
              aria-label="Recording file"
              tabIndex={-1}
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) openFile(file)
                e.target.value = ''
              }}
            />
          </>
        )}
      </div>
    </section>
  )
}
