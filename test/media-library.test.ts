import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, readFile, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { EpisodeMedia } from '../shared/api/contract'
import { HostError } from '../electron/host/errors'
import { bindHostApi, dispatchHostCall } from '../electron/host/host-dispatch'
import { createHostServices, type HostServices } from '../electron/host/host-services'
import { servePickedMedia } from '../electron/host/media-serve'
import { episodesDir } from './helpers/corpus'

// The media library: the audio or video file picked for an episode is remembered per episode in
// the data folder, and only picked files are served, under tokens issued in this run.

const episodeNames = ['ab-testing-and-product-experimentation.md', 'crisp-dm.md']
const unknownHandle = `h${'0'.repeat(32)}`
const unknownToken = `m${'0'.repeat(32)}`
/** Bytes standing in for a recording: the library and the range server never decode them. */
const audioBytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251))

let scratch: string
before(async () => {
  // Real, so the paths compared below are the ones the host stores (macOS's /var is a link).
  scratch = await realpath(await mkdtemp(join(tmpdir(), 'media-library-')))
})
after(() => rm(scratch, { recursive: true, force: true }))

interface Setup {
  readonly folder: string
  readonly dataDir: string
  readonly media: string
  readonly episodes: readonly string[]
}

/** A folder with two episodes and a media folder holding `episode.mp3`, `interview.mp4` and `notes.txt`. */
async function setup(name: string): Promise<Setup> {
  const folder = join(scratch, name, '_podcast')
  const media = join(scratch, name, 'recordings')
  await mkdir(folder, { recursive: true })
  await mkdir(media, { recursive: true })
  for (const file of episodeNames) await copyFile(join(episodesDir, file), join(folder, file))
  await writeFile(join(media, 'episode.mp3'), audioBytes)
  await writeFile(join(media, 'interview.mp4'), audioBytes)
  await writeFile(join(media, 'notes.txt'), 'not media')
  return { folder, dataDir: join(scratch, name, 'data'), media, episodes: episodeNames.map((file) => join(folder, file)) }
}

function services(dataDir: string): HostServices {
  return createHostServices({ dataDir, watchDebounceMs: 40 })
}

async function openEpisode(host: HostServices, path: string): Promise<string> {
  const workspace = await host.openPath(path)
  assert.ok(workspace.opened, `${path} opened`)
  return workspace.opened
}

function tokenOf(media: EpisodeMedia): string {
  const match = /^\/media\/(m[0-9a-f]{32})$/.exec(media.mediaUrl)
  assert.ok(match, `an opaque media URL: ${media.mediaUrl}`)
  return match[1]!
}

const isHostError = (code: HostError['code'], message?: RegExp) => (error: unknown) =>
  error instanceof HostError && error.code === code && (message === undefined || message.test(error.message))

