import type { Entry, EpisodeStyle } from './types'

const NON_ASCII = /[^\x00-\x7f]/
const ESCAPED = /\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[N_LP])/
const TIME = /^\d{1,2}:\d\d$/
const PADDED = /^0\d:/
const UNPADDED = /^\d:/

/**
 * Detects how a file writes its transcript, so entries the editor writes look like their
 * neighbours: the sequence's indentation, whether keys are sorted, raw vs escaped non-ASCII
 * (the majority of entries decides), and whether minutes are zero-padded in `time`.
 */
export function detectStyle(entries: readonly Entry[], seqIndent: number, newline: '\n' | '\r\n'): EpisodeStyle {
  let sortKeys = true
  let escaped = 0
  let padded = 0
  let unpadded = 0
  // Indexed loops and no per-entry arrays: this runs over every entry of a file being opened.
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!
    const pairs = entry.pairs
    let time: unknown
    for (let i = 0; i < pairs.length; i++) {
      const key = pairs[i]![0]
      if (sortKeys && i > 0 && pairs[i - 1]![0] > key) sortKeys = false
      if (key === 'time' && time === undefined) time = pairs[i]![1]
    }
    const text = entry.source?.text ?? ''
    // Every escape starts with a backslash; most entries have none, found faster than by the pattern.
    if (text.includes('\\') && ESCAPED.test(text)) escaped++
    if (typeof time === 'string' && TIME.test(time)) {
      if (PADDED.test(time)) padded++
      else if (UNPADDED.test(time)) unpadded++
    }
  }
  let raw = 0
  // Raw entries matter only against escaped ones: most files have none, and then need no count.
  for (let e = 0; e < entries.length && escaped > 0 && raw < escaped; e++) if (NON_ASCII.test(entries[e]!.source?.text ?? '')) raw++
  return { seqIndent, sortKeys, allowUnicode: raw >= escaped, padMinutes: padded > unpadded, newline }
}
