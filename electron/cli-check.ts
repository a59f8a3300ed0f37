import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { serializeEpisode, summarizeEpisode } from '../shared/episode/index'
import { EpisodeSyntaxError } from '../shared/episode/types'
import type { EditorProblem } from '../shared/lint/problems'
import type { WorkspaceLint } from './check-workspace'
import { fsErrorCode, fsErrorText } from './host/errors'
import { NotRegularFileError, readRegularFile } from './host/read-regular-file'
import { siteCheckoutOf } from './host/site-checkout-of'
import { decodeFileText } from './host/text-codec'

/** A problem as `check` reports it: the app's problem without its fix. */
export type CheckedProblem = Omit<EditorProblem, 'fix'>

/** What `check` found in one file: the JSON line `--json` prints for it. */
export type CheckReport =
  | {
      file: string
      ok: boolean
      roundtrip: boolean
      entries: number
      lines: number
      headers: number
      speakers: string[]
      problems: CheckedProblem[]
    }
  | { file: string; ok: false; error: { line: number; column: number; message: string } }

/**
 * Expands folders to the regular `*.md` files directly in them (links to regular files included),
 * sorted; a FIFO, device or folder named `*.md` is skipped without being opened. A site
 * checkout's root stands for its `_podcast/` folder, as the app opens it (the root's own `*.md`
 * files are pages, not episodes). Other paths are kept as given, so `checkFile` reports the
 * missing or special ones.
 */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const path of paths) files.push(...(await episodeFilesAt(path)))
  return files
}

/** The files `expandPaths` makes of one path: the path itself, or the episode files of a folder (none in an empty one). */
export async function episodeFilesAt(path: string): Promise<string[]> {
  if (!(await isFolder(path))) return [path]
  const folder = (await siteCheckoutOf(path))?.podcastPath ?? path
  const entries = (await readdir(folder, { withFileTypes: true })).filter((entry) => entry.name.endsWith('.md'))
  const names: string[] = []
  for (const entry of entries) {
    if (entry.isFile() || (entry.isSymbolicLink() && (await isRegularFile(join(folder, entry.name))))) names.push(entry.name)
  }
  return names.sort().map((name) => join(folder, name))
}

/** Why a file could not be read, in plain words (no error codes, no stack). */
export function openFailureText(error: unknown): string {
  if (error instanceof NotRegularFileError) return 'not a regular file (a pipe, a device or a folder); it was not opened'
  const code = fsErrorCode(error)
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'there is no such file or folder'
  return fsErrorText(error)
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT' || fsErrorCode(error) === 'ENOTDIR') return false
    throw error
  }
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch (error) {
    // A dangling link is not a file to check.
    if (fsErrorCode(error) === 'ENOENT') return false
    throw error
  }
}

/**
 * Opens one file, checks that a no-op save reproduces it byte for byte, and lints it with `lint`:
 * the problems the app shows for it (`createWorkspaceLint`), so the counts agree.
 */
export async function checkFile(file: string, lint: WorkspaceLint): Promise<CheckReport> {
  try {
    const text = decodeFileText(await readRegularFile(file))
    const doc = await lint.parse(file, text)
    const roundtrip = serializeEpisode(doc) === text
    const problems = (await lint.problems(file, doc)).map(({ entry, severity, code, message }): CheckedProblem => ({ entry, severity, code, message }))
    const summary = summarizeEpisode(doc)
    return {
      file,
      ok: roundtrip && problems.every((p) => p.severity !== 'error'),
      roundtrip,
      entries: summary.entries,
      lines: summary.lines,
      headers: summary.headers,
      speakers: summary.speakers,
      problems,
    }
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) {
      return { file, ok: false, error: { line: error.line, column: error.column, message: error.message } }
    }
    return { file, ok: false, error: { line: 0, column: 0, message: openFailureText(error) } }
  }
}

/** One report as readable text lines. */
export function formatReport(report: CheckReport): string {
  if ('error' in report) return `${report.file}: cannot open: ${report.error.message}`
  const head = `${report.file}: ${report.roundtrip ? 'ok' : 'NOT byte-identical after a no-op save'}, ${report.lines} lines, ${report.headers} headers, speakers: ${report.speakers.join(', ') || 'none'}`
  const problems = report.problems.map((p) => `  entry ${p.entry}: ${p.severity} ${p.code}: ${p.message}`)
  return [head + (problems.length ? `, ${problems.length} problems` : ''), ...problems].join('\n')
}
