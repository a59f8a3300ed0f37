import type { Session } from 'electron'

/** The hosts the YouTube embedded player loads from (its page, video streams, images). */
export const youtubeRequestUrls: readonly string[] = [
  'https://www.youtube-nocookie.com/*',
  'https://www.youtube.com/*',
  'https://*.googlevideo.com/*',
  'https://*.ytimg.com/*',
]

/**
 * Who the app says it is to YouTube: an `https:` URL made of the app id, as YouTube's
 * required minimum functionality asks of apps that embed the player. An `app:` page sends no
 * Referer at all, and YouTube answers an embed without one with "Error 153".
 */
export const youtubeReferer = 'https://club.datatalks.transcript-editor/'

/**
 * The headers of a request to YouTube, completed: a Referer when there is none, and our
 * identity in place of an `app:` Origin (which YouTube does not accept). A Referer or Origin the
 * player's own frames send is kept.
 */
export function withYouTubeIdentity(headers: Readonly<Record<string, string>>): Record<string, string> {
  const result = { ...headers }
  const name = (wanted: string) => Object.keys(result).find((key) => key.toLowerCase() === wanted)
  const referer = name('referer')
  if (referer === undefined || result[referer] === '') result[referer ?? 'Referer'] = youtubeReferer
  const origin = name('origin')
  if (origin !== undefined && /^app:/i.test(result[origin]!)) result[origin] = new URL(youtubeReferer).origin
  return result
}

/** Makes the session's requests to the YouTube player's hosts carry the app's identity. */
export function identifyToYouTube(session: Session): void {
  session.webRequest.onBeforeSendHeaders({ urls: [...youtubeRequestUrls] }, (details, callback) => {
    callback({ requestHeaders: withYouTubeIdentity(details.requestHeaders) })
  })
}
