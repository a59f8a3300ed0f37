import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { HostBridge } from '../shared/api/contract'
import { problemsFor } from '../shared/lint/problems'
import { createHostServices } from '../electron/host/host-services'
import { createController } from '../renderer/state/controller'
import { copyEpisode, copyWritableSync, corpusDir, episodesDir } from './helpers/corpus'
import { ManualClock } from './helpers/fake-host'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until `seen()` holds (the watch, its debounce and the page's reading again have run), or
 * 5 s: a loaded machine delays them past any fixed pause; the assertions after it still fail when
 * the change is never picked up.
 */
async function until(seen: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !seen() && Date.now() < end; ) await pause(50)
}
const EPISODE = 'building-data-team.md'
const LIST = 's01e03-building-ds-team.txt'
const GLOSSARY = '_data/transcript-glossary.yml'

/**
 * A site checkout (`_podcast/` with one episode, `_people/`, `podcast-timestamps/` and, unless
 * told otherwise, a glossary in `_data/`), opened by the page's controller over the real host services, with the episode open.
 */
async function openSiteWithEpisode(name: string, options: { glossary: boolean } = { glossary: true }) {
  const site = await mkdtemp(join(tmpdir(), `${name}-`))
  await mkdir(join(site, '_podcast'))
  await copyEpisode(join(episodesDir, EPISODE), join(site, '_podcast', EPISODE))
  copyWritableSync(join(corpusDir!, 'site', '_people'), join(site, '_people'))
  copyWritableSync(join(corpusDir!, 'site', 'podcast-timestamps'), join(site, 'podcast-timestamps'))
  if (options.glossary) {
    await mkdir(join(site, '_data'))
    await writeFile(join(site, GLOSSARY), 'Grafana: [Grifana]\n')
  }
  const services = createHostServices({ dataDir: join(site, '.data'), watchDebounceMs: 40 })
  await services.openPath(site)
  const bridge: HostBridge = { ...services, openFileDialog: async () => null, openFolderDialog: async () => null, pickMediaForEpisode: async () => null }
  const controller = createController(bridge, { schedule: new ManualClock().schedule })
  await controller.start()
  const listed = () => controller.store.getState().workspace!.files.find((f) => f.relPath.endsWith(EPISODE))!
  await controller.openFile(listed().handle)
  await pause(300)
  const header = () => {
    const state = controller.store.getState()
    return problemsFor(state.session!.editor.doc, state.lintContext)
  }
  const done = async () => {
    controller.dispose()
    await services.close()
    await rm(site, { recursive: true, force: true })
  }
  return { site, controller, listed, header, done }
}

describe('what the checks know, changed by another program', { skip: corpusDir === null && 'needs the shared corpus' }, () => {
  it('a glossary edited elsewhere is used by the open episode and by the list', async () => {
    const { site, controller, listed, header, done } = await openSiteWithEpisode('glossary-watch')
    try {
      const before = header().filter((p) => p.code === 'misspelling').length
      assert.equal(listed().problems, header().length)
      // "Accenture" is in the episode's transcript: call it a misspelling of a made-up term.
      await writeFile(join(site, GLOSSARY), 'Grafana: [Grifana]\nAxenture: [Accenture]\n')
      await until(() => header().filter((p) => p.code === 'misspelling').length > before && listed().problems === header().length)
      assert.equal(controller.store.getState().glossary.glossary?.terms.some((t) => t.term === 'Axenture'), true, 'the page read the glossary again')
      const after = header().filter((p) => p.code === 'misspelling').length
      assert.ok(after > before, `the open episode is checked with the new term (${before} → ${after})`)
      assert.equal(listed().problems, header().length, 'and the list counts it too')
    } finally {
      await done()
    }
  })

  it('a glossary made elsewhere in a checkout that had no _data/ folder is used too, and so are its later edits', async () => {
    const { site, controller, listed, header, done } = await openSiteWithEpisode('glossary-made', { glossary: false })
    try {
      const hits = () => header().filter((p) => p.code === 'misspelling').length
      assert.equal(hits(), 0)
      await mkdir(join(site, '_data'))
      await writeFile(join(site, GLOSSARY), 'Axenture: [Accenture]\n')
      await until(() => hits() > 0 && listed().problems === header().length)
      assert.ok(hits() > 0, 'the new glossary is read')
      assert.equal(listed().problems, header().length, 'and the list counts it')
      const first = hits()
      await writeFile(join(site, GLOSSARY), 'Axenture: [Accenture]\nSparkk: [Spark]\n')
      await until(() => hits() > first)
      assert.ok(hits() > first, `a later edit is read too (${first} → ${hits()})`)
      assert.equal(controller.store.getState().glossary.glossary?.terms.length, 2)
    } finally {
      await done()
    }
  })

  it('a chapter list edited elsewhere is checked against the open episode’s sections again', async () => {
    const { site, listed, header, done } = await openSiteWithEpisode('chapters-watch')
    try {
      const mismatch = () => header().find((p) => p.code === 'chapter-list-mismatch')?.message
      assert.equal(mismatch(), undefined, 'the list holds the sections')
      const path = join(site, 'podcast-timestamps', LIST)
      const text = await readFile(path, 'utf8')
      assert.match(text, /^00:02:06 Guest Overview & Career Snapshot$/m)
      await writeFile(path, text.replace('Guest Overview & Career Snapshot', 'Guest Overview and Career'))
      await until(() => mismatch() !== undefined && listed().problems === header().length)
      assert.match(mismatch() ?? '', /chapter 2 is "Guest Overview and Career"/, 'the open episode is checked against the changed list')
      assert.equal(listed().problems, header().length, 'and the list counts it too')
    } finally {
      await done()
    }
  })

  it('a person’s name edited in place in _people/ is known at once', async () => {
    const { site, controller, done } = await openSiteWithEpisode('people-watch')
    try {
      const name = () => controller.store.getState().speakers.people.get('16rahuljain')
      assert.equal(name(), 'Rahul Jain')
      const path = join(site, '_people', '16rahuljain.md')
      // Written in place (not a new file renamed over it): the folder's own time does not change.
      await writeFile(path, (await readFile(path, 'utf8')).replace('title: "Rahul Jain"', 'title: "Rahul K. Jain"'))
      await until(() => name() === 'Rahul K. Jain')
      assert.equal(name(), 'Rahul K. Jain')
    } finally {
      await done()
    }
  })
})
