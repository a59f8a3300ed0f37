import type { FileHandle } from '../../shared/api/contract'
import type { Episode } from '../../shared/episode/index'
import type { Session } from './app-state'
import { change, errorText, isExpectedEditError } from './commands'

/** An edit of a whole episode (a replace across episodes): the new document, or null for no change. */
export type EpisodeEdit = (doc: Episode, handle: FileHandle) => Episode | null

/** What `Controller.editEpisodes` did: the episodes it changed, and those it could not, with why. */
export interface EditEpisodesResult {
  readonly changed: readonly FileHandle[]
  readonly failed: readonly { readonly handle: FileHandle; readonly message: string }[]
}

/**
 * Applies `edit` to a session's document as one undo step of its history. Returns the new
 * session, null when the edit changes nothing, or the plain reason when the edit was refused.
 */
export function editEpisode(session: Session, edit: EpisodeEdit, label: string): Session | null | string {
  let doc: Episode | null
  try {
    doc = edit(session.editor.doc, session.handle)
  } catch (error) {
    if (!isExpectedEditError(error)) throw error
    return `${label}: ${errorText(error)}`
  }
  if (doc === null || doc === session.editor.doc) return null
  return change(session, doc, 'replace')
}
