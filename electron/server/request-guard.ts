import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * The Content-Security-Policy of every response: only our own scripts, styles and connections;
 * media from our own origin (browser mode's `/media/`), the desktop's `media:` scheme and dropped
 * files (`blob:`); frames only from YouTube's embedded player; workers only our own (the clock's).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob: media:",
  'frame-src https://www.youtube-nocookie.com https://www.youtube.com',
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers sent on every response, errors included. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** The header a script may use instead of the cookie to present the run's token. */
const tokenHeader = 'x-transcript-token'

/** What the guard needs to know about the server it protects. */
export interface GuardOptions {
  readonly token: string
  /** `host:port` values accepted in the Host header (lowercase), or null to accept any (wildcard bind). */
  readonly allowedHosts: ReadonlySet<string> | null
  /** Cookie name; includes the port because cookies are shared by every port of a host. */
  readonly cookieName: string
}

/** The guard's verdict: refused, or allowed (setting the cookie when the URL carried the token). */
export type GuardVerdict =
  | { readonly allowed: false; readonly reason: string }
  | { readonly allowed: true; readonly setCookie: boolean }

/**
 * Decides whether a request may be served: the Host header must be ours (defeats DNS
 * rebinding), a cross-site Origin or fetch is refused (defeats CSRF), and the run's secret token
 * must come in the cookie, the `X-Transcript-Token` header, or the page URL's `?token=`.
 */
export function checkRequest(request: IncomingMessage, options: GuardOptions): GuardVerdict {
  const host = (request.headers.host ?? '').toLowerCase()
  if (!host || (options.allowedHosts !== null && !options.allowedHosts.has(host))) {
    return { allowed: false, reason: 'unexpected Host header' }
  }
  const origin = request.headers.origin
  if (origin !== undefined && origin !== `http://${host}`) return { allowed: false, reason: 'foreign Origin' }
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site') return { allowed: false, reason: 'cross-site request' }

  const header = request.headers[tokenHeader]
  if (typeof header === 'string' && tokensEqual(header, options.token)) return { allowed: true, setCookie: false }
  if (tokensEqual(readCookie(request, options.cookieName) ?? '', options.token)) return { allowed: true, setCookie: false }
  if (tokensEqual(queryToken(request.url ?? '') ?? '', options.token)) return { allowed: true, setCookie: true }
  return { allowed: false, reason: 'missing or wrong token' }
}

/** Sets the token cookie: HttpOnly (no script reads it) and SameSite=Strict (no other site sends it). */
export function setTokenCookie(response: ServerResponse, options: GuardOptions): void {
  response.setHeader('Set-Cookie', `${options.cookieName}=${options.token}; HttpOnly; SameSite=Strict; Path=/`)
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

function queryToken(url: string): string | undefined {
  const query = url.indexOf('?')
  if (query < 0) return undefined
  return new URLSearchParams(url.slice(query + 1)).get('token') ?? undefined
}
