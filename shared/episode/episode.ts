import type { Entry, EpisodeStyle } from './types'
import type { YamlMap } from './yaml-value'

/** Where the transcript's items sit in the source, and how to write them back. */
export interface TranscriptLayout {
  /**
   * `block`: a block sequence of items; `empty`: a `transcript:` key with no items (`[]` or
   * nothing); `absent`: no `transcript:` key yet.
   */
  readonly form: 'block' | 'empty' | 'absent'
  /** Span of the value written after `transcript:` on its own line (empty for `block`). */
  readonly valueStart: number
  readonly valueEnd: number
  /** Span of the items (from the first item's lead to the end of the last item's last line). */
  readonly itemsStart: number
  readonly itemsEnd: number
}

/**
 * An episode file, parsed. Immutable: edits return a new episode that shares every untouched
 * entry. `source` is the text it was parsed from; serializing splices re-emitted entries into it.
 */
export interface Episode {
  readonly source: string
  readonly layout: TranscriptLayout
  readonly entries: readonly Entry[]
  readonly style: EpisodeStyle
  /** Top-level keys of the front matter other than `transcript`, typed as PyYAML reads them. */
  readonly metadata: YamlMap
  /** Offsets of the front matter's YAML text and of the body (after the closing `---` line). */
  readonly frontMatterStart: number
  readonly frontMatterEnd: number
  /** The next id to give a new entry. */
  readonly nextId: number
}
