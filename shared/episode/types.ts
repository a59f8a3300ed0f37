import type { YamlValue } from './yaml-value'

/** In-memory identity of an entry; stable across edits, never written to disk. */
export type EntryId = number

/** The source text an entry was parsed from, kept so an untouched entry is written back verbatim. */
export interface EntrySource {
  /** The entry's exact text, from the start of its `- ` line to the end of its last line break. */
  readonly text: string
  /** The values parsed from `text`; an entry whose values still equal these is written as `text`. */
  readonly pairs: readonly (readonly [string, YamlValue])[]
  /** Keys whose value is written plain although some YAML reader takes it for a non-string. */
  readonly ambiguous: readonly string[]
}

/** One item of `transcript:`: a spoken line (`line`, `sec`, `time`, `who`) or a section `header`. */
export interface Entry {
  readonly id: EntryId
  /** Keys and values in the entry's own order; absent keys are absent, unknown keys are kept. */
  readonly pairs: readonly (readonly [string, YamlValue])[]
  /** Blank lines or comments between the previous entry and this one, kept with the entry. */
  readonly lead: string
  /** Where the entry came from; absent for entries the editor created. */
  readonly source?: EntrySource
}

/** How a file writes its transcript entries, detected so new entries look like the old ones. */
export interface EpisodeStyle {
  /** Column of the `-` of transcript items (0 for PyYAML's `transcript:\n- line:`). */
  readonly seqIndent: number
  /** Keys inside entries sorted by code point (PyYAML `sort_keys=True`); otherwise each entry's own order. */
  readonly sortKeys: boolean
  /** Non-ASCII written raw (PyYAML `allow_unicode=True`) rather than as `\u2019` escapes. */
  readonly allowUnicode: boolean
  /** `time` under an hour as `M:SS` (or `MM:SS` when the file pads minutes). */
  readonly padMinutes: boolean
  /** Line break of the file. */
  readonly newline: '\n' | '\r\n'
}

/** A located, plain-language reason why a file cannot be opened as an episode. */
export class EpisodeSyntaxError extends Error {
  /** 1-based line and column in the whole file. */
  constructor(
    /** The message without its location, for views that show line and column apart. */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`)
    this.name = 'EpisodeSyntaxError'
  }
}
