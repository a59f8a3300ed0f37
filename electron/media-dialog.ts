import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron'
import { mediaExtensions } from './host/media-range'

/** The native open dialog for an episode's recording: audio and video files the player plays. */
export const mediaDialogOptions: OpenDialogOptions = {
  title: 'Choose the Recording of This Episode',
  properties: ['openFile'],
  filters: [
    { name: 'Audio and Video', extensions: [...mediaExtensions] },
  ],
}

/** Shows the dialog (attached to `window` when there is one); the chosen path, or null if cancelled. */
export async function pickMediaFile(window: BrowserWindow | null): Promise<string | null> {
  const result = window ? await dialog.showOpenDialog(window, mediaDialogOptions) : await dialog.showOpenDialog(mediaDialogOptions)
  return (result.canceled ? undefined : result.filePaths[0]) ?? null
}
