import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { playerPlaceBounds, type FileHandle, type PlayerPlace } from '../../shared/api/contract'
import { writeFileAtomic } from './atomic-write'
import { fsErrorCode } from './errors'
import { createKeyedQueue } from './keyed-queue'

/** Most episodes whose places are kept; the least recently kept go first. */
const MAX_PLACES = 1000

/** Options of `createPlayerPlaces`. */
export interface PlayerPlacesOptions {
  /** The app's data folder; the places are kept in `<dataDir>/player-places.json`, beside `media.json`. */
  readonly dataDir: string
  /** The real path of an episode the user opened, by its handle (refuses handles not issued). */
  readonly episodePath: (handle: FileHandle) => Promise<string>
  /** Clock, for tests. */
  readonly now?: () => number
}

/**
 * Where listening to each episode stood (playhead, follow, speed, YouTube or the recording), kept
 * per episode by its real path in the data folder across runs, never in the episode file.
 */
export interface PlayerPlaces {
  /** The episode's kept place, or null. */
  get(handle: FileHandle): Promise<PlayerPlace | null>
  /** Keeps the episode's place (the file is replaced atomically, one write at a time). */
  set(handle: FileHandle, place: PlayerPlace): Promise<void>
}

/** A kept place and when it was kept (to let the oldest go). */
interface StoredPlace extends PlayerPlace {
  readonly at: number
}

/** Creates the player places over a data folder. */
export function createPlayerPlaces(options: PlayerPlacesOptions): PlayerPlaces {
  const file = join(options.dataDir, 'player-places.json')
  const now = options.now ?? Date.now
  const queue = createKeyedQueue()

  const load = async (): Promise<Record<string, StoredPlace>> => {
    try {
      return sanitize(JSON.parse(await readFile(file, 'utf8')))
    } catch (error) {
      // A missing or damaged file keeps no places; anything else (no permission) is said.
      if (fsErrorCode(error) !== 'ENOENT' && !(error instanceof SyntaxError)) throw error
      return {}
    }
  }

  const store = async (episodes: Record<string, StoredPlace>): Promise<void> => {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
    const json = JSON.stringify({ version: 1, episodes }, null, 2) + '\n'
    await writeFileAtomic(file, Buffer.from(json, 'utf8'), { mode: 0o600 })
  }

  return {
    async get(handle) {
      const episode = await options.episodePath(handle)
      const kept = (await queue.run(file, load))[episode]
      if (kept === undefined) return null
      return { time: kept.time, follow: kept.follow, rate: kept.rate, source: kept.source }
    },
    async set(handle, place) {
      const episode = await options.episodePath(handle)
      await queue.run(file, async () => {
        const episodes = await load()
        episodes[episode] = { time: place.time, follow: place.follow, rate: place.rate, source: place.source, at: now() }
        await store(newest(episodes, MAX_PLACES))
      })
    },
  }
}

/** The `max` places kept most recently. */
function newest(episodes: Record<string, StoredPlace>, max: number): Record<string, StoredPlace> {
  const entries = Object.entries(episodes)
  if (entries.length <= max) return episodes
  return Object.fromEntries(entries.sort((a, b) => b[1].at - a[1].at).slice(0, max))
}

/** The well-formed places of a parsed file; anything else in it is dropped. */
function sanitize(value: unknown): Record<string, StoredPlace> {
  const episodes: Record<string, StoredPlace> = {}
  if (typeof value !== 'object' || value === null) return episodes
  const stored = (value as { episodes?: unknown }).episodes
  if (typeof stored !== 'object' || stored === null) return episodes
  for (const [path, place] of Object.entries(stored)) {
    if (isStoredPlace(place)) episodes[path] = place
  }
  return episodes
}

function isStoredPlace(value: unknown): value is StoredPlace {
  if (typeof value !== 'object' || value === null) return false
  const { time, follow, rate, source, at } = value as Record<string, unknown>
  return (
    typeof time === 'number' &&
    time >= 0 &&
    time <= playerPlaceBounds.maxTime &&
    typeof follow === 'boolean' &&
    typeof rate === 'number' &&
    rate >= playerPlaceBounds.minRate &&
    rate <= playerPlaceBounds.maxRate &&
    (source === 'youtube' || source === 'recording') &&
    typeof at === 'number'
  )
}
