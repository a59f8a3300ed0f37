import type { Episode } from '../episode/episode'
import { spliceMetadata, type MetadataChange } from '../episode/front-matter-splice'
import { parseEpisode } from '../episode/parse-episode'
import { serializeEpisode } from '../episode/serialize-episode'
import { metadataValue } from '../episode/summary'
import type { Chapter } from './chapter-list'
import { clipValue, expectedClips, formatDuration, transcriptSpan, youtubeId } from './clips'

/** Options of `syncChapterCopies`. */
export interface SyncOptions {
  /** Add `quotableClips` and `duration` to a file that lacks them (by default only existing keys are rewritten). */
  readonly addMissing?: boolean
}

/** The file text after "Sync clips and duration from sections", and whether anything changed. */
export interface SyncResult {
  readonly text: string
  readonly changed: boolean
  /** Why a key was left as it is (no YouTube id, no timed line, no sections), in plain words. */
  readonly notes: readonly string[]
}

/**
 * Rewrites `quotableClips` and `duration` from the sections, losslessly: the episode is
 * serialized (with its transcript edits), then only the clip mappings that differ and the
 * `duration` line are rewritten, in the file's style (see `spliceMetadata`). A key the file
 * lacks is added only with `addMissing`; an episode without a YouTube id or timed lines keeps
 * its clips as they are.
 */
export function syncChapterCopies(doc: Episode, list: readonly Chapter[] = [], options: SyncOptions = {}): SyncResult {
  const text = serializeEpisode(doc)
  const base = text === doc.source ? doc : parseEpisode(text)
  const has = (key: string) => metadataValue(base, key) !== undefined
  const changes: MetadataChange[] = []
  const notes: string[] = []
  const span = transcriptSpan(base)
  if (has('duration') || options.addMissing) {
    if (span === null) notes.push('duration was left as it is: no line of the transcript has a time')
    else changes.push({ key: 'duration', value: formatDuration(span), addBefore: has('quotableClips') ? 'quotableClips' : 'transcript' })
  }
  if (has('quotableClips') || options.addMissing) {
    const clips = expectedClips(base, list)
    if (youtubeId(base) === undefined) notes.push('quotableClips were left as they are: the episode has no ids.youtube')
    else if (clips === null) notes.push('quotableClips were left as they are: no line of the transcript has a time')
    else if (clips.length === 0) notes.push('quotableClips were left as they are: the transcript has no sections (import the chapter list first)')
    else changes.push({ key: 'quotableClips', value: clips.map(clipValue), addBefore: 'transcript' })
  }
  const synced = spliceMetadata(base, changes)
  return { text: synced, changed: synced !== doc.source, notes }
}
