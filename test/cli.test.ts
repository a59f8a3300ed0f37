import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseEpisode, transcriptToJson } from '../shared/episode/index'
import { fixturesDir } from './helpers/corpus'

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')
const seedName = 'seed-s10e04-lessons-learned-about-data-and-ai-at-enterprises.md'

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A temp folder holding copies of some fixtures. */
function workspace(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'te-cli-'))
  for (const n of names) copyFileSync(join(fixturesDir, n), join(dir, n))
  return dir
}

describe('transcript-editor check', () => {
  it('checks a folder in one process and prints one JSON line per file', () => {
    const dir = workspace(seedName, 'crisp-dm.md', 'building-data-team.md')
    writeFileSync(join(dir, 'broken.md'), "---\ntitle: 'unclosed\n---\n")
    const { code, stdout } = run('check', '--json', dir)
    const reports = stdout.trim().split('\n').map((l) => JSON.parse(l))
    assert.equal(reports.length, 4)
    assert.equal(code, 1, 'a file that cannot be opened makes the check fail')
    const broken = reports.find((r) => r.file.endsWith('broken.md'))
    assert.deepEqual(Object.keys(broken.error), ['line', 'column', 'message'])
    assert.equal(broken.error.line, 2)
    const seed = reports.find((r) => r.file.endsWith(seedName))
    assert.equal(seed.ok, true)
    assert.equal(seed.roundtrip, true)
    assert.ok(seed.lines > 50 && seed.headers > 5)
    assert.deepEqual(seed.speakers.slice(0, 2).sort(), ['Alexander', 'Alexey'])
  })

  it('reports lint problems with stable codes and exits 0 when every file is fine', () => {
    const dir = workspace('building-data-team.md')
    const { code, stdout } = run('check', '--json', join(dir, 'building-data-team.md'))
    assert.equal(code, 0)
    const report = JSON.parse(stdout)
    assert.ok(report.problems.some((p: { code: string }) => p.code === 'time-mismatch'), 'building-data-team has 60:08-style times')
  })

  it('checks a site checkout by its _podcast/ folder, as serve and replace open it, and says so when a folder has no episodes', () => {
    const site = mkdtempSync(join(tmpdir(), 'te-cli-site-'))
    mkdirSync(join(site, '_podcast'))
    mkdirSync(join(site, '_people'))
    copyFileSync(join(fixturesDir, 'crisp-dm.md'), join(site, '_podcast', 'crisp-dm.md'))
    writeFileSync(join(site, 'index.md'), '# A page, not an episode\n')
    const atRoot = run('check', '--json', site)
    assert.deepEqual(atRoot.stdout.trim().split('\n').map((l) => JSON.parse(l).file), [join(site, '_podcast', 'crisp-dm.md')])

    const empty = mkdtempSync(join(tmpdir(), 'te-cli-empty-'))
    const none = run('check', empty)
    assert.equal(none.code, 1, 'checking nothing is not a success')
    assert.equal(none.stdout, '')
    assert.match(none.stderr, /no episode files \(\*\.md\) in it/)
  })

  it('stops quietly when the program reading its output stops reading (check | head -1)', () => {
    const dir = workspace(seedName, 'crisp-dm.md', 'building-data-team.md')
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" check "${dir}" "${dir}" "${dir}" | head -c 1`], { encoding: 'utf8' })
    assert.equal(result.status, 0, 'the command itself exits 0')
    assert.equal(result.stdout.length, 1)
    assert.doesNotMatch(result.stderr, /EPIPE|Error/)
  })

  it('exits 2 for usage errors', () => {
    assert.equal(run('check').code, 2)
    assert.equal(run('frobnicate').code, 2)
  })
})

describe('transcript-editor apply', () => {
  const ops = [
    { op: 'setSpeaker', entry: 2, who: 'Alex' },
    { op: 'insertHeader', before: 0, header: 'Intro: welcome' },
  ]

  it('prints the unified diff with --dry-run and leaves the file alone', () => {
    const dir = workspace(seedName)
    const file = join(dir, seedName)
    const before = readFileSync(file, 'utf8')
    writeFileSync(join(dir, 'ops.json'), JSON.stringify(ops))
    const { code, stdout } = run('apply', '--ops', join(dir, 'ops.json'), '--dry-run', file)
    assert.equal(code, 0)
    assert.match(stdout, /^\+- header: 'Intro: welcome'$/m)
    assert.match(stdout, /^-  who: Alexander$/m)
    assert.match(stdout, /^\+  who: Alex$/m)
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  it('applies ops in order, numbering entries as the document stands after the previous op', () => {
    const dir = workspace(seedName)
    const file = join(dir, seedName)
    writeFileSync(join(dir, 'ops.json'), JSON.stringify(ops))
    assert.equal(run('apply', '--ops', join(dir, 'ops.json'), file).code, 0)
    const data = transcriptToJson(parseEpisode(readFileSync(file, 'utf8')))
    assert.deepEqual(data[0], { header: 'Intro: welcome' })
    assert.equal(data[3]!.who, 'Alex')
  })

  for (const [what, bad] of [
    ['an unknown op', { op: 'explode' }],
    ['an entry out of range', { op: 'setLine', entry: 9999, line: 'x' }],
    ['a wrong type', { op: 'setSec', entry: 0, sec: 'soon' }],
  ] as const) {
    it(`refuses ${what} with a message, exit 1, and the file untouched`, () => {
      const dir = workspace(seedName)
      const file = join(dir, seedName)
      const before = readFileSync(file, 'utf8')
      writeFileSync(join(dir, 'ops.json'), JSON.stringify([ops[0], bad]))
      const { code, stderr } = run('apply', '--ops', join(dir, 'ops.json'), file)
      assert.equal(code, 1)
      assert.match(stderr, /Op 1: /)
      assert.equal(readFileSync(file, 'utf8'), before)
    })
  }

  it('refuses a malformed file with a located error and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-cli-'))
    const file = join(dir, 'bad.md')
    writeFileSync(file, '---\ntitle: T\ntranscript:\n- line: Hi\n\twho: A\n---\n')
    writeFileSync(join(dir, 'ops.json'), JSON.stringify(ops))
    const { code, stderr } = run('apply', '--ops', join(dir, 'ops.json'), file)
    assert.equal(code, 1)
    assert.match(stderr, /tab.*line 5, column 1/)
    assert.equal(readFileSync(file, 'utf8'), '---\ntitle: T\ntranscript:\n- line: Hi\n\twho: A\n---\n')
  })
})

describe('transcript-editor fix --quote-ambiguous', () => {
  it('quotes the values Jekyll misreads, changing only those lines', () => {
    const dir = workspace('crisp-dm.md')
    const file = join(dir, 'crisp-dm.md')
    const before = readFileSync(file, 'utf8')
    const { code, stdout } = run('fix', '--quote-ambiguous', file)
    assert.equal(code, 0)
    assert.match(stdout, /quoted values in \d+ entries/)
    const after = readFileSync(file, 'utf8')
    const a = before.split('\n')
    const b = after.split('\n')
    assert.equal(a.length, b.length)
    const changed = a.map((line, i) => [line, b[i]!] as const).filter(([x, y]) => x !== y)
    assert.ok(changed.length > 0)
    for (const [x, y] of changed) assert.equal(y, x.replace(/time: (0:\d\d)$/, "time: '$1'"))
    assert.deepEqual(transcriptToJson(parseEpisode(after)), transcriptToJson(parseEpisode(before)))
    assert.equal(JSON.parse(run('check', '--json', file).stdout).problems.filter((p: { code: string }) => p.code === 'ambiguous-value').length, 0)
  })
})
