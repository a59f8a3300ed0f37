import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildCli } from '../electron/build-electron'
import { episodesDir } from './helpers/corpus'

// The installed command line needs nothing but Node: `npm run build` bundles it, jsdiff included.

let dir: string
let bundle: string

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'te-cli-bundle-'))
  bundle = join(dir, 'transcript-editor.mjs')
  await buildCli(bundle)
})
after(() => rmSync(dir, { recursive: true, force: true }))

describe('the command line bundle', () => {
  it('imports nothing but Node\'s own modules', () => {
    const specifiers = [...readFileSync(bundle, 'utf8').matchAll(/^import\s[^'"]*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]!)
    assert.ok(specifiers.length > 0)
    assert.deepEqual(specifiers.filter((s) => !s.startsWith('node:')), [])
  })

  it('checks a corpus episode with only Node, far from any node_modules', () => {
    const file = join(episodesDir, 'crisp-dm.md')
    const env = { PATH: process.env['PATH'] ?? '' }
    const result = spawnSync(process.execPath, [bundle, 'check', '--json', file], { cwd: dir, env, encoding: 'utf8' })
    assert.equal(result.status, 0, result.stderr)
    const report = JSON.parse(result.stdout) as { file: string; ok: boolean; roundtrip: boolean }
    assert.deepEqual([report.file, report.ok, report.roundtrip], [file, true, true])
  })
})
