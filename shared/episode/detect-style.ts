import type { Entry, EpisodeStyle } from './types'

const NON_ASCII = /[^\x00-\x7f]/
const ESCAPED = /\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|[N_LP])/

/**
 * Detects how a file writes its transcript, so entries the editor writes look like their
 * neighbours: the sequence's indentation, whether keys are sorted, raw vs escaped non-ASCII
 * (the majority of entries decides), and whether minutes are zero-padded in `time`.
 */
export function detectStyle(entries: readonly Entry[], seqIndent: number, newline: '\n' | '\r\n'): EpisodeStyle {
  let sortKeys = true
  let raw = 0
  let escaped = 0
  let padded = 0
  let unpadded = 0
  for (const entry of entries) {
    const keys = entry.pairs.map(([k]) => k)
    for (let i = 1; i < keys.length && sortKeys; i++) if (keys[i - 1]! > keys[i]!) sortKeys = false
    const text = entry.source?.text ?? ''
    if (NON_ASCII.test(text)) raw++
    if (ESCAPED.test(text)) escaped++
    const time = entry.pairs.find(([k]) => k === 'time')?.[1]
    if (typeof time === 'string' && /^\d{1,2}:\d\d$/.test(time)) {
      if (/^0\d:/.test(time)) padded++
      else if (/^\d:/.test(time)) unpadded++
    }
  }
  return { seqIndent, sortKeys, allowUnicode: raw >= escaped, padMinutes: padded > unpadded, newline }
}
