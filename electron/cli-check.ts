import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { lintEpisode, parseEpisode, serializeEpisode, summarizeEpisode, type Problem } from '../shared/episode/index'
import { EpisodeSyntaxError } from '../shared/episode/types'
import { decodeFileText } from './host/text-codec'
import { chapterCopyProblems } from './cli-chapters'
import { lintTypography } from '../shared/typography/typography-lint'

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
      problems: Problem[]
    }
  | { file: string; ok: false; error: { line: number; column: number; message: string } }

/** Expands folders to the `*.md` files directly in them, sorted; files are kept as given. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const names = (await readdir(path)).filter((n) => n.endsWith('.md')).sort()
      files.push(...names.map((n) => join(path, n)))
    } else {
      files.push(path)
    }
  }
  return files
}

/** Opens one file, checks that a no-op save reproduces it byte for byte, and lints it. */
export async function checkFile(file: string): Promise<CheckReport> {
  try {
    const text = decodeFileText(await readFile(file))
    const doc = parseEpisode(text)
    const roundtrip = serializeEpisode(doc) === text
    const problems = [...lintEpisode(doc), ...(await chapterCopyProblems(file, doc)), ...lintTypography(doc)]
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
    return { file, ok: false, error: { line: 0, column: 0, message: error instanceof Error ? error.message : String(error) } }
  }
}

/** One report as readable text lines. */
export function formatReport(report: CheckReport): string {
  if ('error' in report) return `${report.file}: cannot open: ${report.error.message}`
  const head = `${report.file}: ${report.roundtrip ? 'ok' : 'NOT byte-identical after a no-op save'}, ${report.lines} lines, ${report.headers} headers, speakers: ${report.speakers.join(', ') || 'none'}`
  const problems = report.problems.map((p) => `  entry ${p.entry}: ${p.severity} ${p.code}: ${p.message}`)
  return [head + (problems.length ? `, ${problems.length} problems` : ''), ...problems].join('\n')
}
