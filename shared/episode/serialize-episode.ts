import type { Episode } from './episode'
import { pairsEqual } from './entry'
import { emitEntry } from './pyyaml-emit'
import type { Entry, EpisodeStyle } from './types'

/** `portable` quotes every value some YAML reader would misread; `pyyaml` writes exactly what PyYAML writes. */
export type Quoting = 'portable' | 'pyyaml'

/**
 * The text of one entry: its source text while its values are unchanged, otherwise what
 * PyYAML would write for it in the file's style.
 */
export function entryText(entry: Entry, style: EpisodeStyle, quoting: Quoting = 'portable'): string {
  const source = entry.source
  if (source && pairsEqual(entry.pairs, source.pairs)) return source.text
  return emitEntry(entry.pairs, { ...style, quoting })
}

/**
 * Writes an episode back by splicing: everything outside the transcript's items is the
 * source text byte for byte, untouched entries keep their exact text, and only new or edited
 * entries are emitted. A no-op returns the source itself.
 */
export function serializeEpisode(doc: Episode, quoting: Quoting = 'portable'): string {
  const { source, layout, entries, style } = doc
  const parts: string[] = []
  for (const entry of entries) parts.push(entry.lead, entryText(entry, style, quoting))
  const items = parts.join('')
  const nl = style.newline
  switch (layout.form) {
    case 'block':
      if (entries.length === 0) {
        return source.slice(0, layout.valueStart) + ' []' + source.slice(layout.valueEnd, layout.itemsStart) + source.slice(layout.itemsEnd)
      }
      return source.slice(0, layout.itemsStart) + items + source.slice(layout.itemsEnd)
    case 'empty':
      if (entries.length === 0) return source
      return source.slice(0, layout.valueStart) + source.slice(layout.valueEnd, layout.itemsStart) + items + source.slice(layout.itemsStart)
    case 'absent':
      if (entries.length === 0) return source
      return source.slice(0, layout.itemsStart) + 'transcript:' + nl + items + source.slice(layout.itemsStart)
  }
}
