import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { servePickedMedia, type MediaSource } from '../host/media-serve'

/**
 * Serves `GET /media/<token>` in browser mode (behind the same token, cookie, Host and Origin
 * guard as `/api/`): the file picked for an episode, with `Range` honoured, as
 * `servePickedMedia` answers it. `token` is the request path after `/media/`.
 */
export async function handleMediaRequest(
  request: IncomingMessage,
  response: ServerResponse,
  token: string,
  source: MediaSource,
): Promise<void> {
  const answer = await servePickedMedia(source, token, request.headers.range, request.method ?? 'GET')
  await sendWebResponse(answer, response)
}

/** Writes a web `Response` (status, headers, streamed body) to Node's `ServerResponse`. */
export async function sendWebResponse(answer: Response, response: ServerResponse): Promise<void> {
  response.writeHead(answer.status, Object.fromEntries(answer.headers))
  if (!answer.body) return void response.end()
  // A player that seeks closes the connection mid-file; that ends the read, and is no error.
  await pipeline(Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream<Uint8Array>), response).catch((error: unknown) => {
    if (!response.destroyed) throw error
  })
}
