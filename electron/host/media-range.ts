import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname } from 'node:path'
import { Readable } from 'node:stream'

/** What a `Range` header asks of a file of a given size (RFC 9110 §14, one range only). */
export type RangeRequest =
  /** No range (or one we answer whole, such as several ranges): 200 with the whole file. */
  | { readonly kind: 'whole' }
  /** One satisfiable range, both ends inclusive: 206. */
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  /** A range that starts past the end, or an empty suffix: 416. */
  | { readonly kind: 'unsatisfiable' }

/**
 * Reads a `Range` header against a file size. Handles `bytes=a-b`, open ends (`bytes=a-`) and
 * suffixes (`bytes=-n`); an end past the file is clipped. A header that is not a single byte
 * range is answered with the whole file, as RFC 9110 allows, so a media element never stalls.
 */
export function parseRange(header: string | undefined | null, size: number): RangeRequest {
  if (!header) return { kind: 'whole' }
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header)
  if (!match) return { kind: 'whole' }
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return { kind: 'whole' }
  if (first === '') {
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' }
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (start >= size) return { kind: 'unsatisfiable' }
  if (end < start) return { kind: 'whole' }
  return { kind: 'partial', start, end }
}

const mediaTypes: Readonly<Record<string, string>> = {
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
}

/** The file extensions (without the dot) of the audio and video files served. */
export const mediaExtensions: readonly string[] = Object.keys(mediaTypes).map((extension) => extension.slice(1))

/** The Content-Type of a media file, by extension (unknown ones as opaque bytes). */
export function mediaTypeOf(path: string): string {
  return mediaTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Answers a request for a media file the user picked, honouring `Range`: 200 with the whole
 * file, 206 with `Content-Range` for one range, 416 with `Content-Range: bytes * /size` for a
 * range past the end. It returns a web `Response`, the one form both the browser-mode server
 * (piped to Node's response) and Electron's `protocol.handle` take, so seeking works the same in
 * both: Electron's own `net.fetch(file:)` ignores ranges (electron/electron#38749).
 */
export async function serveMediaFile(path: string, rangeHeader: string | null | undefined, method = 'GET'): Promise<Response> {
  const info = await stat(path)
  if (!info.isFile()) throw new Error(`${path} is not a regular file.`)
  const size = info.size
  const type = mediaTypeOf(path)
  const common = { 'Accept-Ranges': 'bytes', 'Content-Type': type, 'Cache-Control': 'no-store' }
  const range = parseRange(rangeHeader, size)
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...common, 'Content-Range': `bytes */${size}` } })
  }
  const start = range.kind === 'partial' ? range.start : 0
  const end = range.kind === 'partial' ? range.end : size - 1
  const length = size === 0 ? 0 : end - start + 1
  const headers: Record<string, string> = { ...common, 'Content-Length': String(length) }
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  const status = range.kind === 'partial' ? 206 : 200
  if (method === 'HEAD' || length === 0) return new Response(null, { status, headers })
  const stream = Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>
  return new Response(stream, { status, headers })
}
