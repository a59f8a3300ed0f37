import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bindHostApi } from '../host/host-dispatch'
import { createHostServices, type HostServices } from '../host/host-services'
import { handleApiRequest, sendJson } from './api-routes'
import { confineOpenPath } from './open-path-policy'
import { handleMediaRequest } from './media-route'
import { rememberLaunchMedia } from '../host/launch-media'
import { checkRequest, securityHeaders, setTokenCookie, type GuardOptions } from './request-guard'
import { lookupRendererFile, mimeTypeOf } from './static-files'

/** Options of `startServer`. */
export interface ServerOptions {
  /** Folder for drafts and recent items. */
  readonly dataDir: string
  /** A folder or `.md` file to open before the first page load (a file is shown straight away). */
  readonly openPath?: string
  /** Further folders or files the page may open by path besides `openPath` and the recent list (default none). */
  readonly allowedRoots?: readonly string[]
  /** An audio or video file to remember for the episode `openPath` names (`serve EPISODE --media FILE`). */
  readonly media?: string
  /** Port to listen on; 0 (the default) picks a free one. */
  readonly port?: number
  /** Interface to listen on; 127.0.0.1 unless given explicitly. */
  readonly host?: string
  /** The built renderer (default: `dist/renderer` of this package). */
  readonly rendererDir?: string
  /** The run's secret (default: 32 random bytes); tests may fix it. */
  readonly token?: string
  /** Debounce of file watching, passed to the host services. */
  readonly watchDebounceMs?: number
}

/** A running browser-mode server. */
export interface RunningServer {
  /** The page to open, with the token: `http://127.0.0.1:PORT/?token=…`. */
  readonly url: string
  /** `http://127.0.0.1:PORT`, for building request URLs in tests. */
  readonly origin: string
  readonly port: number
  readonly token: string
  /** Whether `rendererDir` holds a built UI. */
  readonly rendererBuilt: boolean
  readonly services: HostServices
  close(): Promise<void>
}

/**
 * Starts browser mode: the built renderer and the host contract over HTTP on one loopback
 * port, every request gated by the run's token, the Host and the Origin.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1'
  const token = options.token ?? randomBytes(32).toString('base64url')
  const rendererDir = options.rendererDir ?? defaultRendererDir()
  const isBuilt = () => existsSync(join(rendererDir, 'index.html'))
  const services = createHostServices({
    dataDir: options.dataDir,
    ...(options.watchDebounceMs !== undefined ? { watchDebounceMs: options.watchDebounceMs } : {}),
  })
  let startFile: string | undefined
  if (options.openPath !== undefined) {
    try {
      const opened = await services.openPath(resolve(options.openPath))
      startFile = opened.opened
      if (options.media !== undefined) await rememberLaunchMedia(services, opened, options.media)
    } catch (error) {
      await services.close()
      throw error
    }
  }
  const roots = [...(options.openPath !== undefined ? [resolve(options.openPath)] : []), ...(options.allowedRoots ?? [])]
  const bound = bindHostApi(services)
  const api: typeof bound = {
    ...bound,
    openPath: confineOpenPath(bound, roots),
    // `serve FILE` shows that file: every page load finds it as the workspace's opened file.
    getWorkspace: async () => {
      const workspace = await bound.getWorkspace()
      return startFile !== undefined && workspace.files.some((file) => file.handle === startFile) ? { ...workspace, opened: startFile } : workspace
    },
  }

  let guard: GuardOptions | undefined
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value)
    handle(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: 'Internal error.' })
      else response.destroy()
    })
  })

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const verdict = checkRequest(request, guard!)
    if (!verdict.allowed) return sendText(response, 403, `Forbidden: ${verdict.reason}. Open the URL printed by "transcript-editor serve".`)
    if (verdict.setCookie) setTokenCookie(response, guard!)
    const rawUrl = request.url ?? '/'
    const rawPath = rawUrl.split(/[?#]/, 1)[0]!
    // The page's address keeps no token (history, bookmarks, screen shares): the cookie now carries it.
    if (verdict.setCookie && !rawPath.startsWith('/api/') && (request.method === 'GET' || request.method === 'HEAD')) {
      response.writeHead(303, { Location: withoutToken(rawUrl), 'Cache-Control': 'no-store' })
      return void response.end()
    }
    if (rawPath.startsWith('/api/')) {
      return handleApiRequest(request, response, rawPath.slice('/api/'.length), api, services.onEvent, services.readFileBytes)
    }
    if (rawPath.startsWith('/media/')) return handleMediaRequest(request, response, rawPath.slice('/media/'.length), services)
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.')
    const found = await lookupRendererFile(rendererDir, rawPath)
    if (found.kind === 'refused') return sendText(response, 403, 'Forbidden: this path is outside the application.')
    // Checked per request, so a build made while the server runs is picked up on reload.
    if (!isBuilt()) return sendMissingBuild(response)
    if (found.kind === 'missing') return sendText(response, 404, 'Not found.')
    const isHtml = found.path.endsWith('.html')
    response.writeHead(200, {
      'Content-Type': mimeTypeOf(found.path),
      'Content-Length': found.size,
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    })
    if (request.method === 'HEAD') return void response.end()
    createReadStream(found.path).on('error', () => response.destroy()).pipe(response)
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen)
      resolveListen()
    })
  }).catch(async (error: unknown) => {
    await services.close()
    throw error
  })
  const port = (server.address() as AddressInfo).port
  guard = { token, allowedHosts: allowedHostsFor(host, port), cookieName: `transcript-editor-${port}` }
  const urlHost = isWildcard(host) || host === 'localhost' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const origin = `http://${urlHost}:${port}`

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    rendererBuilt: isBuilt(),
    services,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
      await services.close()
    },
  }
}

/** The request's path and query without the `token` parameter. */
function withoutToken(rawUrl: string): string {
  const query = rawUrl.indexOf('?')
  if (query < 0) return rawUrl
  const params = new URLSearchParams(rawUrl.slice(query + 1))
  params.delete('token')
  const rest = params.toString()
  return rawUrl.slice(0, query) + (rest ? `?${rest}` : '')
}

/** The renderer build beside this package's sources: `<package>/dist/renderer`. */
function defaultRendererDir(): string {
  let folder = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder)
  return join(folder, 'dist', 'renderer')
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === ''
}

/** Host header values accepted: the loopback names with our port, plus the explicit host; any for a wildcard bind. */
function allowedHostsFor(host: string, port: number): ReadonlySet<string> | null {
  if (isWildcard(host)) return null
  const named = host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase()
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${named}:${port}`])
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(`${text}\n`)
}

function sendMissingBuild(response: ServerResponse): void {
  const html =
    '<!doctype html><meta charset="utf-8"><title>Transcript Editor</title>' +
    '<h1>The editor is not built yet</h1><p>Run <code>npm run build</code>, then reload this page.</p>\n'
  response.writeHead(503, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(html)
}
