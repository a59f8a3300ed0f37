import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { bindHostApi, dispatchHostCall } from '../electron/host/host-dispatch'
import { createHostServices, type HostServices } from '../electron/host/host-services'
import { copyEpisode, copyWritableSync, corpusDir, episodesDir } from './helpers/corpus'

const episodes = ['data-interview-behavioral-and-portfolio-prep-guide.md', 'building-data-team.md', 'mlops-kubeflow-model-monitoring.md']

let scratch: string
let site: string
const opened: HostServices[] = []

/** Host services over a fresh data folder, closed after the tests. */
function host(): HostServices {
  const services = createHostServices({ dataDir: join(scratch, `data-${opened.length}`), watchDebounceMs: 20 })
  opened.push(services)
  return services
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'site-context-'))
  // A site checkout as editors clone it: episodes, people, chapter lists and other pages.
  site = join(scratch, 'site')
  await mkdir(join(site, '_podcast'), { recursive: true })
  for (const name of episodes) await copyEpisode(join(episodesDir, name), join(site, '_podcast', name))
  copyWritableSync(join(corpusDir!, 'site', '_people'), join(site, '_people'))
  copyWritableSync(join(corpusDir!, 'site', 'podcast-timestamps'), join(site, 'podcast-timestamps'))
  await mkdir(join(site, '_data'))
})

after(async () => {
  for (const services of opened) await services.close()
  await rm(scratch, { recursive: true, force: true })
})

describe('opening a site checkout', { skip: corpusDir === null ? 'needs ../shared/corpus/site' : false }, () => {
  it('lists only the episodes of _podcast/ when the checkout root is opened, not the person files', async () => {
    const services = host()
    const workspace = await services.openPath(site)
    assert.equal(workspace.root, site)
    assert.deepEqual(workspace.files.map((f) => f.relPath), episodes.map((n) => `_podcast/${n}`).sort())
  })

  it('gives the people by display name and the host speaker', async () => {
    const services = host()
    await services.openPath(site)
    const context = await services.getSiteContext()
    assert.equal(context.site, true)
    assert.equal(context.root, site)
    assert.equal(context.host, 'Alexey')
    const names = new Map(context.people.map((p) => [p.id, p.name]))
    assert.equal(names.get('nicksingh'), 'Nick Singh')
    assert.equal(names.get('theofilospapapanagiotou'), 'Theofilos Papapanagiotou')
    const personFiles = (await readdir(join(site, '_people'))).filter((f) => f.endsWith('.md') && !f.startsWith('_'))
    assert.ok(context.people.length > 400 && context.people.length <= personFiles.length)
  })

  it('finds the checkout from its _podcast/ folder too', async () => {
    const services = host()
    const workspace = await services.openPath(join(site, '_podcast'))
    assert.equal(workspace.files.length, episodes.length)
    const context = await services.getSiteContext()
    assert.equal(context.site, true)
    assert.equal(context.root, site)
    assert.ok(context.people.some((p) => p.id === 'nicksingh'))
  })

  it('says a plain folder of episodes is no checkout, and still names its host', async () => {
    const plain = join(scratch, 'plain')
    await mkdir(plain)
    for (const name of episodes) await copyEpisode(join(episodesDir, name), join(plain, name))
    const services = host()
    await services.openPath(plain)
    assert.deepEqual(await services.getSiteContext(), { site: false, root: null, people: [], host: 'Alexey' })
  })

  it('knows the people when a single episode of the checkout is open, but names no host from one episode', async () => {
    const services = host()
    await services.openPath(join(site, '_podcast', episodes[0]!))
    const context = await services.getSiteContext()
    assert.equal(context.site, true)
    assert.ok(context.people.some((p) => p.id === 'nicksingh'))
    assert.equal(context.host, null)
  })

  it('is a contract call without arguments', async () => {
    const services = host()
    await services.openPath(site)
    const api = bindHostApi(services)
    const outcome = await dispatchHostCall(api, 'getSiteContext', [])
    assert.ok(outcome.ok && (outcome.value as { site: boolean }).site)
    const refused = await dispatchHostCall(api, 'getSiteContext', ['/etc'])
    assert.ok(!refused.ok && refused.error.code === 'invalid-arguments')
  })
})
