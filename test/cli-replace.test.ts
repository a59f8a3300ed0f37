import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseEpisode, transcriptToJson } from '../shared/episode/index'
import { copyWritableSync, episodesDir } from './helpers/corpus'

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')
const MERYEM = 'deploying-llms-in-production-fine-tuning-retrieval-open-source-api.md'
const GRAFANA = ['building-mlops-startup.md', 'dataops-and-gitops-best-practices-for-data-teams.md']

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A temp folder holding copies of some corpus episodes. */
function copies(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'te-replace-'))
  for (const n of names) copyWritableSync(join(episodesDir, n), join(dir, n))
  return dir
}

function changedLineNumbers(a: string, b: string): number[] {
  const x = a.split('\n')
  const y = b.split('\n')
  assert.equal(x.length, y.length)
  return x.flatMap((line, i) => (line === y[i] ? [] : [i]))
}

describe('transcript-editor replace', () => {
  it('renames a misheard name in lines only, plain and case-sensitive by default, rewriting only those entries', () => {
    const dir = copies(MERYEM)
    const file = join(dir, MERYEM)
    const before = readFileSync(file, 'utf8')
    const { code, stdout } = run('replace', '--find', 'Meryem', '--replace', 'Meryam', file)
    assert.equal(code, 0)
    const after = readFileSync(file, 'utf8')
    const data = transcriptToJson(parseEpisode(after))
    const old = transcriptToJson(parseEpisode(before))
    const changed = old.flatMap((e, i) => (e.line === data[i]!.line ? [] : [i]))
    assert.match(stdout, new RegExp(`${MERYEM}: ${changed.length} entries changed \\(\\d+ matches\\)`))
    assert.ok(data.some((e) => e.who === 'Meryem'), 'speakers are left alone without --in speakers')
    assert.ok(data.some((e) => e.header === 'Guest Introduction: Meryem Arik and TitanML'), 'headers are left alone')
    data.forEach((e, i) => {
      if (typeof e.line === 'string') assert.equal(e.line, (old[i]!.line as string).replaceAll('Meryem', 'Meryam'))
    })
    assert.equal(before.slice(0, before.indexOf('\ntranscript:')), after.slice(0, after.indexOf('\ntranscript:')), 'the metadata keeps its Meryem')
    assert.equal(after.split('\n').length, before.split('\n').length)
    for (const i of changedLineNumbers(before, after)) assert.match(before.split('\n')[i]!, /Meryem/)
  })

  it('renames a speaker everywhere with --in lines,headers,speakers and --ignore-case', () => {
    const dir = copies(MERYEM)
    const file = join(dir, MERYEM)
    const { code } = run('replace', '--find', 'MERYEM', '--replace', 'Meryam', '--ignore-case', '--in', 'lines,headers,speakers', file)
    assert.equal(code, 0)
    const data = transcriptToJson(parseEpisode(readFileSync(file, 'utf8')))
    assert.ok(!JSON.stringify(data).includes('Meryem'))
    assert.ok(data.filter((e) => e.who === 'Meryam').length > 50)
  })

  it('prints the diff with --dry-run and writes nothing', () => {
    const dir = copies(MERYEM)
    const file = join(dir, MERYEM)
    const before = readFileSync(file, 'utf8')
    const { code, stdout, stderr } = run('replace', '--find', 'Meryem', '--replace', 'Meryam', '--in', 'speakers', '--dry-run', file)
    assert.equal(code, 0)
    assert.match(stdout, /^-  who: Meryem$/m)
    assert.match(stdout, /^\+  who: Meryam$/m)
    assert.doesNotMatch(stdout, /^[-+] {2}line:/m)
    assert.match(stderr, /Would change \d+ entries in 1 of 1 file\./)
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  it('works through a folder, with regex groups and whole words, and reports each file', () => {
    const dir = copies(MERYEM, ...GRAFANA)
    const { code, stdout } = run('replace', '--regex', '--whole-word', '--find', '(Graf)ana', '--replace', '$1ANA', dir)
    assert.equal(code, 0)
    assert.match(stdout, new RegExp(`${MERYEM}: no match`))
    for (const name of GRAFANA) {
      const before = readFileSync(join(episodesDir, name), 'utf8')
      const after = readFileSync(join(dir, name), 'utf8')
      assert.match(stdout, new RegExp(`${name}: \\d+ entr(y|ies) changed`))
      assert.equal(after, before.replace(/\bGrafana\b/g, 'GrafANA'), 'Grafana is only in transcript lines here, so the file changes exactly there')
    }
    assert.match(stdout, /Changed \d+ entries in 2 of 3 files\./)
  })

  it('replaces in a site checkout’s episodes when given its root, leaving its pages alone', () => {
    const root = mkdtempSync(join(tmpdir(), 'te-site-'))
    mkdirSync(join(root, '_people'))
    mkdirSync(join(root, '_podcast'))
    copyWritableSync(join(episodesDir, MERYEM), join(root, '_podcast', MERYEM))
    writeFileSync(join(root, 'about.md'), '# About\n\nMeryem was a guest.\n')
    const { code, stdout } = run('replace', '--find', 'Meryem', '--replace', 'Meryam', root)
    assert.equal(code, 0)
    assert.match(stdout, /Changed \d+ entries in 1 of 1 file\./)
    assert.ok(readFileSync(join(root, '_podcast', MERYEM), 'utf8').includes('Meryam'))
    assert.equal(readFileSync(join(root, 'about.md'), 'utf8'), '# About\n\nMeryem was a guest.\n')
  })

  it('keeps the file’s permission bits, and leaves a file without a match untouched on disk', () => {
    const dir = copies(MERYEM, GRAFANA[0]!)
    const file = join(dir, MERYEM)
    chmodSync(file, 0o640)
    const untouched = join(dir, GRAFANA[0]!)
    const mtime = statSync(untouched).mtimeMs
    assert.equal(run('replace', '--find', 'Meryem', '--replace', 'Meryam', dir).code, 0)
    assert.equal(statSync(file).mode & 0o777, 0o640)
    assert.equal(statSync(untouched).mtimeMs, mtime)
  })

  it('exits 1 for a file that is not an episode but still does the others, and 2 for usage errors', () => {
    const dir = copies(MERYEM)
    const broken = join(dir, 'broken.md')
    writeFileSync(broken, "---\ntitle: 'unclosed\n---\n")
    const { code, stderr } = run('replace', '--find', 'Meryem', '--replace', 'Meryam', dir)
    assert.equal(code, 1)
    assert.match(stderr, /broken\.md: .*line 2.*; the file was not changed\./)
    assert.ok(readFileSync(join(dir, MERYEM), 'utf8').includes('Meryam'))
    assert.equal(readFileSync(broken, 'utf8'), "---\ntitle: 'unclosed\n---\n")

    assert.equal(run('replace', '--find', 'x', dir).code, 2, '--replace is required')
    assert.equal(run('replace', '--find', 'x', '--replace', 'y').code, 2, 'a path is required')
    const badRegex = run('replace', '--regex', '--find', 'Mer(yem', '--replace', 'y', dir)
    assert.equal(badRegex.code, 2)
    assert.match(badRegex.stderr, /not a valid regular expression/)
    assert.match(run('replace', '--find', 'x', '--replace', 'y', '--in', 'lines,titles', dir).stderr, /not "titles"/)
  })
})
