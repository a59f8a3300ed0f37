import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import type { Workspace } from '../shared/api/contract'
import { episodeDigest, parseEpisode } from '../shared/episode/index'
import { createHostServices, type HostServices } from '../electron/host/host-services'
import { copyEpisode, episodesDir } from './helpers/corpus'

const EPISODES = ['crisp-dm.md', 'building-data-team.md'] as const
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], { cwd, stdio: 'pipe' })

describe('the episode list in a git repository', () => {
  it('marks each episode modified, added or untracked as git status says, and the others not at all', async () => {
    const root = await mkdtemp(join(tmpdir(), 'git-status-'))
    try {
      const site = join(root, 'site')
      const podcast = join(site, '_podcast')
      await mkdir(podcast, { recursive: true })
      for (const name of ['crisp-dm.md', 'building-data-team.md', 'analytics-engineer-skills-tools.md']) await copyEpisode(join(episodesDir, name), join(podcast, name))
      git(site, 'init', '-q')
      git(site, 'add', '.')
      git(site, 'commit', '-qm', 'episodes')
      await writeFile(join(podcast, 'crisp-dm.md'), '---\ntitle: Changed\ntranscript: []\n---\n')
      await copyEpisode(join(episodesDir, 'ab-testing-and-product-experimentation.md'), join(podcast, 'ab-testing-and-product-experimentation.md'))
      await copyEpisode(join(episodesDir, 'crisp-dm.md'), join(podcast, 'staged.md'))
      git(site, 'add', '_podcast/staged.md')

      const services = createHostServices({ dataDir: join(root, 'data') })
      // Opened at the podcast folder, below the repository's top: git's paths are from the top.
      const workspace = await services.openPath(podcast)
      const states = Object.fromEntries(workspace.files.map((f) => [f.relPath, f.git ?? 'clean']))
      assert.deepEqual(states, {
        'ab-testing-and-product-experimentation.md': 'untracked',
        'analytics-engineer-skills-tools.md': 'clean',
        'building-data-team.md': 'clean',
        'crisp-dm.md': 'modified',
        'staged.md': 'added',
      })
      await services.close()
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })

  it('shows no git state outside a repository', async () => {
    const root = await mkdtemp(join(tmpdir(), 'no-git-'))
    try {
      await copyEpisode(join(episodesDir, 'crisp-dm.md'), join(root, 'crisp-dm.md'))
      const services = createHostServices({ dataDir: join(root, '.data') })
      const workspace = await services.openPath(root)
      assert.deepEqual(workspace.files.map((f) => f.git), [undefined])
      await services.close()
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})

/** Each listed episode's git state by name ('clean' when it has none). */
function statesOf(workspace: Workspace): Record<string, string> {
  return Object.fromEntries(workspace.files.map((f) => [f.relPath, f.git ?? 'clean']))
}

/** The episodes' git states as the UI lists them after the host next says the workspace changed (null: it said nothing within 3 s). */
function listedAfterNextChange(services: HostServices): Promise<Record<string, string> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      stop()
      resolve(null)
    }, 3000)
    const stop = services.onEvent((event) => {
      if (event.type !== 'workspace-changed') return
      clearTimeout(timer)
      stop()
      void services.getWorkspace().then((workspace) => resolve(statesOf(workspace)))
    })
  })
}

/** A committed site with two episodes in `_podcast/`, opened there by the host services (`top` is where git is run). */
async function openCommittedSite(root: string, worktree: boolean, onGit?: (args: readonly string[]) => void) {
  const site = join(root, 'site')
  await mkdir(join(site, '_podcast'), { recursive: true })
  for (const name of EPISODES) await copyEpisode(join(episodesDir, name), join(site, '_podcast', name))
  git(site, 'init', '-q')
  git(site, 'add', '.')
  git(site, 'commit', '-qm', 'episodes')
  // In a linked worktree `.git` is a file naming the repository's folder for it.
  const top = worktree ? join(root, 'linked') : site
  if (worktree) git(site, 'worktree', 'add', '-q', top)
  const services = createHostServices({ dataDir: join(root, 'data'), watchDebounceMs: 40, hooks: onGit ? { onGit } : {} })
  await services.openPath(join(top, '_podcast'))
  return { top, services }
}

/** Saves the first line of `name` edited, through the host, as the editor does. */
async function saveEdited(services: HostServices, name: string): Promise<void> {
  const file = (await services.getWorkspace()).files.find((f) => f.relPath === name)!
  const opened = await services.readFile(file.handle)
  const text = opened.text.replace(/^(- line: )([A-Za-z])/m, '$1EDITED $2')
  const saved = await services.saveFile({ handle: file.handle, text, baseHash: opened.hash, expectedDigest: episodeDigest(parseEpisode(text)) })
  assert.equal(saved.ok, true)
}

describe('asking git while it is already being asked', () => {
  it('runs one git status for requests of the list made at the same time after a change', async () => {
    const root = await mkdtemp(join(tmpdir(), 'git-together-'))
    const runs: string[] = []
    const { services } = await openCommittedSite(root, false, (args) => void runs.push(args.join(' ')))
    try {
      await saveEdited(services, EPISODES[0])
      runs.length = 0
      // The open episode's change and the list's change are answered together, as the page does.
      const [a, b, c] = await Promise.all([services.getWorkspace(), services.getWorkspace(), services.getSiteContext()])
      assert.equal(c.site, false)
      assert.deepEqual([a, b].map(statesOf), [0, 1].map(() => ({ [EPISODES[0]]: 'modified', [EPISODES[1]]: 'clean' })))
      assert.equal(runs.filter((args) => args.includes('status')).length, 1, `git status runs once, not ${runs.length} times`)
    } finally {
      await services.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('the episode list after git changes its records (not the episodes)', () => {
  for (const worktree of [false, true]) {
    it(`follows git add, commit and reset${worktree ? ' in a linked worktree' : ''}`, async () => {
      const root = await mkdtemp(join(tmpdir(), 'git-records-'))
      const { top, services } = await openCommittedSite(root, worktree)
      const [first, second] = EPISODES
      try {
        await saveEdited(services, first)
        await copyEpisode(join(episodesDir, first), join(top, '_podcast', 'new.md'))
        await pause(300)
        assert.deepEqual(statesOf(await services.getWorkspace()), { [first]: 'modified', [second]: 'clean', 'new.md': 'untracked' })
        const added = listedAfterNextChange(services)
        git(top, 'add', '_podcast/new.md')
        assert.deepEqual(await added, { [first]: 'modified', [second]: 'clean', 'new.md': 'added' }, 'git add is seen')
        const committed = listedAfterNextChange(services)
        git(top, 'commit', '-qam', 'edited')
        assert.deepEqual(await committed, { [first]: 'clean', [second]: 'clean', 'new.md': 'clean' }, 'git commit is seen')
        // A soft reset moves only the branch (not HEAD's file, nor the index).
        const reset = listedAfterNextChange(services)
        git(top, 'reset', '-q', '--soft', 'HEAD~1')
        assert.deepEqual(await reset, { [first]: 'modified', [second]: 'clean', 'new.md': 'added' }, 'git reset is seen')
      } finally {
        await services.close()
        await rm(root, { recursive: true, force: true })
      }
    })
  }
})
