import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { EpisodeMedia, Workspace } from '../shared/api/contract'
import { parseServeArgs, startServer, type RunningServer } from '../electron/server/serve'
import { copyEpisode, episodesDir } from './helpers/corpus'
import { spokenAudio } from './helpers/spoken-audio'

// Browser mode plays the file picked for an episode from `/media/<token>`, behind the same
// guard as `/api/`, with Range requests answered as a media element makes them.

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const episodeName = 'crisp-dm.md'

let scratch: string
let episode: string
let recording: string
let recordingBytes: Buffer

interface Reply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: Buffer
}

/** A raw HTTP GET (or other method) to 127.0.0.1:port; the path is sent as given. */
function send(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Calls a host method over HTTP with the token header, as the browser bridge does. */
async function call<T>(port: number, token: string, method: string, args: unknown[]): Promise<T> {
  const reply = await send(port, `/api/${method}`, { 'X-Transcript-Token': token, 'Content-Type': 'application/json' }, 'POST', JSON.stringify(args))
  assert.equal(reply.status, 200, reply.body.toString())
  return JSON.parse(reply.body.toString()) as T
}

/** The media of the episode the server opened, through the contract. */
async function episodeMedia(port: number, token: string): Promise<EpisodeMedia> {
  const workspace = await call<Workspace>(port, token, 'getWorkspace', [])
  const file = workspace.files.find((f) => f.relPath === episodeName)
  assert.ok(file, 'the episode is open')
  const media = await call<EpisodeMedia | null>(port, token, 'getEpisodeMedia', [file.handle])
  assert.ok(media, 'the recording is remembered for the episode')
  return media
}

before(async () => {
  scratch = await realpath(await mkdtemp(join(tmpdir(), 'browser-media-')))
  await mkdir(join(scratch, 'site'), { recursive: true })
  episode = join(scratch, 'site', episodeName)
  await copyEpisode(join(episodesDir, episodeName), episode)
  recording = await spokenAudio(join(scratch, 'recordings'), 'crisp-dm.wav', 'Welcome to DataTalks Club. Today we talk about CRISP DM.')
  recordingBytes = await readFile(recording)
  await writeFile(join(scratch, 'secret.txt'), 'not media')
})
after(() => rm(scratch, { recursive: true, force: true }))

describe('/media/<token> in browser mode', () => {
  let server: RunningServer
  let cookie: Record<string, string>
  let mediaPath: string
  before(async () => {
    server = await startServer({ dataDir: join(scratch, 'data'), rendererDir: join(scratch, 'no-renderer'), openPath: episode, media: recording })
    cookie = { Cookie: `transcript-editor-${server.port}=${server.token}` }
    const media = await episodeMedia(server.port, server.token)
    assert.deepEqual({ name: media.name, kind: media.kind }, { name: 'crisp-dm.wav', kind: 'audio' })
    assert.match(media.mediaUrl, /^\/media\/m[0-9a-f]{32}$/)
    mediaPath = media.mediaUrl
  })
  after(() => server.close())

  it('answers a range with 206, Content-Range and exactly those bytes of the real recording', async () => {
    assert.ok(recordingBytes.length > 10_000, 'espeak-ng made a real recording')
    const reply = await send(server.port, mediaPath, { ...cookie, Range: 'bytes=0-99' })
    assert.equal(reply.status, 206)
    assert.equal(reply.headers['content-range'], `bytes 0-99/${recordingBytes.length}`)
    assert.equal(reply.headers['content-type'], 'audio/wav')
    assert.equal(reply.headers['accept-ranges'], 'bytes')
    assert.deepEqual(reply.body, recordingBytes.subarray(0, 100))
    assert.equal(reply.body.subarray(0, 4).toString('latin1'), 'RIFF')

    const tail = await send(server.port, mediaPath, { ...cookie, Range: 'bytes=-500' })
    assert.equal(tail.status, 206)
    assert.deepEqual(tail.body, recordingBytes.subarray(recordingBytes.length - 500))
  })

  it('answers a range past the end with 416, and no range with the whole file', async () => {
    const past = await send(server.port, mediaPath, { ...cookie, Range: `bytes=${recordingBytes.length}-` })
    assert.equal(past.status, 416)
    assert.equal(past.headers['content-range'], `bytes */${recordingBytes.length}`)
    const whole = await send(server.port, mediaPath, cookie)
    assert.equal(whole.status, 200)
    assert.deepEqual(whole.body, recordingBytes)
  })

  it('is refused without the token or cookie, with a wrong one, from another origin or site', async () => {
    for (const headers of <Record<string, string>[]>[
      { Range: 'bytes=0-99' },
      { Cookie: `transcript-editor-${server.port}=nope`, Range: 'bytes=0-99' },
      { ...cookie, Origin: 'http://evil.example' },
      { ...cookie, 'Sec-Fetch-Site': 'cross-site' },
      { ...cookie, Host: `evil.example:${server.port}` },
    ]) {
      const reply = await send(server.port, mediaPath, headers)
      assert.equal(reply.status, 403, JSON.stringify(headers))
      assert.doesNotMatch(reply.body.toString('latin1'), /RIFF/)
    }
  })

  it('refuses tokens it did not issue and anything that is not a token, even with the cookie', async () => {
    for (const path of [
      `/media/m${'0'.repeat(32)}`,
      '/media/',
      '/media/../secret.txt',
      '/media/%2e%2e/secret.txt',
      `/media/${encodeURIComponent(join(scratch, 'secret.txt'))}`,
      `/media/${encodeURIComponent(recording)}`,
      `${mediaPath}/x`,
    ]) {
      const reply = await send(server.port, path, cookie)
      assert.ok([403, 404].includes(reply.status), `${path}: ${reply.status}`)
      assert.doesNotMatch(reply.body.toString('latin1'), /RIFF|not media/, path)
    }
    assert.equal((await send(server.port, mediaPath, cookie, 'POST')).status, 405)
  })
})

describe('transcript-editor serve EPISODE --media FILE', () => {
  it('reads --media, and refuses it without an episode', () => {
    assert.deepEqual(parseServeArgs(['site/ep.md', '--media', 'rec/ep.mp3'], '/home/me').media, '/home/me/rec/ep.mp3')
    assert.equal(parseServeArgs(['site/ep.md'], '/home/me').media, undefined)
    assert.throws(() => parseServeArgs(['--media', 'rec/ep.mp3'], '/home/me'), /--media needs the EPISODE/)
  })

  it('refuses a folder or a file that is not media before serving anything', async () => {
    await assert.rejects(
      startServer({ dataDir: join(scratch, 'data-folder'), openPath: join(scratch, 'site'), media: recording }),
      /--media belongs to one episode/,
    )
    await assert.rejects(
      startServer({ dataDir: join(scratch, 'data-txt'), openPath: episode, media: join(scratch, 'secret.txt') }),
      /not an audio or video file/,
    )
  })

  it('opens the episode with the recording remembered for it, and plays it by range', async () => {
    const dataDir = join(scratch, 'data-cli')
    const child = spawn(process.execPath, ['bin/transcript-editor.js', 'serve', episode, '--media', recording, '--data-dir', dataDir], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const url = await new Promise<URL>((resolve, reject) => {
        let output = ''
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          const line = output.split('\n').find((l) => l.startsWith('http://'))
          if (line) resolve(new URL(line))
        })
        child.on('exit', (code) => reject(new Error(`serve exited (${code})`)))
      })
      const port = Number(url.port)
      const token = url.searchParams.get('token')!
      const media = await episodeMedia(port, token)
      assert.equal(media.name, 'crisp-dm.wav')
      const reply = await send(port, media.mediaUrl, { 'X-Transcript-Token': token, Range: 'bytes=1000-1999' })
      assert.equal(reply.status, 206)
      assert.deepEqual(reply.body, recordingBytes.subarray(1000, 2000))
      const stored = JSON.parse(await readFile(join(dataDir, 'media.json'), 'utf8')) as { episodes: Record<string, string> }
      assert.deepEqual(stored.episodes, { [episode]: recording }, 'remembered in the data folder, for the next run')
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  })

  it('exits 2 with a plain message when the media file does not exist', async () => {
    const child = spawn(process.execPath, ['bin/transcript-editor.js', 'serve', episode, '--media', join(scratch, 'gone.mp3'), '--data-dir', join(scratch, 'data-gone')], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    assert.equal(code, 2)
    assert.match(stderr, /gone\.mp3 does not exist/)
  })
})
