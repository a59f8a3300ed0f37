import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createHostServices } from '../electron/host/host-services'
import { copyEpisode, episodesDir } from './helpers/corpus'

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
