import assert from 'node:assert/strict'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { OpenDialogOptions } from 'electron'
import { hostChannels, type EpisodeMedia, type Workspace } from '../shared/api/contract'
import type { HostCallOutcome } from '../electron/host/host-dispatch'
import { matchesUrlPattern, type StandInWindow } from './electron-stand-in/electron-stand-in'
import { loadMain, standInFolders, type LoadedMain, type StandInFolders } from './electron-stand-in/load-main'
import { fixturesDir } from './helpers/corpus'
import { spokenAudio } from './helpers/spoken-audio'

// The desktop shell's media wiring, run against the Electron stand-in (see electron-shell.test.ts):
// the `media:` scheme plays only the recording picked for an episode, with Range requests; requests
// to the YouTube player's hosts carry the app's identity; the CSP allows exactly those.

const episodeName = 'crisp-dm.md'
const youtubeReferer = 'https://club.datatalks.transcript-editor/'
const youtubeFrames = ['https://www.youtube-nocookie.com', 'https://www.youtube.com']

interface Running {
  readonly main: LoadedMain
  readonly window: StandInWindow
  call(channel: string, ...args: unknown[]): Promise<HostCallOutcome>
  /** The handle of the episode opened from the command line. */
  episodeHandle(): Promise<string>
}

async function launch(folders: StandInFolders, episode: string): Promise<Running> {
  const main = await loadMain({ folders, args: [episode] })
  const window = await main.start()
  const call = (channel: string, ...args: unknown[]) =>
    main.electron.invoke(channel, { sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...args) as Promise<HostCallOutcome>
  return {
    main,
    window,
    call,
    async episodeHandle() {
      const outcome = await call(hostChannels.getWorkspace)
      assert.ok(outcome.ok)
      return (outcome.value as Workspace).files[0]!.handle
    },
  }
}

function valueOf<T>(outcome: HostCallOutcome): T {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message)
  return outcome.value as T
}

describe('the media scheme', () => {
  let folders: StandInFolders
  let episode: string
  let recording: string
  let bytes: Buffer
  let app: Running
  let media: EpisodeMedia
  before(async () => {
    folders = standInFolders()
    episode = join(folders.root, episodeName)
    copyFileSync(join(fixturesDir, episodeName), episode)
    recording = await spokenAudio(join(folders.root, 'recordings'), 'crisp-dm.wav', 'This is episode ten of DataTalks Club.')
    bytes = readFileSync(recording)
    app = await launch(folders, episode)
    app.main.electron.dialogAnswers.openPaths.push(recording)
    const picked = valueOf<EpisodeMedia | null>(await app.call(hostChannels.pickMediaForEpisode, await app.episodeHandle()))
    assert.ok(picked, 'the pick was not cancelled')
    media = picked
  })
  after(() => app.main.dispose())

  it('is declared privileged with streaming, beside the app scheme, in the one call Electron allows', () => {
    assert.equal(app.main.electron.callsOf('protocol.registerSchemesAsPrivileged').length, 1)
    assert.deepEqual(app.main.electron.privilegedSchemes, [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ])
  })

  it('picks the recording through the native dialog, for audio and video files only', () => {
    const [, options] = app.main.electron.callsOf('dialog.showOpenDialog').at(-1)!.args as [unknown, OpenDialogOptions]
    assert.deepEqual(options.properties, ['openFile'])
    const extensions = options.filters?.flatMap((filter) => filter.extensions) ?? []
    assert.ok(extensions.includes('mp3') && extensions.includes('wav') && extensions.includes('mp4'), extensions.join(' '))
    assert.ok(!extensions.includes('md') && !extensions.includes('*'), extensions.join(' '))
    assert.deepEqual({ name: media.name, kind: media.kind }, { name: 'crisp-dm.wav', kind: 'audio' })
    assert.match(media.mediaUrl, /^media:\/\/m[0-9a-f]{32}\/$/)
  })

  it('answers Range requests with 206 and the bytes of the real recording, and 416 past the end', async () => {
    const partial = await app.main.electron.fetch(media.mediaUrl, { headers: { Range: 'bytes=44-1043' } })
    assert.equal(partial.status, 206)
    assert.equal(partial.headers.get('content-range'), `bytes 44-1043/${bytes.length}`)
    assert.equal(partial.headers.get('content-type'), 'audio/wav')
    assert.deepEqual(Buffer.from(await partial.arrayBuffer()), bytes.subarray(44, 1044))
    const whole = await app.main.electron.fetch(media.mediaUrl)
    assert.equal(whole.status, 200)
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), bytes)
    const past = await app.main.electron.fetch(media.mediaUrl, { headers: { Range: `bytes=${bytes.length + 10}-` } })
    assert.equal(past.status, 416)
    assert.equal(past.headers.get('content-range'), `bytes */${bytes.length}`)
  })

  it('serves nothing but the picked file: other tokens, paths and hosts get 404', async () => {
    for (const url of [
      `media://m${'0'.repeat(32)}/`,
      `${media.mediaUrl}secret.txt`,
      `${media.mediaUrl}?path=${encodeURIComponent(folders.secretFile)}`,
      `media://renderer/`,
      `media://x/${encodeURIComponent(folders.secretFile)}`,
    ]) {
      const response = await app.main.electron.fetch(url)
      assert.equal(response.status, 404, url)
      assert.doesNotMatch(await response.text(), /not for the renderer|RIFF/, url)
    }
  })

  it('remembers the pick for the episode when the app is launched again', async () => {
    app.main.electron.module.app.emit('will-quit', { preventDefault: () => undefined })
    const again = await launch(folders, episode)
    try {
      const remembered = valueOf<EpisodeMedia | null>(await again.call(hostChannels.getEpisodeMedia, await again.episodeHandle()))
      assert.equal(remembered?.name, 'crisp-dm.wav')
      assert.notEqual(remembered?.mediaUrl, media.mediaUrl, 'a new token in the new run')
      assert.equal((await again.main.electron.fetch(media.mediaUrl)).status, 404, "the last run's token is void")
      const partial = await again.main.electron.fetch(remembered!.mediaUrl, { headers: { Range: 'bytes=0-3' } })
      assert.equal(partial.status, 206)
      assert.equal(await partial.text(), 'RIFF')
      assert.deepEqual(valueOf(await again.call(hostChannels.forgetEpisodeMedia, await again.episodeHandle())), null)
      assert.equal(valueOf(await again.call(hostChannels.getEpisodeMedia, await again.episodeHandle())), null)
    } finally {
      again.main.electron.module.app.emit('will-quit', { preventDefault: () => undefined })
    }
  })
})

