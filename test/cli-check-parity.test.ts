import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { createHostServices } from '../electron/host/host-services'
import { copyEpisode, copyWritableSync, corpusDir, episodesDir } from './helpers/corpus'

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')

/** Corpus episodes with unknown speakers (`Theo:`, sentences), glossary hits and chapter lists. */
const EPISODES = [
  'building-data-team.md',
  'crisp-dm.md',
  'data-team-roles.md',
  'mlops-kubeflow-model-monitoring.md',
  'applied-llm-research-and-career-growth-in-practice.md',
  'ai-in-healthcare-and-digital-therapeutics.md',
]

/** A site checkout of the corpus: `_podcast/` with EPISODES, `_people/`, `podcast-timestamps/` and a glossary. */
async function siteCheckout(): Promise<string> {
  const site = await mkdtemp(join(tmpdir(), 'check-parity-'))
  await mkdir(join(site, '_podcast'))
  for (const name of EPISODES) await copyEpisode(join(episodesDir, name), join(site, '_podcast', name))
  copyWritableSync(join(corpusDir!, 'site', '_people'), join(site, '_people'))
  copyWritableSync(join(corpusDir!, 'site', 'podcast-timestamps'), join(site, 'podcast-timestamps'))
  await mkdir(join(site, '_data'))
  await writeFile(join(site, '_data/transcript-glossary.yml'), 'DataTalks.Club: [Data Talks Club, DataTalks Club]\nKubeflow: [Kube flow, Cubeflow]\n')
  return site
}

/** The problem counts of the host's episode list with the checkout opened at its root, by file name. */
async function listedCounts(site: string, dataDir: string): Promise<Map<string, number>> {
  const services = createHostServices({ dataDir })
  try {
    await services.openPath(site)
    const { files } = await services.getWorkspace()
    return new Map(files.map((f) => [f.relPath.split('/').at(-1)!, f.problems]))
  } finally {
    await services.close()
  }
}

interface Report {
  readonly file: string
  readonly problems: { readonly code: string }[]
}

function check(...args: string[]): Report[] {
  const result = spawnSync(process.execPath, [bin, 'check', '--json', ...args], { encoding: 'utf8' })
  assert.equal(result.stderr, '')
  return result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Report)
}

describe('check counts as the app does', { skip: corpusDir === null ? 'needs the shared corpus' : false }, () => {
  it("gives each episode of a site checkout the count of the host's list, unknown speakers and glossary hits included", async () => {
    const site = await siteCheckout()
    try {
      const listed = await listedCounts(site, join(site, '.data'))
      const reports = check(join(site, '_podcast'))
      assert.equal(reports.length, EPISODES.length)
      for (const report of reports) {
        const name = report.file.split('/').at(-1)!
        assert.equal(report.problems.length, listed.get(name), `${name}: check and the list count alike`)
      }
      const codes = new Set(reports.flatMap((r) => r.problems.map((p) => p.code)))
      assert.ok(codes.has('unknown-speaker') && codes.has('misspelling'), 'the site context counts: unknown speakers and glossary hits')
      // One file alone is counted in its checkout just the same.
      const [one] = check(join(site, '_podcast', 'mlops-kubeflow-model-monitoring.md'))
      assert.equal(one!.problems.length, listed.get('mlops-kubeflow-model-monitoring.md'))
    } finally {
      await rm(site, { recursive: true, force: true })
    }
  })

  it("counts with the app's settings when given its data folder (checks switched off, host speaker)", async () => {
    const site = await siteCheckout()
    const dataDir = join(site, '.data')
    try {
      await mkdir(dataDir)
      await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, disabledRules: ['typography-double-space', 'unknown-speaker'], hostSpeaker: null }))
      const listed = await listedCounts(site, dataDir)
      for (const report of check('--data-dir', dataDir, join(site, '_podcast'))) {
        const name = report.file.split('/').at(-1)!
        assert.equal(report.problems.length, listed.get(name), `${name}: check and the list count alike`)
        assert.ok(!report.problems.some((p) => p.code === 'unknown-speaker' || p.code === 'typography-double-space'))
      }
    } finally {
      await rm(site, { recursive: true, force: true })
    }
  })
})
