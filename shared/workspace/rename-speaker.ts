import type { Episode } from '../episode/episode'
import { renameSpeaker } from '../episode/edits'
import type { FindQuery } from './find-query'
import { findInEpisode, replaceInEpisode } from './find-replace'
import { cleanName } from './speakers'

/** Where lines and headers mention a name: as a whole word, in their text. */
function mentionQuery(name: string): FindQuery {
  return { find: name, wholeWord: true, in: ['lines', 'headers'] }
}

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
  const text = replaceInEpisode(renamed.doc, { ...mentionQuery(oldName), replace: newName })
  return { doc: text.doc, speakerEntries: renamed.count, textEntries: text.entries }
}

/**
 * Indices of the lines and headers that mention a speaker's name as a whole word (the name
 * without trailing punctuation, case as written): what renaming them with `alsoInText` would
 * change, known before a new name is typed.
 */
export function mentionsOf(doc: Episode, who: string): number[] {
  const name = cleanName(who)
  if (name === '') return []
  const entries = findInEpisode(doc, mentionQuery(name)).map((m) => m.entry)
  return [...new Set(entries)]
}
