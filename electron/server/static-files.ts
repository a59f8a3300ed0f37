import { realpath, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { isInside } from '../host/workspace-scan'

/** Where a request path leads inside the renderer folder. */
export type StaticLookup =
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  /** No such file (the caller may fall back to index.html). */
  | { readonly kind: 'missing' }
  /** The path tries to leave the folder (`..`, encoded separators, links out); never served. */
  | { readonly kind: 'refused' }

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
}

/** The Content-Type for a served file, by extension (unknown types are served as opaque bytes). */
export function mimeTypeOf(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps a raw URL path (as sent, still percent-encoded, without the query) to a file inside
 * `root`. Every segment is decoded once and must be a plain name: `.`/`..`,
 * empty segments, encoded `/` or `\`, and NUL are refused, and so is a file whose real path
 * (after symlinks) is outside the root. `/` maps to index.html.
 */
export async function lookupStaticFile(root: string, rawPath: string): Promise<StaticLookup> {
  if (!rawPath.startsWith('/') || rawPath.includes('\\')) return { kind: 'refused' }
  const segments = rawPath === '/' ? ['index.html'] : rawPath.slice(1).split('/')
  const names: string[] = []
  for (const segment of segments) {
    let name: string
    try {
      name = decodeURIComponent(segment)
    } catch {
      return { kind: 'refused' }
    }
    if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) return { kind: 'refused' }
    names.push(name)
  }
  let real: string
  let realRoot: string
  try {
    realRoot = await realpath(root)
    real = await realpath(join(realRoot, ...names))
  } catch {
    return { kind: 'missing' }
  }
  if (!isInside(realRoot, real)) return { kind: 'refused' }
  const info = await stat(real).catch(() => null)
  return info?.isFile() ? { kind: 'file', path: real, size: info.size } : { kind: 'missing' }
}

/**
 * Looks up a file of the single-page UI: like `lookupStaticFile`, but a missing path without a
 * file extension is a UI route and gets index.html, while a missing asset stays missing.
 */
export async function lookupRendererFile(root: string, rawPath: string): Promise<StaticLookup> {
  const found = await lookupStaticFile(root, rawPath)
  return found.kind === 'missing' && !/\.[a-z0-9]+$/i.test(rawPath) ? lookupStaticFile(root, '/') : found
}
