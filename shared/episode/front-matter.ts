import { EpisodeSyntaxError } from './types'

/** Where the front matter sits in a file, as offsets into the file's text. */
export interface FrontMatterSpan {
  /** Start of the YAML text (after the opening `---` line). */
  readonly start: number
  /** End of the YAML text (start of the closing `---` line). */
  readonly end: number
}

/**
 * Finds the front matter the way Jekyll does: a `---` line at the very start of the file
 * (after an optional BOM), then YAML up to the next line that is `---` or `...`.
 * Throws a located error for anything else, so a file that Jekyll would not read as an
 * episode is never treated as one.
 */
export function locateFrontMatter(text: string): FrontMatterSpan {
  if (text.length === 0) throw new EpisodeSyntaxError('The file is empty: an episode starts with a "---" line', 1, 1)
  if (text.includes('\0')) throw new EpisodeSyntaxError('This is not a text file (it contains NUL bytes)', 1, 1)
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const open = /---[ \t]*\r?\n/y
  open.lastIndex = bom
  if (!open.test(text)) {
    throw new EpisodeSyntaxError('No front matter: an episode file must start with a "---" line', 1, 1)
  }
  const start = open.lastIndex
  const end = closingLine(text, start)
  if (end === -1) {
    throw new EpisodeSyntaxError('The front matter is not closed: no "---" line after the opening one', 1, 1)
  }
  return { start, end }
}

/** A `---` or `...` line (trailing spaces and tabs allowed) at a given offset. */
const CLOSE = /(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/y

/**
 * Offset of the first line from `from` (a line start) that closes the front matter, or -1. Jumps
 * from line break to line break with `indexOf` rather than trying a multiline pattern at every
 * character of a long file.
 */
function closingLine(text: string, from: number): number {
  for (let at = from; at !== 0; at = text.indexOf('\n', at) + 1) {
    const c = text.charCodeAt(at)
    if (c !== 45 /* - */ && c !== 46 /* . */) continue
    CLOSE.lastIndex = at
    if (CLOSE.test(text)) return at
  }
  return -1
}

/** 1-based line number of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/** 1-based line and column (in code points) of an offset. */
export function locate(text: string, offset: number): { line: number; column: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  return { line: lineOf(text, offset), column: [...text.slice(lineStart, offset)].length + 1 }
}
