import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FileHandle, HostApi, HostEvent } from '../../shared/api/contract'
import { openedFileContentType, openedFileHead } from '../../shared/api/opened-file-frame'
import { dispatchHostCall, runHostCall, type HostCallOutcome } from '../host/host-dispatch'
import type { OpenedFileBytes } from '../host/host-services'

/** Largest request body accepted: a 20 MB text plus its transcript, JSON-escaped. */
const maxBodyBytes = 160 * 1024 * 1024

const statusOf: Readonly<Record<Extract<HostCallOutcome, { ok: false }>['error']['code'], number>> = {
  'invalid-arguments': 400,
  refused: 403,
  'not-found': 404,
  io: 500,
}

/** Subscribes to host events; returns the unsubscribe function. */
export type SubscribeToEvents = (listener: (event: HostEvent) => void) => () => void

/**
 * Serves the contract over HTTP: `POST /api/<method>` with a JSON array of arguments answers
 * the result as JSON (or `{ error, code }` with a 4xx/5xx status); `GET /api/events` is a
 * Server-Sent Events stream of host events. `path` is the request path after `/api/`.
 */
export async function handleApiRequest(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  api: Required<HostApi>,
  subscribe: SubscribeToEvents,
  readFileBytes: (handle: FileHandle) => Promise<OpenedFileBytes>,
): Promise<void> {
  if (path === 'events') {
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'Use GET for the event stream.' })
    return streamEvents(request, response, subscribe)
  }
  if (request.method !== 'POST') return sendJson(response, 405, { error: 'Use POST for host calls.' })
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
    return sendJson(response, 415, { error: 'Send the arguments as application/json.' })
  }
  let args: unknown
  try {
    args = JSON.parse(await readBody(request))
  } catch (error) {
    const tooLarge = error instanceof BodyTooLarge
    return sendJson(response, tooLarge ? 413 : 400, { error: tooLarge ? 'Request too large.' : 'The body is not JSON.' })
  }
  const outcome = path === 'readFile' ? await runHostCall(path, args, (handle) => readFileBytes(handle as FileHandle)) : await dispatchHostCall(api, path, args)
  if (outcome.ok && path === 'readFile') sendOpenedFile(response, outcome.value as OpenedFileBytes)
  else if (outcome.ok) sendJson(response, 200, outcome.value)
  else sendJson(response, statusOf[outcome.error.code], { error: outcome.error.message, code: outcome.error.code })
}

/** Writes a JSON response (no caching: every answer reflects the disk now). */
export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendBytes(response, status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(value), 'utf8'))
}

/** Writes an opened file in its own frame (`openedFileContentType`): its fields as a JSON line, then its bytes as read. */
function sendOpenedFile(response: ServerResponse, { file, bytes }: OpenedFileBytes): void {
  sendBytes(response, 200, openedFileContentType, Buffer.from(`${openedFileHead(file)}\n`, 'utf8'), bytes)
}

/** Writes an answer's bytes (its parts in turn, not copied into one buffer), never cached. */
function sendBytes(response: ServerResponse, status: number, contentType: string, ...parts: Buffer[]): void {
  const length = parts.reduce((sum, part) => sum + part.length, 0)
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': length, 'Cache-Control': 'no-store' })
  for (const part of parts.slice(0, -1)) response.write(part)
  response.end(parts.at(-1))
}

function streamEvents(request: IncomingMessage, response: ServerResponse, subscribe: SubscribeToEvents): void {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  })
  response.write('retry: 2000\n: connected\n\n')
  const unsubscribe = subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`))
  // Comments keep proxies and idle timeouts from closing a quiet stream.
  const heartbeat = setInterval(() => response.write(': ping\n\n'), 25_000)
  heartbeat.unref()
  request.on('close', () => {
    clearInterval(heartbeat)
    unsubscribe()
  })
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit the rest is drained and dropped, so the 413 answer still reaches the client.
      if (size > maxBodyBytes) reject(new BodyTooLarge())
      else chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}
