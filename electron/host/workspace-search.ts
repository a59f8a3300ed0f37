import { dirname } from 'node:path'
import type { FileHandle, FindQuery, WorkspaceSearchResult } from '../../shared/api/contract'
import { QueryError, SEARCH_SCOPES } from '../../shared/workspace/find-query'
import { indexEpisode, searchWorkspace, type IndexedEpisode } from '../../shared/workspace/workspace-index'
import { HostError } from './errors'
import { mapLimited } from './map-limited'
import { readRegularFile } from './read-regular-file'
import { decodeFileText } from './text-codec'

/** An episode file of the workspace, as the search needs it. */
export interface SearchableFile {
  readonly handle: FileHandle
  readonly path: string
  readonly relPath: string
  readonly title?: string
}

/** Most matches sent for one episode (its `count` still counts them all). */
export const MAX_MATCHES_PER_EPISODE = 200

/** Most matches sent for one search. */
export const MAX_MATCHES = 5000

/**
 * The host's search index over the workspace's episode files: each file read once and kept
 * (with its parsed texts, once a search needed them) until the watcher reports a change to it
 * or a save writes it, so a search reads nothing from disk when the index is warm.
 */
export interface WorkspaceSearch {
  /** Searches the files (reading those not indexed yet). Throws `HostError` for a query that cannot run. */
  search(files: readonly SearchableFile[], query: FindQuery): Promise<WorkspaceSearchResult>
  /** Reads and parses every file not indexed yet, a file at a time between other work. */
  warm(files: readonly SearchableFile[]): Promise<void>
  /** Forgets a file (changed, added or removed on disk). */
  invalidate(path: string): void
  /** Forgets every file of a folder (a burst of changes in it). */
  invalidateFolder(folder: string): void
  /** Indexes a file's new text (after the app saved it). */
  update(path: string, text: string): void
  /** Forgets everything (another folder was opened). */
  clear(): void
}

const ALL_SCOPES = new Set(SEARCH_SCOPES)

/** Creates an empty index. */
export function createWorkspaceSearch(): WorkspaceSearch {
  const indexed = new Map<string, IndexedEpisode>()
  /** Bumped on each invalidation, so a read that raced with a change is not kept. */
  const version = new Map<string, number>()
  let generation = 0

  const load = async (file: SearchableFile): Promise<IndexedEpisode> => {
    const found = indexed.get(file.path)
    if (found) return found
    const seen = version.get(file.path) ?? 0
    const seenGeneration = generation
    let episode: IndexedEpisode
    try {
      episode = indexEpisode({ id: file.path, text: decodeFileText(await readRegularFile(file.path)) })
    } catch (error) {
      // A file that cannot be read is reported as not searchable, like one that does not parse.
      const message = error instanceof Error ? error.message : String(error)
      return { id: file.path, text: null, hasEscapes: false, doc: () => ({ error: message }), texts: () => ({ error: message }), joined: () => ({ blob: '', texts: [], starts: [] }), lowerText: () => '' }
    }
    if ((version.get(file.path) ?? 0) === seen && generation === seenGeneration) indexed.set(file.path, episode)
    return episode
  }

  const loadAll = (files: readonly SearchableFile[]): Promise<IndexedEpisode[]> => mapLimited(files, 16, load)

  const invalidate = (path: string) => {
    indexed.delete(path)
    version.set(path, (version.get(path) ?? 0) + 1)
  }

  return {
    async search(files, query) {
      const episodes = await loadAll(files)
      let results
      try {
        results = searchWorkspace({ episodes }, query, { maxMatchesPerEpisode: MAX_MATCHES_PER_EPISODE })
      } catch (error) {
        if (error instanceof QueryError) throw new HostError('invalid-arguments', error.message)
        throw error
      }
      const byPath = new Map(files.map((f) => [f.path, f]))
      let budget = MAX_MATCHES
      let capped = false
      const found = results.episodes.map((r) => {
        const file = byPath.get(r.id)!
        const take = Math.max(0, Math.min(MAX_MATCHES_PER_EPISODE, budget, r.matches.length))
        budget -= take
        if (take < r.count) capped = true
        return { handle: file.handle, relPath: file.relPath, ...(file.title !== undefined ? { title: file.title } : {}), count: r.count, matches: r.matches.slice(0, take) }
      })
      const failed = results.failed.map((f) => {
        const file = byPath.get(f.id)!
        return { handle: file.handle, relPath: file.relPath, message: f.error }
      })
      return { episodes: found, total: results.total, searched: files.length, failed, capped }
    },
    async warm(files) {
      for (const file of files) {
        const episode = await load(file)
        episode.joined(ALL_SCOPES)
        // Let other calls run between files: warming must not hold up opening an episode.
        await new Promise((resolve) => setImmediate(resolve))
      }
    },
    invalidate,
    invalidateFolder(folder) {
      for (const path of [...indexed.keys()]) if (dirname(path) === folder) invalidate(path)
    },
    update(path, text) {
      invalidate(path)
      indexed.set(path, indexEpisode({ id: path, text }))
    },
    clear() {
      indexed.clear()
      version.clear()
      generation++
    },
  }
}
