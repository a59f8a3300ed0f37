import type { WorkspaceFile } from '../../shared/api/contract'

/** `s10e04` for season 10, episode 4 (null when either is missing): how editors name episodes. */
export function episodeCode(file: Pick<WorkspaceFile, 'season' | 'episode'>): string | null {
  if (file.season === undefined || file.episode === undefined) return null
  return `s${String(file.season).padStart(2, '0')}e${String(file.episode).padStart(2, '0')}`
}

/** `s10e4`, `S10E04`, `10x4` → `s10e04`; null when the query is not an episode code. */
function queryCode(query: string): string | null {
  const m = /^s?(\d{1,3})\s*[ex]\s*(\d{1,3})$/i.exec(query.trim())
  return m ? `s${m[1]!.padStart(2, '0')}e${m[2]!.padStart(2, '0')}` : null
}

/**
 * The workspace's episodes matching a quick-switcher query, best first: an exact `s10e04`, then
 * titles and file names holding every word of the query (those starting with it first). An
 * empty query lists every episode in the workspace's order. At most `limit` results.
 */
export function quickOpenMatches(files: readonly WorkspaceFile[], query: string, limit = 50): WorkspaceFile[] {
  const q = query.trim().toLocaleLowerCase()
  if (!q) return files.slice(0, limit)
  const code = queryCode(q)
  const words = q.split(/\s+/)
  const scored: { file: WorkspaceFile; score: number; order: number }[] = []
  files.forEach((file, order) => {
    const own = episodeCode(file)
    const title = (file.title ?? '').toLocaleLowerCase()
    const name = file.relPath.toLocaleLowerCase()
    const haystack = `${own ?? ''} ${title} ${name}`
    let score: number
    if (code !== null && own === code) score = 0
    else if (!words.every((w) => haystack.includes(w))) return
    else if (title.startsWith(q) || name.split('/').pop()!.startsWith(q)) score = 1
    else score = 2
    scored.push({ file, score, order })
  })
  scored.sort((a, b) => a.score - b.score || a.order - b.order)
  return scored.slice(0, limit).map((s) => s.file)
}
