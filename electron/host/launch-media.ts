import type { Workspace } from '../../shared/api/contract'
import { HostError } from './errors'
import type { HostServices } from './host-services'

/**
 * Remembers a media file named at launch (`serve EPISODE --media FILE`, `transcript-editor
 * EPISODE --media=FILE`) for the episode that launch opened. Refuses when what was opened is a
 * folder rather than one episode file.
 */
export async function rememberLaunchMedia(
  services: Pick<HostServices, 'setEpisodeMedia'>,
  opened: Workspace,
  mediaPath: string,
): Promise<void> {
  if (!opened.opened) {
    throw new HostError('invalid-arguments', '--media belongs to one episode: give the episode file, not a folder, before it.')
  }
  await services.setEpisodeMedia(opened.opened, mediaPath)
}
