/** One check the Settings dialog can switch off: its problem code and what it looks for. */
export interface CheckInfo {
  readonly code: string
  readonly label: string
}

/** A group of checks, as the Settings dialog shows them. */
export interface CheckGroup {
  readonly title: string
  readonly checks: readonly CheckInfo[]
}

/**
 * Every check the editor runs, grouped for the Settings dialog; the codes are those of the
 * problems (`EditorProblem.code`), which `AppSettings.disabledRules` lists when switched off.
 * Extra lints add their group here.
 */
export const CHECK_GROUPS: readonly CheckGroup[] = [
  {
    title: 'Timing',
    checks: [
      { code: 'sec-backwards', label: 'A time earlier than the line before' },
      { code: 'time-mismatch', label: '“time” that does not match “sec”' },
    ],
  },
  {
    title: 'Speakers',
    checks: [
      { code: 'missing-who', label: 'A timed line without a speaker' },
      { code: 'rare-speaker', label: 'A speaker who speaks only once (a typo?)' },
      { code: 'long-speaker', label: 'A speaker name longer than 40 characters' },
      { code: 'unknown-speaker', label: 'A speaker who is none of the guests, the host or the regular speakers' },
    ],
  },
  {
    title: 'Lines and file format',
    checks: [
      { code: 'empty-line', label: 'An empty line' },
      { code: 'header-without-line', label: 'A section header with no line after it' },
      { code: 'ambiguous-value', label: 'A value some YAML readers (Jekyll) do not read as text' },
      { code: 'misspelling', label: 'A known mishearing from the glossary (_data/transcript-glossary.yml)' },
    ],
  },
  {
    title: 'Section copies',
    checks: [
      { code: 'clip-mismatch', label: '“quotableClips” that do not match the sections' },
      { code: 'duration-mismatch', label: '“duration” that differs from the transcript’s span' },
      { code: 'chapter-list-mismatch', label: 'A podcast-timestamps/ list that differs from the sections' },
    ],
  },
  {
    title: 'Typography',
    checks: [
      { code: 'typography-dash', label: 'Dash look-alikes (U+2011, U+2012…) where the site writes - or –' },
      { code: 'typography-double-space', label: 'Doubled spaces between words' },
      { code: 'typography-space-before-punctuation', label: 'A space before , ; : ! ? or .' },
      { code: 'typography-unbalanced-quotes', label: 'Unbalanced quotes' },
      { code: 'typography-mixed-quotes', label: 'Straight and curly quotes mixed in one entry' },
    ],
  },
]
