import { isHeader, textOf, type Episode } from '../../../shared/episode/index'

/** A clean two-speaker episode with headers between lines (Dat and Alexey). */
export const TEAM = 'building-data-team.md'
/** The largest corpus episode (used for screenshots and the bench). */
export const LARGEST = 'data-interview-behavioral-and-portfolio-prep-guide.md'
/** An episode whose speakers carry a stray colon (`Theo:`), as found in the corpus. */
export const KUBEFLOW = 'mlops-kubeflow-model-monitoring.md'
/** An episode whose `who` values hold whole sentences (a transcription slip found in the corpus). */
export const MESSY_SPEAKERS = 'applied-llm-research-and-career-growth-in-practice.md'

/** Index of the first entry matching a predicate (throws when none, so a spec fails loudly). */
export function findIndex(doc: Episode, predicate: (index: number) => boolean, what: string): number {
  for (let i = 0; i < doc.entries.length; i++) if (predicate(i)) return i
  throw new Error(`No entry is ${what}`)
}

/** Index of the first line entry at or after `from`. */
export function lineIndex(doc: Episode, from = 0): number {
  return findIndex(doc, (i) => i >= from && !isHeader(doc.entries[i]!), `a line at or after ${from}`)
}

/** Index of the first header entry at or after `from`. */
export function headerIndex(doc: Episode, from = 0): number {
  return findIndex(doc, (i) => i >= from && isHeader(doc.entries[i]!), `a header at or after ${from}`)
}

/** The text, speaker or header of an entry. */
export function field(doc: Episode, index: number, key: 'line' | 'who' | 'header' | 'time'): string {
  return textOf(doc.entries[index]!, key) ?? ''
}