describe('the media library', () => {
  it('remembers a picked file per episode and serves it under an opaque token', async () => {
    const { dataDir, media, episodes } = await setup('pick')
    const host = services(dataDir)
    const first = await openEpisode(host, episodes[0]!)
    const second = await openEpisode(host, episodes[1]!)
    assert.equal(await host.getEpisodeMedia(first), null)

    const audio = await host.setEpisodeMedia(first, join(media, 'episode.mp3'))
    assert.equal(audio.name, 'episode.mp3')
    assert.equal(audio.kind, 'audio')
    assert.ok(!audio.mediaUrl.includes('episode'), 'the URL does not reveal the path')
    assert.deepEqual(await host.getEpisodeMedia(first), audio)
    assert.equal(host.mediaFileOf(tokenOf(audio)), join(media, 'episode.mp3'))

    const video = await host.setEpisodeMedia(second, join(media, 'interview.mp4'))
    assert.equal(video.kind, 'video')
    assert.notEqual(tokenOf(video), tokenOf(audio))
    assert.deepEqual(await host.getEpisodeMedia(first), audio, 'each episode keeps its own pick')
    await host.close()
  })

  it('keeps the pick in the data folder, never in the episode file', async () => {
    const { dataDir, media, episodes } = await setup('where')
    const before = await readFile(episodes[0]!)
    const host = services(dataDir)
    await host.setEpisodeMedia(await openEpisode(host, episodes[0]!), join(media, 'episode.mp3'))
    assert.deepEqual(await readFile(episodes[0]!), before)
    const stored = JSON.parse(await readFile(join(dataDir, 'media.json'), 'utf8')) as { episodes: Record<string, string> }
    assert.deepEqual(stored.episodes, { [episodes[0]!]: join(media, 'episode.mp3') })
    await host.close()
  })

  it('remembers the pick across a restart of the services, under a new token', async () => {
    const { dataDir, media, episodes } = await setup('restart')
    const host = services(dataDir)
    const picked = await host.setEpisodeMedia(await openEpisode(host, episodes[0]!), join(media, 'episode.mp3'))
    await host.close()

    const again = services(dataDir)
    const handle = await openEpisode(again, episodes[0]!)
    const remembered = await again.getEpisodeMedia(handle)
    assert.ok(remembered)
    assert.equal(remembered.name, 'episode.mp3')
    assert.equal(again.mediaFileOf(tokenOf(remembered)), join(media, 'episode.mp3'))
    assert.throws(() => again.mediaFileOf(tokenOf(picked)), isHostError('refused'), "the last run's token is void")
    assert.equal(await again.getEpisodeMedia(await openEpisode(again, episodes[1]!)), null)
    await again.close()
  })

  it('forgets the pick of one episode only', async () => {
    const { dataDir, media, episodes } = await setup('forget')
    const host = services(dataDir)
    const first = await openEpisode(host, episodes[0]!)
    const second = await openEpisode(host, episodes[1]!)
    await host.setEpisodeMedia(first, join(media, 'episode.mp3'))
    await host.setEpisodeMedia(second, join(media, 'interview.mp4'))
    await host.forgetEpisodeMedia(first)
    assert.equal(await host.getEpisodeMedia(first), null)
    assert.equal((await host.getEpisodeMedia(second))?.name, 'interview.mp4')
    await host.close()
    const again = services(dataDir)
    assert.equal(await again.getEpisodeMedia(await openEpisode(again, episodes[0]!)), null)
    await again.close()
  })

  it('reports a remembered file that was deleted plainly, and keeps the pick', async () => {
    const { dataDir, media, episodes } = await setup('deleted')
    const host = services(dataDir)
    const handle = await openEpisode(host, episodes[0]!)
    const picked = await host.setEpisodeMedia(handle, join(media, 'episode.mp3'))
    await unlink(join(media, 'episode.mp3'))
    const gone = new RegExp(`${join(media, 'episode.mp3').replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}, does not exist \\(moved or deleted\\?\\)`)
    await assert.rejects(host.getEpisodeMedia(handle), isHostError('not-found', gone))
    const response = await servePickedMedia(host, tokenOf(picked), null, 'GET')
    assert.equal(response.status, 404)
    assert.match(await response.text(), /no longer exists/)
    // Put back (a drive mounted again), it plays again.
    await writeFile(join(media, 'episode.mp3'), audioBytes)
    assert.equal((await host.getEpisodeMedia(handle))?.name, 'episode.mp3')
    await host.close()
  })

  it('refuses unknown episode handles, relative paths, missing files and files that are not media', async () => {
    const { dataDir, media, episodes } = await setup('refusals')
    const host = services(dataDir)
    const handle = await openEpisode(host, episodes[0]!)
    await assert.rejects(host.getEpisodeMedia(unknownHandle), isHostError('refused'))
    await assert.rejects(host.setEpisodeMedia(unknownHandle, join(media, 'episode.mp3')), isHostError('refused'))
    await assert.rejects(host.forgetEpisodeMedia(unknownHandle), isHostError('refused'))
    await assert.rejects(host.setEpisodeMedia(handle, 'recordings/episode.mp3'), isHostError('invalid-arguments', /full path/))
    await assert.rejects(host.setEpisodeMedia(handle, join(media, 'nothing.mp3')), isHostError('not-found', /does not exist/))
    await assert.rejects(host.setEpisodeMedia(handle, join(media, 'notes.txt')), isHostError('refused', /not an audio or video file/))
    await assert.rejects(host.setEpisodeMedia(handle, episodes[1]!), isHostError('refused', /not an audio or video file/))
    await assert.rejects(host.setEpisodeMedia(handle, media), isHostError('refused', /not a file/))
    assert.equal(await host.getEpisodeMedia(handle), null, 'nothing was remembered')
    assert.equal(existsSync(join(dataDir, 'media.json')), false, 'nothing was written')
    await host.close()
  })

  it('stores the real path of a file picked through a link, and refuses it once the link is swapped', async () => {
    const { dataDir, media, episodes } = await setup('links')
    const host = services(dataDir)
    const handle = await openEpisode(host, episodes[0]!)
    await symlink(join(media, 'episode.mp3'), join(media, 'link.mp3'))
    const picked = await host.setEpisodeMedia(handle, join(media, 'link.mp3'))
    assert.equal(picked.name, 'episode.mp3')
    assert.equal(host.mediaFileOf(tokenOf(picked)), join(media, 'episode.mp3'))
    // The picked file replaced by a link to another file is not served.
    await unlink(join(media, 'episode.mp3'))
    await symlink(join(media, 'notes.txt'), join(media, 'episode.mp3'))
    const response = await servePickedMedia(host, tokenOf(picked), null, 'GET')
    assert.equal(response.status, 403)
    assert.doesNotMatch(await response.text(), /not media/)
    await host.close()
  })
})

