import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { copyWritableSync, episodesDir } from './helpers/corpus'

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')
const GRAFANA = 'building-mlops-startup.md'
const OTHER = 'dataops-and-gitops-best-practices-for-data-teams.md'

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A site checkout in a temp folder: two episodes (one with Grafana misheard), `_people/`, and a glossary. */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'te-glossary-'))
  for (const dir of ['_podcast', '_people', '_data']) mkdirSync(join(root, dir))
  const text = readFileSync(join(episodesDir, GRAFANA), 'utf8')
  const at = text.indexOf('Grafana', text.indexOf('\ntranscript:'))
  writeFileSync(join(root, '_podcast', GRAFANA), `${text.slice(0, at)}Grifana${text.slice(at + 'Grafana'.length)}`)
  copyWritableSync(join(episodesDir, OTHER), join(root, '_podcast', OTHER))
  writeFileSync(join(root, '_data', 'transcript-glossary.yml'), 'Grafana: [Grifana, Graphana]\n')
  return root
}

describe('transcript-editor glossary', () => {
  it('lists each known misspelling with its file, entry and the right word, using the checkout’s glossary', () => {
    const root = checkout()
    const { code, stdout, stderr } = run('glossary', root)
    assert.equal(code, 1, 'hits make the check fail, as lint problems do')
    const lines = stdout.trim().split('\n')
    assert.equal(lines.length, 1)
    assert.match(lines[0]!, new RegExp(`_podcast/${GRAFANA}: entry \\d+ line: "Grifana" → "Grafana": .*\\[Grifana\\]`))
    assert.match(stderr, /1 known misspelling in 2 files/)
    assert.equal(run('glossary', join(root, '_podcast', OTHER)).code, 0, 'a file without hits passes; its checkout’s glossary is found')
  })

  it('takes --glossary for files outside a checkout, and says so when there is none', () => {
    const root = checkout()
    const file = join(root, '_podcast', GRAFANA)
    const outside = mkdtempSync(join(tmpdir(), 'te-glossary-'))
    copyFileSync(file, join(outside, GRAFANA))
    const missing = run('glossary', outside)
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /not in a site checkout; name the file with --glossary FILE/)
    assert.equal(run('glossary', '--glossary', join(root, '_data', 'transcript-glossary.yml'), outside).code, 1)
    writeFileSync(join(root, '_data', 'transcript-glossary.yml'), 'Grafana: {x: y}\n')
    assert.match(run('glossary', root).stderr, /"Grafana" must be followed by a misspelling.*line 1/)
  })
})
