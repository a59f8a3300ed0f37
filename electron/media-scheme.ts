import { protocol, type CustomScheme } from 'electron'
import { servePickedMedia, type MediaSource } from './host/media-serve'

/** The desktop app's scheme for media files the user picked: `media://<token>/`. */
export const mediaScheme = 'media'

/**
 * Its privileges, declared with the app scheme before ready: `stream` so a media element can
 * play and seek while the file streams, `supportFetchAPI` so `protocol.handle` gets a `Request`
 * with the `Range` header. Not `bypassCSP`: the page's `media-src` names this scheme.
 */
export const mediaSchemePrivileges: CustomScheme = {
  scheme: mediaScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
}

/** The URL the page plays a media token from. */
export function mediaUrlOf(token: string): string {
  return `${mediaScheme}://${token}/`
}

/**
 * Serves `media://<token>/` from the host services: only files picked for an episode in this
 * run, with the request's `Range` answered by `serveMediaFile` (206, 416), the same code as
 * browser mode's `/media/<token>`.
 */
export function serveMediaScheme(source: MediaSource): void {
  protocol.handle(mediaScheme, (request) => {
    const url = new URL(request.url)
    const token = url.pathname === '/' && url.search === '' ? url.hostname : ''
    return servePickedMedia(source, token, request.headers.get('range'), request.method)
  })
}
