import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { HostBridge } from '../shared/api/contract'
import { episodeDigest, parseEpisode, serializeEpisode } from '../shared/episode/index'
import { createHostServices } from '../electron/host/host-services'
import { createController } from '../renderer/state/controller'
import { problemsFor } from '../shared/lint/problems'
import { copyEpisode, episodesDir } from './helpers/corpus'
import { ManualClock } from './helpers/fake-host'

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, stdio: 'pipe' })
/** The git the tests run (a slow stand-in in front of it calls it). */
const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Waits until `ready` holds (a busy machine may take seconds), then `settle` ms more for any listing it would wrongly add. */
async function untilThenSettle(ready: () => boolean, settle = 400): Promise<void> {
  for (const start = Date.now(); !ready(); await pause(25)) if (Date.now() - start > 15_000) throw new Error('the change did not reach the list in 15 s')
  await pause(settle)
}
const names = ['crisp-dm.md', 'building-data-team.md', 'analytics-engineer-skills-tools.md']

/**
 * The page's controller over the real host services on a git checkout, counting how often the
 * host lists the episodes and runs git.
 */
async function openCheckout(name: string) {
  const root = await mkdtemp(join(tmpdir(), `${name}-`))
  const podcast = join(root, 'site', '_podcast')
  await mkdir(podcast, { recursive: true })
  for (const file of names) await copyEpisode(join(episodesDir, file), join(podcast, file))
  git(join(root, 'site'), 'init', '-q')
  git(join(root, 'site'), 'add', '.')
  git(join(root, 'site'), 'commit', '-qm', 'episodes')
  const counts = { listings: 0, gitRuns: 0 }
  const services = createHostServices({
    dataDir: join(root, 'data'),
    watchDebounceMs: 40,
    hooks: { onList: () => void counts.listings++, onGit: () => void counts.gitRuns++ },
  })
  await services.openPath(podcast)
  const bridge: HostBridge = { ...services, openFileDialog: async () => null, openFolderDialog: async () => null, pickMediaForEpisode: async () => null }
  const controller = createController(bridge, { schedule: new ManualClock().schedule })
  await controller.start()
  await pause(300)
  const reset = () => {
    counts.listings = 0
    counts.gitRuns = 0
  }
  const done = async () => {
    controller.dispose()
    await services.close()
    await rm(root, { recursive: true, force: true })
  }
  return { podcast, services, controller, counts, reset, done, site: join(root, 'site') }
}

describe('listing the episodes after a change on disk', () => {
  it('lists once and runs git status once per change of a file by another program', async () => {
    const { podcast, controller, counts, reset, done } = await openCheckout('one-listing')
    try {
      reset()
      const path = join(podcast, names[1]!)
      await writeFile(path, (await readFile(path, 'utf8')).replace(/^title: .*$/m, 'title: Changed elsewhere'))
      await untilThenSettle(() => controller.store.getState().workspace?.files.find((f) => f.relPath === names[1])?.title === 'Changed elsewhere')
      console.log(`an external change of an episode: ${counts.listings} listings, ${counts.gitRuns} git runs`)
      assert.equal(counts.listings, 1, 'the workspace and the site context share one listing')
      assert.equal(counts.gitRuns, 1, 'one git status, no second rev-parse')
      const file = controller.store.getState().workspace?.files.find((f) => f.relPath === names[1])
      assert.equal(file?.title, 'Changed elsewhere')
      assert.equal(file?.git, 'modified')

      // A change to an open episode: the host says the file changed, and that the list changed.
      await controller.openFile(file!.handle)
      reset()
      await writeFile(path, (await readFile(path, 'utf8')).replace(/^title: .*$/m, 'title: Changed again'))
      await untilThenSettle(() => controller.store.getState().workspace?.files.find((f) => f.relPath === names[1])?.title === 'Changed again' && counts.gitRuns > 0)
      console.log(`an external change of the open episode: ${counts.listings} listings, ${counts.gitRuns} git runs`)
      assert.match(serializeEpisode(controller.store.getState().session!.editor.doc), /^title: Changed again$/m, 'the clean open episode was reloaded')
      assert.equal(counts.listings, 1, 'one listing for the file change and the list change together')
      assert.equal(counts.gitRuns, 1)
    } finally {
      await done()
    }
  })

  it('asks git again only when something changed: not for a second look, but after our own save and a commit', async () => {
    const { services, counts, reset, done, site } = await openCheckout('git-cache')
    try {
      reset()
      await services.getWorkspace()
      await services.getSiteContext()
      assert.equal(counts.gitRuns, 0, 'nothing changed: git is not asked again')
      const handle = (await services.getWorkspace()).files.find((f) => f.relPath === names[0])!.handle
      const opened = await services.readFile(handle)
      const text = opened.text.replace(/^title: .*$/m, 'title: Saved here')
      const saved = await services.saveFile({ handle, text, baseHash: opened.hash, expectedDigest: episodeDigest(parseEpisode(text)) })
      assert.equal(saved.ok, true)
      const afterSave = await services.getWorkspace()
      assert.equal(afterSave.files.find((f) => f.relPath === names[0])?.git, 'modified', 'our own save is seen at once')
      git(site, 'commit', '-qam', 'saved')
      assert.equal((await services.getWorkspace()).files.find((f) => f.relPath === names[0])?.git, undefined, 'a commit (the index changed) is seen')
    } finally {
      await done()
    }
  })
})

