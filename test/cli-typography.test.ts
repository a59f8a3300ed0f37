import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { diffLines } from 'diff'
import { parseEpisode } from '../shared/episode/index'
import { lintTypography } from '../shared/typography/typography-lint'
import { fixturesDir } from './helpers/corpus'

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function copy(name: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'te-typo-')), name)
  copyFileSync(join(fixturesDir, name), file)
  return file
}

describe('transcript-editor fix --typography', () => {
  it('fixes the flagged entries and nothing else', () => {
    const file = copy('building-data-team.md')
    const before = readFileSync(file, 'utf8')
    const flagged = new Set(lintTypography(parseEpisode(before)).filter((p) => p.code !== 'typography-unbalanced-quotes').map((p) => p.entry))
    const { code, stdout } = run('fix', '--typography', file)
    assert.equal(code, 0)
    assert.match(stdout, new RegExp(`fixed typography in ${flagged.size} entries`))
    const after = readFileSync(file, 'utf8')
    const removed = diffLines(before, after).filter((p) => p.removed).reduce((n, p) => n + (p.count ?? 0), 0)
    assert.ok(removed > 0 && removed <= flagged.size * 8, `${removed} lines removed for ${flagged.size} entries`)
    assert.deepEqual(lintTypography(parseEpisode(after)).filter((p) => p.code !== 'typography-unbalanced-quotes'), [])
  })

  it('leaves switched-off rules alone and refuses unknown rule names', () => {
    const file = copy('building-data-team.md')
    const before = readFileSync(file, 'utf8')
    const all = 'dash-lookalike,double-space,space-before-punctuation,mixed-quotes'
    assert.match(run('fix', '--typography', '--skip', all, file).stdout, /fixed typography in 0 entries/)
    assert.equal(readFileSync(file, 'utf8'), before)
    assert.equal(run('fix', '--typography', '--skip', 'kerning', file).code, 2)
  })

  it('is reported by check', () => {
    const { stdout } = run('check', '--json', join(fixturesDir, 'building-data-team.md'))
    assert.ok(JSON.parse(stdout).problems.some((p: { code: string }) => p.code.startsWith('typography-')))
  })
})
