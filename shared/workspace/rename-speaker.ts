import type { Episode } from '../episode/episode'
import { renameSpeaker } from '../episode/edits'
import { replaceInEpisode } from './find-replace'
import { cleanName } from './speakers'

/** What renaming a speaker changed. */
export interface RenameResult {
  readonly doc: Episode
  /** How many lines had their `who` renamed. */
  readonly speakerEntries: number
  /** Indices of the lines and headers whose text mentioned the old name and now says the new one. */
  readonly textEntries: readonly number[]
}

/**
 * Renames a speaker in every `who` of the episode and, with `alsoInText`, the old name where
 * lines and headers mention it as a whole word, case as written (the Meryam → Meryem fix:
 * 71 speakers, 5 lines and 3 headers in one step). The text replacement uses the names
 * without trailing punctuation, so renaming `Theo:` to `Theo` leaves the text alone.
 */
export function renameSpeakerEverywhere(doc: Episode, from: string, to: string, options: { readonly alsoInText?: boolean } = {}): RenameResult {
  const renamed = renameSpeaker(doc, from, to)
  const oldName = cleanName(from)
  const newName = cleanName(to)
  if (!options.alsoInText || oldName === '' || oldName === newName) return { doc: renamed.doc, speakerEntries: renamed.count, textEntries: [] }
  const text = replaceInEpisode(renamed.doc, { find: oldName, replace: newName, wholeWord: true, in: ['lines', 'headers'] })
  return { doc: text.doc, speakerEntries: renamed.count, textEntries: text.entries }
}
