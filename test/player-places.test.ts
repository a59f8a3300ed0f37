import assert from 'node:assert/strict'
import { copyFile, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { PlayerPlace } from '../shared/api/contract'
import { bindHostApi, dispatchHostCall } from '../electron/host/host-dispatch'
import { createHostServices, type HostServices } from '../electron/host/host-services'
import { episodesDir } from './helpers/corpus'

// Where listening to each episode stood is kept by the host in its data folder, so it comes back in a later run.

const episodeNames = ['ab-testing-and-product-experimentation.md', 'crisp-dm.md']
const unknownHandle = `h${'0'.repeat(32)}`
const place: PlayerPlace = { time: 83.4, follow: false, rate: 1.5, source: 'recording' }

let scratch: string
before(async () => {
  scratch = await realpath(await mkdtemp(join(tmpdir(), 'player-places-')))
})
after(() => rm(scratch, { recursive: true, force: true }))

async function setup(name: string) {
  const folder = join(scratch, name, '_podcast')
  await mkdir(folder, { recursive: true })
  for (const file of episodeNames) await copyFile(join(episodesDir, file), join(folder, file))
  return { folder, dataDir: join(scratch, name, 'data') }
}

function services(dataDir: string): HostServices {
  return createHostServices({ dataDir, watchDebounceMs: 40 })
}

async function handlesOf(host: HostServices, folder: string): Promise<string[]> {
  const workspace = await host.openPath(folder)
  return episodeNames.map((name) => workspace.files.find((f) => f.relPath === name)!.handle)
}

describe('player places', () => {
  it('come back in a new run over the same data folder, per episode, by its real path (handles change)', async () => {
    const { folder, dataDir } = await setup('runs')
    const first = services(dataDir)
    const [a, b] = await handlesOf(first, folder)
    assert.equal(await first.getPlayerPlace(a!), null, 'nothing kept before')
    await first.setPlayerPlace(a!, place)
    await first.setPlayerPlace(b!, { time: 12, follow: true, rate: 1, source: 'youtube' })
    await first.setPlayerPlace(a!, { ...place, time: 90 })
    await first.close()

    const second = services(dataDir)
    const [a2, b2] = await handlesOf(second, folder)
    assert.notEqual(a2, a, 'a new run issues new handles')
    assert.deepEqual(await second.getPlayerPlace(a2!), { ...place, time: 90 })
    assert.deepEqual(await second.getPlayerPlace(b2!), { time: 12, follow: true, rate: 1, source: 'youtube' })
    const stored = JSON.parse(await readFile(join(dataDir, 'player-places.json'), 'utf8'))
    assert.deepEqual(Object.keys(stored.episodes).sort(), episodeNames.map((name) => join(folder, name)).sort())
    assert.deepEqual(await readdir(dataDir).then((names) => names.filter((n) => n.includes('.tmp'))), [], 'written atomically: no temp file left')
    await second.close()
  })

  it('keeps every place of writes made at once (one write at a time), and reads a damaged file as none', async () => {
    const { folder, dataDir } = await setup('concurrent')
    const host = services(dataDir)
    const [a, b] = await handlesOf(host, folder)
    await Promise.all([host.setPlayerPlace(a!, place), host.setPlayerPlace(b!, { ...place, time: 5 })])
    assert.equal((await host.getPlayerPlace(a!))?.time, 83.4)
    assert.equal((await host.getPlayerPlace(b!))?.time, 5)
    await writeFile(join(dataDir, 'player-places.json'), '{"episodes": {"x": ')
    assert.equal(await host.getPlayerPlace(a!), null)
    await host.setPlayerPlace(a!, place)
    assert.deepEqual(await host.getPlayerPlace(a!), place, 'the next write replaces the damaged file')
    await host.close()
  })

  it('takes only issued handles and well-formed places through the contract', async () => {
    const { folder, dataDir } = await setup('validation')
    const host = services(dataDir)
    const api = bindHostApi(host)
    const [a] = await handlesOf(host, folder)
    assert.deepEqual(await dispatchHostCall(api, 'setPlayerPlace', [a, place]), { ok: true, value: null })
    assert.deepEqual(await dispatchHostCall(api, 'getPlayerPlace', [a]), { ok: true, value: place })
    const bad: unknown[][] = [
      [a],
      [join(folder, episodeNames[0]!), place],
      [a, { ...place, time: -1 }],
      [a, { ...place, time: Number.NaN }],
      [a, { ...place, time: '12' }],
      [a, { ...place, rate: 10 }],
      [a, { ...place, follow: 'yes' }],
      [a, { ...place, source: 'file' }],
      [a, { ...place, path: '/etc/passwd' }],
      [a, null],
      [a, place, place],
    ]
    for (const args of bad) {
      const outcome = await dispatchHostCall(api, 'setPlayerPlace', args)
      assert.equal(!outcome.ok && outcome.error.code, 'invalid-arguments', JSON.stringify(args))
    }
    const unknown = await dispatchHostCall(api, 'getPlayerPlace', [unknownHandle])
    assert.equal(!unknown.ok && unknown.error.code, 'refused', 'a handle the host did not issue')
    await host.close()
  })
})
