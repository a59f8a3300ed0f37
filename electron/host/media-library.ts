import { randomBytes } from 'node:crypto'
import { mkdir, readFile, realpath, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, extname, isAbsolute, join, resolve } from 'node:path'
import type { EpisodeMedia, FileHandle } from '../../shared/api/contract'
import { writeFileAtomic } from './atomic-write'
import { fsErrorCode, HostError, refused } from './errors'
import { createKeyedQueue } from './keyed-queue'
import { mediaExtensions, mediaTypeOf } from './media-range'

/** The shape of every media token: `m` and 32 lowercase hex digits (128 random bits). */
export const mediaTokenPattern = /^m[0-9a-f]{32}$/

/** Options of `createMediaLibrary`. */
export interface MediaLibraryOptions {
  /** The app's data folder; the picks are kept in `<dataDir>/media.json`. */
  readonly dataDir: string
  /** The real path of an episode the user opened, by its handle (refuses handles not issued). */
  readonly episodePath: (handle: FileHandle) => Promise<string>
  /** The URL the page plays a token from: `/media/<token>` in browser mode, `media://<token>` in the desktop app. */
  readonly mediaUrl: (token: string) => string
}

/**
 * The media files the user picked for episodes: each pick is remembered per episode (by the
 * episode's real path) in the data folder, never in the episode file, and served only under an
 * opaque token issued for it in this run. No other file can be reached through a token.
 */
export interface MediaLibrary {
  /** The media remembered for an episode, or null; a remembered file that is gone is reported as not found. */
  get(handle: FileHandle): Promise<EpisodeMedia | null>
  /** Remembers `path` (absolute, `~` allowed; an audio or video file) as the media of an episode. */
  set(handle: FileHandle, path: string): Promise<EpisodeMedia>
  /** Forgets the media of an episode (the file itself is untouched). */
  forget(handle: FileHandle): Promise<void>
  /** The real path a token was issued for; refuses any other token. */
  fileOf(token: string): string
}

interface StoredPicks {
  /** Episode real path → media real path. */
  readonly episodes: Record<string, string>
}

/** Creates the media library over a data folder. */
export function createMediaLibrary(options: MediaLibraryOptions): MediaLibrary {
  const file = join(options.dataDir, 'media.json')
  const queue = createKeyedQueue()
  const byToken = new Map<string, string>()
  const byPath = new Map<string, string>()

  const tokenOf = (path: string): string => {
    const existing = byPath.get(path)
    if (existing) return existing
    const token = `m${randomBytes(16).toString('hex')}`
    byToken.set(token, path)
    byPath.set(path, token)
    return token
  }

  const load = async (): Promise<StoredPicks> => {
    try {
      return sanitize(JSON.parse(await readFile(file, 'utf8')))
    } catch (error) {
      if (fsErrorCode(error) !== 'ENOENT' && !(error instanceof SyntaxError)) throw error
      return { episodes: {} }
    }
  }

  const store = async (picks: StoredPicks): Promise<void> => {
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 })
    const json = JSON.stringify({ version: 1, ...picks }, null, 2) + '\n'
    await writeFileAtomic(file, Buffer.from(json, 'utf8'), { mode: 0o600 })
  }

  /** Changes the stored picks, one change at a time. */
  const update = (change: (episodes: Record<string, string>) => void) =>
    queue.run(file, async () => {
      const { episodes } = await load()
      change(episodes)
      await store({ episodes })
    })

  const describe = (path: string): EpisodeMedia => ({
    mediaUrl: options.mediaUrl(tokenOf(path)),
    name: basename(path),
    kind: mediaKindOf(path)!,
  })

  return {
    async get(handle) {
      const episode = await options.episodePath(handle)
      const remembered = (await queue.run(file, load)).episodes[episode]
      if (remembered === undefined) return null
      return describe(await checkMediaFile(remembered, `The media file remembered for this episode, ${remembered},`))
    },
    async set(handle, input) {
      const episode = await options.episodePath(handle)
      const expanded = input.trim().replace(/^~(?=$|[\\/])/, homedir())
      if (!isAbsolute(expanded)) {
        throw new HostError('invalid-arguments', `Please give the full path of the media file, not "${input}".`)
      }
      const path = await checkMediaFile(resolve(expanded), `The media file ${expanded}`)
      await update((episodes) => {
        episodes[episode] = path
      })
      return describe(path)
    },
    async forget(handle) {
      const episode = await options.episodePath(handle)
      await update((episodes) => {
        delete episodes[episode]
      })
    },
    fileOf(token) {
      const path = byToken.get(token)
      if (path === undefined) throw refused('This media file was not picked in this session.')
      return path
    },
  }
}

/** Whether a file is played as audio or video, by its extension; undefined for other files. */
export function mediaKindOf(path: string): EpisodeMedia['kind'] | undefined {
  const type = mediaTypeOf(path)
  if (type.startsWith('audio/')) return 'audio'
  if (type.startsWith('video/')) return 'video'
  return undefined
}

/** The real path of an existing audio or video file; otherwise an error whose message starts with `what`. */
async function checkMediaFile(path: string, what: string): Promise<string> {
  let real: string
  try {
    real = await realpath(path)
    if (!(await stat(real)).isFile()) throw refused(`${what} is not a file.`)
  } catch (error) {
    if (error instanceof HostError) throw error
    const code = fsErrorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new HostError('not-found', `${what} does not exist (moved or deleted?).`)
    throw new HostError('io', `${what} cannot be read: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (mediaKindOf(real) === undefined) {
    const known = mediaExtensions.map((extension) => `.${extension}`).join(' ')
    throw refused(`${what} is not an audio or video file this editor plays (${known}); its name ends in "${extname(real) || 'nothing'}".`)
  }
  return real
}

function sanitize(value: unknown): StoredPicks {
  const episodes = (value as { episodes?: unknown } | null)?.episodes
  if (episodes === null || typeof episodes !== 'object' || Array.isArray(episodes)) return { episodes: {} }
  const clean: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [episode, media] of Object.entries(episodes)) {
    if (typeof media === 'string' && isAbsolute(episode) && isAbsolute(media)) clean[episode] = media
  }
  return { episodes: clean }
}
