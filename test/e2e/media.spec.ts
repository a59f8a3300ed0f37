import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import type { EpisodeMedia, Workspace } from '../../shared/api/contract'
import { startServer, type RunningServer } from '../../electron/server/serve'
import { episodesDir } from '../helpers/corpus'
import { spokenAudio } from '../helpers/spoken-audio'
import { rendererDir } from './helpers/workspace'

// Browser mode in real Chromium: the page plays the recording remembered for an episode from
// its opaque /media/ URL (the cookie is the only credential; seeking makes Range requests),
// and the page's CSP lets exactly YouTube's player into frames.

const episodeName = 'crisp-dm.md'

let root: string
let server: RunningServer
let wavBytes: Buffer

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'transcript-editor-e2e-media-'))
  await copyFile(join(episodesDir, episodeName), join(root, episodeName))
  const recording = await spokenAudio(join(root, 'recordings'), 'crisp-dm.wav', 'Welcome to DataTalks Club. Today we talk about CRISP DM, a process for data projects.')
  wavBytes = await readFile(recording)
  server = await startServer({ dataDir: join(root, 'data'), rendererDir, openPath: join(root, episodeName), media: recording })
})

test.afterEach(async () => {
  await server.close()
  await rm(root, { recursive: true, force: true })
})

test('the page plays and seeks the recording remembered for the episode, by Range requests', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') violations.push(message.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))
  })
  const ranges: string[] = []
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/media/')) ranges.push(request.headers()['range'] ?? 'none')
  })
  await page.goto(server.url)

  const media = await page.evaluate(async (name) => {
    const post = async (method: string, args: unknown[]) =>
      (await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args) })).json()
    const workspace = (await post('getWorkspace', [])) as Workspace
    const handle = workspace.files.find((file) => file.relPath === name)!.handle
    return (await post('getEpisodeMedia', [handle])) as EpisodeMedia
  }, episodeName)
  expect(media.name).toBe('crisp-dm.wav')
  expect(media.mediaUrl).toMatch(/^\/media\/m[0-9a-f]{32}$/)

  // 16-bit mono PCM after a 44-byte header, at the rate the WAV header gives.
  const expectedDuration = (wavBytes.length - 44) / (wavBytes.readUInt32LE(24) * 2)
  const played = await page.evaluate(async (url) => {
    const audio = new Audio(url)
    audio.preload = 'auto'
    await new Promise((resolve, reject) => {
      audio.addEventListener('loadedmetadata', resolve, { once: true })
      audio.addEventListener('error', () => reject(new Error(`media error ${audio.error?.code}`)), { once: true })
    })
    const seekTo = audio.duration - 0.5
    audio.currentTime = seekTo
    await new Promise((resolve) => audio.addEventListener('seeked', resolve, { once: true }))
    return { duration: audio.duration, currentTime: audio.currentTime, seekTo }
  }, media.mediaUrl)
  expect(played.duration).toBeGreaterThan(2)
  expect(Math.abs(played.duration - expectedDuration)).toBeLessThan(0.1)
  expect(Math.abs(played.currentTime - played.seekTo)).toBeLessThan(0.1)
  expect(ranges.length, 'the media element asked for the file').toBeGreaterThan(0)
  expect(ranges.every((range) => range.startsWith('bytes=')), `Range on every media request: ${ranges.join(', ')}`).toBe(true)
  expect(violations).toEqual([])
})

test("the CSP admits YouTube's player in a frame and no other site", async ({ page }) => {
  await page.route(/^https:\/\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' }))
  await page.goto(server.url)
  const blocked = await page.evaluate(async () => {
    const seen: string[] = []
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`))
    for (const src of ['https://www.youtube-nocookie.com/embed/x', 'https://www.youtube.com/embed/x', 'https://example.com/', 'https://evil.youtube.com/embed/x']) {
      const frame = document.createElement('iframe')
      frame.src = src
      document.body.append(frame)
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
    return seen
  })
  // Reported by origin, once by the header's policy and once by the page's meta policy.
  expect([...new Set(blocked)].sort()).toEqual(['frame-src https://evil.youtube.com', 'frame-src https://example.com'])
})
