import type { OpenedFile } from '../../shared/api/contract'
import { parseEpisode, type Episode } from '../../shared/episode/index'
import { episodeFromWire, EpisodeWireError } from '../../shared/episode/episode-wire'

/**
 * The episode in a file the host read: rebuilt from the host's parse when it sent one, else parsed
 * here. Throws `EpisodeSyntaxError` (located) when the text is no episode.
 */
export function episodeOfFile(file: Pick<OpenedFile, 'text' | 'parsed'>): Episode {
  if (file.parsed === undefined) return parseEpisode(file.text)
  try {
    return episodeFromWire(file.parsed, file.text)
  } catch (error) {
    // A parse from a host of another version: the text itself is still the truth.
    if (error instanceof EpisodeWireError) return parseEpisode(file.text)
    throw error
  }
}
