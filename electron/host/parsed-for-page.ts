import { EpisodeSyntaxError, parseEpisode, type Episode } from '../../shared/episode/index'
import { episodeToWire, type EpisodeWire } from '../../shared/episode/episode-wire'

/** Each parse's wire form, made once however often the episode is opened. */
const wires = new WeakMap<Episode, EpisodeWire>()

/**
 * The parse of `text` sent to the page with it (`OpenedFile.parsed`): the episode list's parse
 * when it was made of this very text, else a new one; null when the text is no episode, so the
 * page's own parse says where it fails.
 */
export function parsedForPage(text: string, listed: Episode | null): EpisodeWire | null {
  let doc = listed
  if (doc?.source !== text) {
    try {
      doc = parseEpisode(text)
    } catch (error) {
      if (error instanceof EpisodeSyntaxError) return null
      throw error
    }
  }
  let wire = wires.get(doc)
  if (wire === undefined) {
    wire = episodeToWire(doc)
    wires.set(doc, wire)
  }
  return wire
}
