/** Where the site keeps chapter lists, relative to the checkout's root. */
export const CHAPTER_LIST_FOLDER = 'podcast-timestamps'

/** Which chapter list belongs to an episode, and how it was recognised. */
export type ChapterListMatch =
  | { readonly kind: 'found'; readonly name: string; readonly by: 'name' | 'season-episode' }
  /** Several lists carry the episode's `sNNeMM` prefix; the user must pick one. */
  | { readonly kind: 'ambiguous'; readonly names: readonly string[] }
  | { readonly kind: 'none'; readonly reason: string }

/** The `sNNeMM` prefix the site's lists use for a season and episode number (`s01e03`). */
export function seasonEpisodePrefix(season: number, episode: number): string {
  return `s${String(season).padStart(2, '0')}e${String(episode).padStart(2, '0')}`
}

/**
 * Finds an episode's chapter list among the file names of `podcast-timestamps/`: the list named
 * like the episode file (`building-data-team.md` → `building-data-team.txt`), else the one whose
 * `sNNeMM-` prefix matches the episode's `season` and `episode` (files were renamed after the
 * lists were made). Pure: the caller lists the folder. Two lists with the prefix are reported,
 * never chosen between.
 */
export function findChapterList(
  episodeFileName: string,
  season: number | undefined,
  episode: number | undefined,
  listNames: readonly string[],
): ChapterListMatch {
  const base = episodeFileName.replace(/^.*[\\/]/, '').replace(/(\.md)+$/, '')
  const byName = `${base}.txt`
  if (listNames.includes(byName)) return { kind: 'found', name: byName, by: 'name' }
  if (season === undefined || episode === undefined) {
    return { kind: 'none', reason: `no ${byName}, and the episode has no season and episode number to match a list by` }
  }
  const prefix = seasonEpisodePrefix(season, episode)
  const names = listNames.filter((n) => n.endsWith('.txt') && (n.startsWith(`${prefix}-`) || n === `${prefix}.txt`)).sort()
  if (names.length === 1) return { kind: 'found', name: names[0]!, by: 'season-episode' }
  if (names.length > 1) return { kind: 'ambiguous', names }
  return { kind: 'none', reason: `no ${byName} and no list starting with ${prefix}-` }
}

/**
 * The file of `podcast-timestamps/` to export an episode's sections to: its list when it has one
 * (see `findChapterList`), else a new `sNNeMM-<episode file name>.txt` (`<name>.txt` without a
 * season and episode). Null when several lists match, so the user picks.
 */
export function chapterListFileName(
  episodeFileName: string,
  season: number | undefined,
  episode: number | undefined,
  listNames: readonly string[],
): string | null {
  const match = findChapterList(episodeFileName, season, episode, listNames)
  if (match.kind === 'found') return match.name
  if (match.kind === 'ambiguous') return null
  const base = episodeFileName.replace(/^.*[\\/]/, '').replace(/(\.md)+$/, '')
  return season === undefined || episode === undefined ? `${base}.txt` : `${seasonEpisodePrefix(season, episode)}-${base}.txt`
}
