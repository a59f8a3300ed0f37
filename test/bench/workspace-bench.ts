import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FindQuery } from '../../shared/workspace/find-query'
import { indexWorkspace, searchWorkspace, warmIndex, type WorkspaceIndex } from '../../shared/workspace/workspace-index'
import { episodesDir } from '../helpers/corpus'
import { medianMs, printTable } from './format-bench'

function time(fn: () => unknown): number {
  const t = performance.now()
  fn()
  return performance.now() - t
}

/** The corpus's episode files. */
function corpusPaths(): string[] {
  return readdirSync(episodesDir).filter((n) => n.endsWith('.md')).sort().map((n) => join(episodesDir, n))
}

/** The paths repeated to `count` (the same files read again, standing in for a larger site). */
function repeated(paths: readonly string[], count: number): string[] {
  return Array.from({ length: count }, (_, i) => paths[i % paths.length]!)
}

const QUERIES: readonly [string, FindQuery][] = [
  ['rare word "Grafana"', { find: 'Grafana' }],
  ['common word "data", any case', { find: 'data', matchCase: false }],
  ['speaker "Alexey", whole word', { find: 'Alexey', in: ['speakers'], wholeWord: true }],
  ['regex \\bGr[ia]fana\\b', { find: '\\bGr[ia]fana\\b', regex: true, matchCase: false }],
]

/**
 * Workspace search: reading the files (the baseline, what `grep -r` does: read and scan for
 * the word), building the index, and search latency before and after every file is parsed;
 * for the corpus's episodes and for the same repeated to 2,000 files. The parser is warmed up
 * once first, as it is in the app after the workspace's episodes were listed.
 */
export function runWorkspaceBench(): { readonly columns: readonly string[]; readonly rows: readonly string[][] } {
  const corpus = corpusPaths()
  warmIndex(indexWorkspace(corpus.map((path) => ({ id: path, text: readFileSync(path, 'utf8') }))))
  const rows: string[][] = []
  for (const files of [corpus, repeated(corpus, 2000)]) {
    let texts: string[] = []
    const read = time(() => {
      texts = files.map((f) => readFileSync(f, 'utf8'))
    })
    const grep = read + time(() => texts.filter((t) => t.includes('Grafana')).length)
    const sources = texts.map((text, i) => ({ id: String(i), text }))
    let index: WorkspaceIndex = { episodes: [] }
    const build = time(() => {
      index = indexWorkspace(sources)
    })
    const first = QUERIES.map(([, q]) => {
      const fresh = indexWorkspace(sources)
      return time(() => searchWorkspace(fresh, q))
    })
    const full = build + time(() => warmIndex(index))
    const later = QUERIES.map(([, q]) => medianMs(() => searchWorkspace(index, q), 9, 0))
    rows.push([
      String(files.length),
      read.toFixed(0),
      grep.toFixed(0),
      build.toFixed(0),
      full.toFixed(0),
      (full / read).toFixed(2),
      ...QUERIES.map((_, i) => `${first[i]!.toFixed(0)} / ${later[i]!.toFixed(1)}`),
    ])
  }
  console.log('\nWorkspace search (ms; "read" = reading every file, "grep" = read + scan for a word: the baseline)')
  const columns = ['files', 'read', 'grep', 'index (lazy)', 'index + parse all', 'full ÷ read', ...QUERIES.map(([name]) => `${name}: first / later`)]
  printTable(columns, rows)
  console.log('Targets: index 203 episodes under 1 s; a search for a word under 100 ms after indexing.')
  console.log('"first": the first search on a lazy index (it parses only the files whose text may hold the word); "later": median once every file is parsed.')
  return { columns, rows }
}
