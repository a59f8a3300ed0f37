import { realpath } from 'node:fs/promises'
import { fsErrorCode, HostError } from './errors'
import { mediaTokenPattern } from './media-library'
import { serveMediaFile } from './media-range'

/** What `servePickedMedia` needs: the token table of the host services. */
export interface MediaSource {
  mediaFileOf(token: string): string
}

/**
 * Answers a request for `/media/<token>` (browser mode) or `media://<token>` (desktop): only a
 * file picked for an episode in this run, only while it is still that same real file (not a link
 * swapped in since), with `Range` honoured by `serveMediaFile`. Any other token gets 404, a
 * vanished file 404, and every refusal a plain-text reason.
 */
export async function servePickedMedia(
  source: MediaSource,
  token: string,
  rangeHeader: string | null | undefined,
  method: string,
): Promise<Response> {
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Media files are only read (GET or HEAD).')
  let path: string
  try {
    if (!mediaTokenPattern.test(token)) throw new HostError('refused', 'This is not a media address issued by the editor.')
    path = source.mediaFileOf(token)
  } catch (error) {
    if (error instanceof HostError) return plain(404, error.message)
    throw error
  }
  try {
    if ((await realpath(path)) !== path) return plain(403, 'The media file was replaced by a link; pick it again.')
    return await serveMediaFile(path, rangeHeader, method)
  } catch (error) {
    const code = fsErrorCode(error)
    if (code === 'ENOENT' || code === 'ENOTDIR') return plain(404, `The media file ${path} no longer exists (moved or deleted?).`)
    return plain(500, `The media file ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
}