describe('serving picked media', () => {
  it('answers ranges of a picked file only, and 404 for any other token', async () => {
    const { dataDir, media, episodes } = await setup('serve')
    const host = services(dataDir)
    const picked = await host.setEpisodeMedia(await openEpisode(host, episodes[0]!), join(media, 'episode.mp3'))
    const partial = await servePickedMedia(host, tokenOf(picked), 'bytes=100-199', 'GET')
    assert.equal(partial.status, 206)
    assert.equal(partial.headers.get('content-range'), 'bytes 100-199/1000')
    assert.equal(partial.headers.get('content-type'), 'audio/mpeg')
    assert.deepEqual(Buffer.from(await partial.arrayBuffer()), audioBytes.subarray(100, 200))
    assert.equal((await servePickedMedia(host, tokenOf(picked), 'bytes=5000-', 'GET')).status, 416)
    for (const token of [unknownToken, 'h' + '0'.repeat(32), '../episode.mp3', join(media, 'episode.mp3'), '']) {
      const refused = await servePickedMedia(host, token, null, 'GET')
      assert.equal(refused.status, 404, token)
      assert.doesNotMatch(await refused.text(), /[\x00-\x08]/, token)
    }
    assert.equal((await servePickedMedia(host, tokenOf(picked), null, 'POST')).status, 405)
    await host.close()
  })
})

describe('the media calls of the contract', () => {
  it('in browser mode (no dialogs) refuses to pick, with what to do instead', async () => {
    const { dataDir, episodes } = await setup('browser-api')
    const host = services(dataDir)
    const api = bindHostApi(host)
    const handle = await openEpisode(host, episodes[0]!)
    const outcome = await dispatchHostCall(api, 'pickMediaForEpisode', [handle])
    assert.equal(outcome.ok, false)
    assert.equal(!outcome.ok && outcome.error.code, 'refused')
    assert.match(!outcome.ok ? outcome.error.message : '', /drop the audio or video file on the player.*--media FILE/)
    await host.close()
  })

  it('with a native picker (desktop), remembers the chosen file; a cancelled pick changes nothing', async () => {
    const { dataDir, media, episodes } = await setup('desktop-api')
    const host = services(dataDir)
    const answers: (string | null)[] = [join(media, 'episode.mp3'), null]
    const api = bindHostApi(host, { pickFile: async () => null, pickFolder: async () => null, pickMedia: async () => answers.shift() ?? null })
    const handle = await openEpisode(host, episodes[0]!)
    const picked = await dispatchHostCall(api, 'pickMediaForEpisode', [handle])
    assert.equal(picked.ok && (picked.value as EpisodeMedia).name, 'episode.mp3')
    assert.deepEqual(await dispatchHostCall(api, 'pickMediaForEpisode', [handle]), { ok: true, value: null })
    assert.deepEqual(await dispatchHostCall(api, 'getEpisodeMedia', [handle]), picked)
    assert.deepEqual(await dispatchHostCall(api, 'forgetEpisodeMedia', [handle]), { ok: true, value: null })
    assert.deepEqual(await dispatchHostCall(api, 'getEpisodeMedia', [handle]), { ok: true, value: null })
    await host.close()
  })

  it('takes only handles: paths and media tokens are invalid arguments', async () => {
    const { dataDir, media } = await setup('validation')
    const host = services(dataDir)
    const api = bindHostApi(host)
    for (const method of ['getEpisodeMedia', 'pickMediaForEpisode', 'forgetEpisodeMedia']) {
      for (const args of [[join(media, 'episode.mp3')], [unknownToken], [], [unknownHandle, join(media, 'episode.mp3')]]) {
        const outcome = await dispatchHostCall(api, method, args)
        assert.equal(!outcome.ok && outcome.error.code, 'invalid-arguments', `${method} ${JSON.stringify(args)}`)
      }
      const unknown = await dispatchHostCall(api, method, [unknownHandle])
      assert.equal(!unknown.ok && unknown.error.code, 'refused', `${method} of a handle not issued`)
    }
    await host.close()
  })
})
