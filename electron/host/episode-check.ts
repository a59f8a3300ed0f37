import type { EpisodeListing, LocatedError } from '../../shared/api/contract'
import { EpisodeSyntaxError, parseEpisode, summarizeEpisode, verifySavedDigest, type Episode } from '../../shared/episode/index'
import { fsErrorText } from './errors'
import { readRegularFile } from './read-regular-file'
import { decodeFileText } from './text-codec'

/**
 * True when a Markdown file is meant to be an episode, even a broken one: a `---` fence in its
 * first lines or a top-level `transcript:` key. A README without front matter is not listed; an
 * episode with stray text before its front matter is, with its error.
 */
export function looksLikeEpisode(text: string): boolean {
  const head = text.split('\n', 5).map((line) => line.replace(/^\uFEFF/, '').trimEnd())
  return head.includes('---') || /^transcript:/m.test(text)
}

/** An episode's listing, and its document (null when it does not parse) for counting its problems. */
export interface ListedEpisode {
  readonly listing: EpisodeListing
  readonly doc: Episode | null
}

/**
 * Summarises an episode's text for the workspace list; a file that does not parse gets its
 * located error. `problems` is 0 here: the count needs the workspace's knowledge (settings,
 * people, glossary, chapter lists), so the host counts it over the document (`problem-counts.ts`).
 */
export function listEpisode(text: string): ListedEpisode {
  try {
    const doc = parseEpisode(text)
    return { listing: { ...summarizeEpisode(doc), problems: 0 }, doc }
  } catch (error) {
    return { listing: failedListing(locatedError(error)), doc: null }
  }
}

/** A file as the episode list reads it: its listing (null: a Markdown file that is not an episode), document and text. */
export interface ReadListing {
  readonly listing: EpisodeListing | null
  readonly doc: Episode | null
  /** Null when the file cannot be read. */
  readonly text: string | null
}

/**
 * Reads a file and lists it as the episode list does: a file that does not look like an episode
 * (`looksLikeEpisode`) is not listed unless `explicit` (the user opened it), and one that cannot be
 * read is listed with the reason. The host's list and `check` read their folders with it.
 */
export async function readListing(path: string, explicit = false): Promise<ReadListing> {
  let text: string
  try {
    text = decodeFileText(await readRegularFile(path))
  } catch (error) {
    return { listing: failedListing({ line: 0, column: 0, message: fsErrorText(error) }), doc: null, text: null }
  }
  if (!explicit && !looksLikeEpisode(text)) return { listing: null, doc: null, text }
  return { ...listEpisode(text), text }
}

/** A listing with no counts, for a file that cannot be read or parsed. */
export function failedListing(error: LocatedError): EpisodeListing {
  return { entries: 0, lines: 0, headers: 0, speakers: [], problems: 0, error }
}

/** A located error from anything thrown while parsing; line and column are 0 when unknown. */
export function locatedError(error: unknown): LocatedError {
  if (error instanceof EpisodeSyntaxError) return { line: error.line, column: error.column, message: error.reason }
  return { line: 0, column: 0, message: error instanceof Error ? error.message : String(error) }
}

/**
 * Checks that `text` is a well-formed episode whose whole meaning (front matter, transcript, text
 * around them) has `expectedDigest`, the digest of what the UI meant to save. Returns null when it
 * does, else a plain-language reason: this is the last gate before a write. The check itself is
 * `verifySavedDigest` in shared/episode, the one the command line uses too.
 */
export function checkSaveText(text: string, expectedDigest: string): string | null {
  return verifySavedDigest(text, expectedDigest)
}
