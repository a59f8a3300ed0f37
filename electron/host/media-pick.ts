import type { EpisodeMedia, FileHandle } from '../../shared/api/contract'
import { refused } from './errors'
import type { HostServices } from './host-services'

/**
 * Runs the media picker for an episode and remembers what the user chose (null if cancelled).
 * Without a picker (browser mode) the call is refused with what to do instead.
 */
export async function pickMediaFor(
  services: Pick<HostServices, 'setEpisodeMedia'>,
  handle: FileHandle,
  pick: (() => Promise<string | null>) | undefined,
): Promise<EpisodeMedia | null> {
  if (!pick) {
    throw refused(
      'The browser cannot hand the editor a file path: drop the audio or video file on the player, or start the editor with "transcript-editor serve EPISODE --media FILE".',
    )
  }
  const path = await pick()
  return path === null ? null : services.setEpisodeMedia(handle, path)
}
