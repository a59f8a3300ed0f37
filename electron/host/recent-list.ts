import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecentItem } from '../../shared/api/contract'
import { writeFileAtomic } from './atomic-write'
import { fsErrorCode } from './errors'

/** How many recent files and folders are remembered. */
const recentLimit = 15

/** Recently opened files and folders, remembered across runs in `<dataDir>/recent.json`. */
export interface RecentList {
  /** Most recent first. */
  list(): Promise<readonly RecentItem[]>
  /** Moves (or adds) `path` to the top, keeping at most `recentLimit` items. */
  add(kind: RecentItem['kind'], path: string): Promise<readonly RecentItem[]>
}

/** Creates the recent list; a missing or damaged file counts as an empty list. */
export function createRecentList(dataDir: string, now: () => number = Date.now): RecentList {
  const file = join(dataDir, 'recent.json')
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job)
    queue = next.catch(() => undefined)
    return next
  }

  const load = async (): Promise<RecentItem[]> => {
    try {
      return sanitize(JSON.parse(await readFile(file, 'utf8')))
    } catch (error) {
      if (fsErrorCode(error) !== 'ENOENT' && !(error instanceof SyntaxError)) throw error
      return []
    }
  }

  return {
    list: () => serial(load),
    add: (kind, path) =>
      serial(async () => {
        const others = (await load()).filter((item) => !(item.kind === kind && item.path === path))
        const items = [{ kind, path, openedAt: now() }, ...others].slice(0, recentLimit)
        await mkdir(dataDir, { recursive: true, mode: 0o700 })
        const json = JSON.stringify({ version: 1, items }, null, 2) + '\n'
        await writeFileAtomic(file, Buffer.from(json, 'utf8'), { mode: 0o600 })
        return items
      }),
  }
}

function sanitize(value: unknown): RecentItem[] {
  const items = (value as { items?: unknown } | null)?.items
  if (!Array.isArray(items)) return []
  const seen = new Set<string>()
  return items
    .filter(
      (item): item is RecentItem =>
        (item?.kind === 'file' || item?.kind === 'folder') &&
        typeof item.path === 'string' &&
        typeof item.openedAt === 'number',
    )
    .filter((item) => {
      const key = `${item.kind}:${item.path}`
      return !seen.has(key) && Boolean(seen.add(key))
    })
    .map(({ kind, path, openedAt }) => ({ kind, path, openedAt }))
    .slice(0, recentLimit)
}