/** Opens the second episode; its count in the list, and the count its header shows. */
async function openCounted(controller: Awaited<ReturnType<typeof openCheckout>>['controller']) {
  const listed = () => controller.store.getState().workspace!.files.find((f) => f.relPath === names[1])!
  await controller.openFile(listed().handle)
  await pause(300)
  const header = () => {
    const state = controller.store.getState()
    return problemsFor(state.session!.editor.doc, state.lintContext).length
  }
  return { listed, header }
}

describe('the problems the list counts', () => {
  it('are those the open episode’s header counts, also after a rule is switched off in the settings', async () => {
    const { controller, services, done } = await openCheckout('problem-counts')
    try {
      const { listed, header } = await openCounted(controller)
      const before = header()
      assert.ok(before > 6, `typography problems are counted, not only the linter’s 6 (${before})`)
      assert.equal(listed().problems, before, 'the list counts what the header counts')

      let announced = 0
      const stop = services.onEvent((event) => void (event.type === 'workspace-changed' && announced++))
      await controller.saveSettings({ disabledRules: ['typography-mixed-quotes'], hostSpeaker: null })
      await pause(600)
      stop()
      assert.ok(announced > 0, 'the host says the workspace changed')
      assert.ok(header() < before, 'the rule is off in the header')
      assert.equal(listed().problems, header(), 'and in the list')
    } finally {
      await done()
    }
  })
  it('follow a change of the settings as soon as the header does, without waiting for a slow `git status`', async () => {
    const { controller, counts, reset, done } = await openCheckout('settings-no-git')
    // git as on a large checkout: every `git status` takes 2 s (the host gives up on it after 3 s).
    const bin = await mkdtemp(join(tmpdir(), 'slow-git-'))
    await writeFile(join(bin, 'git'), `#!/bin/sh\ncase " $* " in *" status "*) sleep 2 ;; esac\nexec ${realGit} "$@"\n`)
    await chmod(join(bin, 'git'), 0o755)
    const path = process.env.PATH
    process.env.PATH = `${bin}:${path}`
    try {
      const { listed, header } = await openCounted(controller)
      const before = header()
      reset()
      const start = Date.now()
      await controller.saveSettings({ disabledRules: ['typography-mixed-quotes'], hostSpeaker: null })
      assert.ok(header() < before, 'the header counts without the rule at once')
      while (listed().problems !== header() && Date.now() - start < 5_000) await pause(10)
      const lag = Date.now() - start
      console.log(`the list followed the settings after ${lag} ms, ${counts.gitRuns} git runs`)
      assert.equal(listed().problems, header(), 'the list counts what the header counts')
      assert.ok(lag < 1_000, `the list follows within a second, not after git (${lag} ms)`)
      assert.equal(counts.gitRuns, 0, 'settings change no file: git is not asked again')
    } finally {
      process.env.PATH = path
      await rm(bin, { recursive: true, force: true })
      await done()
    }
  })
})
