import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { load } from 'js-yaml'
import { parseEpisode, serializeEpisode, setLine, textOf } from '../../shared/episode/index'
import { LARGEST } from '../e2e/helpers/episodes'
import { episodesDir } from '../helpers/corpus'
import { syntheticEpisode } from './synthetic-episode'

/** Median time of `fn` over `runs` calls in milliseconds, after `warmUp` calls that are not timed. */
export function medianMs(fn: () => unknown, runs = 60, warmUp = 10): number {
  for (let i = 0; i < warmUp; i++) fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

/** Figures of one episode: js-yaml's load and our parse of its front matter, and a save after one edit (ms). */
export interface FormatBenchRow {
  readonly episode: string
  readonly entries: number
  readonly jsYamlLoadMs: number
  readonly parseMs: number
  readonly parseRatio: number
  readonly saveAfterEditMs: number
}

/** Parse and save-after-one-edit times beside js-yaml's load of the same front matter; prints a table, returns the figures. */
export function runFormatBench(): FormatBenchRow[] {
  const largest = readFileSync(join(episodesDir, LARGEST), 'utf8')
  const rows: string[][] = []
  const figures: FormatBenchRow[] = []
  for (const [name, text] of [[LARGEST, largest], ['synthetic 3,000 entries', syntheticEpisode(largest, 3000)]] as const) {
    const doc = parseEpisode(text)
    const yamlText = text.slice(doc.frontMatterStart, doc.frontMatterEnd)
    const k = doc.entries.findIndex((e) => textOf(e, 'line') !== undefined)
    const edited = setLine(doc, k, textOf(doc.entries[k]!, 'line') + ' Edited.')
    const jsYaml = medianMs(() => load(yamlText))
    const parse = medianMs(() => parseEpisode(text))
    const save = medianMs(() => serializeEpisode(edited))
    figures.push({ episode: name, entries: doc.entries.length, jsYamlLoadMs: jsYaml, parseMs: parse, parseRatio: parse / jsYaml, saveAfterEditMs: save })
    rows.push([name, String(doc.entries.length), jsYaml.toFixed(2), parse.toFixed(2), (parse / jsYaml).toFixed(2), save.toFixed(3)])
  }
  console.log('\nFormat library (median ms; ratio = our parse / js-yaml load of the same front matter)')
  printTable(['episode', 'entries', 'js-yaml load', 'parse', 'ratio', 'save after 1 edit'], rows)
  console.log('Targets: parse within 2x of js-yaml load (ratio <= 2); save after one edit under 5 ms.')
  return figures
}

/** Prints rows as an aligned text table. */
export function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}
