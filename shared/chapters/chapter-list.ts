import { formatTime } from '../episode/time'

/** A chapter of an episode: where it starts and what it is called. */
export interface Chapter {
  /** Start, in whole seconds from the beginning of the recording. */
  readonly sec: number
  readonly title: string
}

/** A line of a chapter list that could not be read, so the user can fix it there. */
export interface ChapterListError {
  /** 1-based line number in the pasted text or file. */
  readonly line: number
  readonly text: string
  readonly reason: string
}

/** What reading a chapter list gives: the chapters in written order, and every unreadable line. */
export interface ChapterListParse {
  readonly chapters: readonly Chapter[]
  readonly errors: readonly ChapterListError[]
}

/**
 * `HH:MM:SS`, `H:MM:SS`, `MM:SS` or `M:SS`, then an optional separator (` - `, ` – `, ` — `, `: `)
 * and the title. The time is followed by a space or by `:`, so `1:02:03` is never cut short.
 */
const CHAPTER_LINE = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:(?:\s*[-–—]\s+|:\s+|\s+)(.*))?$/

/**
 * Reads a chapter list: the site's `HH:MM:SS Topic` lines, or YouTube's `0:00 Topic` with an
 * optional separator. Blank lines are skipped; any other line that is not a time and a title is
 * reported with its line number and kept out of the chapters, so nothing is guessed.
 */
export function parseChapterList(text: string): ChapterListParse {
  const chapters: Chapter[] = []
  const errors: ChapterListError[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = raw.trim()
    if (line === '') return
    const read = readChapterLine(line)
    if (typeof read === 'string') errors.push({ line: i + 1, text: raw, reason: read })
    else chapters.push(read)
  })
  return { chapters, errors }
}

/** One trimmed, non-blank line as a chapter, or the reason it is not one. */
function readChapterLine(line: string): Chapter | string {
  const m = CHAPTER_LINE.exec(line)
  if (!m) return 'not a chapter: expected a time such as 00:12:34 or 12:34, then the topic'
  const [, h, min, s, rest] = m
  const title = (rest ?? '').trim()
  if (Number(s) >= 60) return `the seconds (${s}) must be under 60`
  if (h !== undefined && Number(min) >= 60) return `the minutes (${min}) must be under 60 when hours are given`
  if (title === '') return 'the chapter has a time but no topic'
  return { sec: Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s), title }
}

/** How an exported chapter list writes times: the site's `HH:MM:SS`, or YouTube's `M:SS`/`H:MM:SS`. */
export type ChapterListFormat = 'site' | 'youtube'

/**
 * Writes chapters as a list. `site` is the `podcast-timestamps/` format (`00:02:06 Topic`, one
 * line each, no final newline, as the site's files are). `youtube` is what a video description
 * needs: `2:06 Topic`, hours only from an hour on, and the first chapter at `0:00` (YouTube
 * ignores chapter lists that do not start there).
 */
export function formatChapterList(chapters: readonly Chapter[], format: ChapterListFormat): string {
  return chapters
    .map((c, i) => {
      const sec = format === 'youtube' && i === 0 ? 0 : c.sec
      return `${format === 'site' ? siteTime(sec) : formatTime(sec)} ${c.title}`
    })
    .join('\n')
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** `HH:MM:SS`, the site's chapter time. */
export function siteTime(sec: number): string {
  return `${pad2(Math.floor(sec / 3600))}:${pad2(Math.floor((sec % 3600) / 60))}:${pad2(sec % 60)}`
}

/** Chapters sorted by time; chapters at the same time keep their written order. */
export function sortChapters(chapters: readonly Chapter[]): Chapter[] {
  return chapters.map((c, i) => [c, i] as const).sort((a, b) => a[0].sec - b[0].sec || a[1] - b[1]).map(([c]) => c)
}
