import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { parseRange, serveMediaFile } from '../electron/host/media-range'

/** A 1 MiB file whose every byte is its offset mod 251, so any slice can be checked. */
const size = 1024 * 1024
const bytes = Uint8Array.from({ length: size }, (_, i) => i % 251)
let dir = ''
let file = ''

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'te-media-'))
  file = join(dir, 'episode.mp3')
  await writeFile(file, bytes)
})
after(() => rm(dir, { recursive: true, force: true }))

async function body(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer())
}

describe('parseRange reads one byte range against the file size', () => {
  test('no header, or a form we do not serve in parts, is the whole file', () => {
    assert.deepEqual(parseRange(undefined, 100), { kind: 'whole' })
    assert.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'whole' })
    assert.deepEqual(parseRange('items=0-5', 100), { kind: 'whole' })
  })
  test('closed, open-ended and suffix ranges', () => {
    assert.deepEqual(parseRange('bytes=10-19', 100), { kind: 'partial', start: 10, end: 19 })
    assert.deepEqual(parseRange('bytes=90-', 100), { kind: 'partial', start: 90, end: 99 })
    assert.deepEqual(parseRange('bytes=-5', 100), { kind: 'partial', start: 95, end: 99 })
    assert.deepEqual(parseRange('bytes=-500', 100), { kind: 'partial', start: 0, end: 99 })
  })
  test('an end past the file is clipped; a start past it is unsatisfiable', () => {
    assert.deepEqual(parseRange('bytes=50-1000', 100), { kind: 'partial', start: 50, end: 99 })
    assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' })
    assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' })
  })
})

describe('serveMediaFile answers range requests on a real file', () => {
  test('without a range: 200, the whole file, and Accept-Ranges', async () => {
    const response = await serveMediaFile(file, null)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('accept-ranges'), 'bytes')
    assert.equal(response.headers.get('content-type'), 'audio/mpeg')
    assert.equal(response.headers.get('content-length'), String(size))
    assert.deepEqual(await body(response), bytes)
  })
  test('a range in the middle (a seek): 206 with Content-Range and exactly those bytes', async () => {
    const response = await serveMediaFile(file, 'bytes=500000-500999')
    assert.equal(response.status, 206)
    assert.equal(response.headers.get('content-range'), `bytes 500000-500999/${size}`)
    assert.equal(response.headers.get('content-length'), '1000')
    assert.deepEqual(await body(response), bytes.slice(500000, 501000))
  })
  test('a suffix range gives the last bytes', async () => {
    const response = await serveMediaFile(file, 'bytes=-10')
    assert.equal(response.status, 206)
    assert.equal(response.headers.get('content-range'), `bytes ${size - 10}-${size - 1}/${size}`)
    assert.deepEqual(await body(response), bytes.slice(size - 10))
  })
  test('a range past the end: 416 with the size', async () => {
    const response = await serveMediaFile(file, `bytes=${size}-`)
    assert.equal(response.status, 416)
    assert.equal(response.headers.get('content-range'), `bytes */${size}`)
  })
  test('HEAD says the length without a body', async () => {
    const response = await serveMediaFile(file, 'bytes=0-99', 'HEAD')
    assert.equal(response.status, 206)
    assert.equal(response.headers.get('content-length'), '100')
    assert.equal(response.body, null)
  })
  test('a folder is refused', async () => {
    await assert.rejects(serveMediaFile(dir, null), /not a regular file/)
  })
})