describe('the desktop command line: transcript-editor EPISODE --media FILE', () => {
  it('opens the episode with the recording remembered for it (both spellings of the switch)', async () => {
    for (const form of ['separate', 'joined'] as const) {
      const folders = standInFolders()
      const episode = join(folders.root, episodeName)
      copyFileSync(join(fixturesDir, episodeName), episode)
      const recording = await spokenAudio(join(folders.root, 'recordings'), 'ep.wav', 'Hello.')
      const args = form === 'separate' ? [episode, '--media', recording] : [`--media=${recording}`, episode]
      const main = await loadMain({ folders, args })
      const window = await main.start()
      try {
        const call = (channel: string, ...rest: unknown[]) =>
          main.electron.invoke(channel, { sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...rest) as Promise<HostCallOutcome>
        const workspace = valueOf<Workspace>(await call(hostChannels.getWorkspace))
        assert.deepEqual(workspace.files.map((file) => file.relPath), [episodeName], `${form}: only the episode is opened, not the recording`)
        const media = valueOf<EpisodeMedia | null>(await call(hostChannels.getEpisodeMedia, workspace.files[0]!.handle))
        assert.equal(media?.name, 'ep.wav', form)
        assert.equal((await main.electron.fetch(media!.mediaUrl, { headers: { Range: 'bytes=0-3' } })).status, 206)
      } finally {
        await main.dispose()
      }
    }
  })

  it('still opens the episode when the recording is missing, and says why it was not remembered', async () => {
    const folders = standInFolders()
    const episode = join(folders.root, episodeName)
    copyFileSync(join(fixturesDir, episodeName), episode)
    const errors: string[] = []
    const consoleError = console.error
    console.error = (...args: unknown[]) => void errors.push(args.join(' '))
    let main: LoadedMain | undefined
    try {
      main = await loadMain({ folders, args: [episode, '--media', join(folders.root, 'gone.mp3')] })
      const window = await main.start()
      const outcome = await main.electron.invoke(hostChannels.getWorkspace, { sender: window.webContents, senderFrame: window.webContents.mainFrame })
      assert.equal(valueOf<Workspace>(outcome as HostCallOutcome).files.length, 1)
      assert.ok(errors.some((line) => /gone\.mp3.*does not exist/.test(line)), errors.join('\n'))
    } finally {
      console.error = consoleError
      await main?.dispose()
    }
  })
})

describe('YouTube in the desktop app', () => {
  let app: Running
  before(async () => {
    const folders = standInFolders()
    const episode = join(folders.root, episodeName)
    copyFileSync(join(fixturesDir, episodeName), episode)
    app = await launch(folders, episode)
  })
  after(() => app.main.dispose())

  it('sets the Referer on requests to exactly the player hosts, before the window loads', () => {
    const calls = app.main.electron.calls
    const registered = calls.findIndex((call) => call.api === 'session.webRequest.onBeforeSendHeaders')
    assert.ok(registered >= 0, 'a listener is registered')
    assert.ok(registered < calls.findIndex((call) => call.api === 'BrowserWindow.loadURL'))
    const [filter] = calls[registered]!.args as [{ urls: string[] }]
    assert.deepEqual([...filter.urls].sort(), [
      'https://*.googlevideo.com/*',
      'https://*.ytimg.com/*',
      'https://www.youtube-nocookie.com/*',
      'https://www.youtube.com/*',
    ])
  })

  it('gives the player page, its videos and images a Referer naming the app', async () => {
    for (const url of [
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?enablejsapi=1',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
      'https://rr3---sn-4g5edn6r.googlevideo.com/videoplayback?id=1',
      'https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg',
    ]) {
      const headers = await app.main.electron.sendHeaders(url, { 'User-Agent': 'Chrome' })
      assert.deepEqual(headers, { 'User-Agent': 'Chrome', Referer: youtubeReferer }, url)
    }
  })

  it("keeps the Referer the player's own frames send, and replaces an app: Origin", async () => {
    const own = { Referer: 'https://www.youtube-nocookie.com/embed/x', Origin: 'https://www.youtube-nocookie.com' }
    assert.deepEqual(await app.main.electron.sendHeaders('https://rr1.googlevideo.com/videoplayback', own), own)
    assert.deepEqual(await app.main.electron.sendHeaders('https://www.youtube.com/youtubei/v1/player', { origin: 'app://renderer' }), {
      origin: 'https://club.datatalks.transcript-editor',
      Referer: youtubeReferer,
    })
  })

  it('leaves requests to every other host alone', async () => {
    for (const url of [
      'https://example.com/',
      'https://youtube.com.evil.example/embed/x',
      'https://www.youtube.com.evil.example/',
      'http://www.youtube.com/embed/x',
      'https://evilgooglevideo.com/videoplayback',
    ]) {
      assert.deepEqual(await app.main.electron.sendHeaders(url, {}), {}, url)
    }
  })

  it('allows exactly the YouTube player in frames, and no script or worker but our own, in the header and the page', async () => {
    const header = (await app.main.electron.fetch('app://renderer/index.html')).headers.get('content-security-policy') ?? ''
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(import.meta.dirname, '../renderer/index.html'), 'utf8'))?.[1]
    assert.ok(meta, 'renderer/index.html has a CSP meta tag')
    for (const policy of [header, meta]) {
      const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]))
      assert.deepEqual(directives.get('frame-src'), youtubeFrames, policy)
      assert.deepEqual(directives.get('script-src'), ["'self'"], policy)
      assert.deepEqual(directives.get('worker-src'), ["'self'"], policy)
      assert.deepEqual(directives.get('media-src'), ["'self'", 'blob:', 'media:'], policy)
      assert.deepEqual(directives.get('default-src'), ["'none'"], policy)
    }
  })
})

describe('the stand-in matches webRequest URL patterns as Chromium does', () => {
  it('by scheme, host (with subdomains for *.) and path', () => {
    assert.equal(matchesUrlPattern('https://*.ytimg.com/*', 'https://i.ytimg.com/vi/x.jpg'), true)
    assert.equal(matchesUrlPattern('https://*.ytimg.com/*', 'https://ytimg.com/'), true)
    assert.equal(matchesUrlPattern('https://*.ytimg.com/*', 'https://ytimg.com.evil.example/'), false)
    assert.equal(matchesUrlPattern('https://www.youtube.com/*', 'http://www.youtube.com/'), false)
    assert.equal(matchesUrlPattern('https://www.youtube.com/embed/*', 'https://www.youtube.com/watch?v=1'), false)
  })
})
