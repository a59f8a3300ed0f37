import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { copyWritableSync, corpusDir } from './helpers/corpus'
import { listsDir, NO_CORPUS } from './helpers/chapter-corpus'

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')
const skip = corpusDir && listsDir ? false : NO_CORPUS

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** A site checkout in a temp folder: some corpus episodes in `_podcast/` beside all of `podcast-timestamps/`. */
function checkout(...episodes: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'te-chapters-'))
  mkdirSync(join(root, '_podcast'))
  for (const name of episodes) copyWritableSync(join(corpusDir!, 'episodes', name), join(root, '_podcast', name))
  copyWritableSync(listsDir!, join(root, 'podcast-timestamps'))
  return root
}

describe('transcript-editor chapters import', { skip }, () => {
  it("finds the episode's list by season and episode and leaves a file made from it byte for byte", () => {
    const root = checkout('building-data-team.md')
    const file = join(root, '_podcast/building-data-team.md')
    const before = readFileSync(file)
    const { code, stdout } = run('chapters', 'import', file)
    assert.equal(code, 0)
    assert.match(stdout, /sections unchanged \(30 kept\) \(from .*s01e03-building-ds-team\.txt\)/)
    assert.deepEqual(readFileSync(file), before)
  })

  it('prints the diff with --dry-run and changes nothing', () => {
    const root = checkout('analytics-engineer-skills-tools.md')
    const file = join(root, '_podcast/analytics-engineer-skills-tools.md')
    const before = readFileSync(file, 'utf8')
    const { code, stdout, stderr } = run('chapters', 'import', '--dry-run', file)
    assert.equal(code, 0)
    assert.match(stdout, /^\+- header: Podcast Introduction$/m)
    assert.equal(stdout.split('\n').filter((l) => /^[-+]/.test(l) && !/^(\+\+\+|---) /.test(l)).length, 1, 'one changed line')
    assert.match(stderr, /sections 1 added, 23 kept/)
    assert.equal(readFileSync(file, 'utf8'), before)
  })

  it('rewrites the file in place, changing only the header lines', () => {
    const root = checkout('analytics-engineer-skills-tools.md')
    const file = join(root, '_podcast/analytics-engineer-skills-tools.md')
    const before = readFileSync(file, 'utf8')
    const { code, stdout } = run('chapters', 'import', file)
    assert.equal(code, 0)
    assert.match(stdout, /added "Podcast Introduction" at entry 0, before the line at 1:48/)
    assert.equal(readFileSync(file, 'utf8'), before.replace('transcript:\n', 'transcript:\n- header: Podcast Introduction\n'))
  })

  it('takes a pasted YouTube list with --from', () => {
    const root = checkout('building-data-team.md')
    const file = join(root, '_podcast/building-data-team.md')
    writeFileSync(join(root, 'list.txt'), '0:00 - Hello\n3:10 – Background\n1:00:00: The end\n')
    const { code } = run('chapters', 'import', '--from', join(root, 'list.txt'), file)
    assert.equal(code, 0)
    const headers = readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('- header:'))
    assert.deepEqual(headers, ['- header: Hello', '- header: Background', '- header: The end'])
  })

  it('refuses a list with unreadable lines, naming each line, and leaves the file alone', () => {
    const root = checkout('building-data-team.md')
    const file = join(root, '_podcast/building-data-team.md')
    const before = readFileSync(file)
    writeFileSync(join(root, 'list.txt'), 'Chapters:\n0:00 Hello\n3:75 Bad\n')
    const { code, stderr } = run('chapters', 'import', '--from', join(root, 'list.txt'), file)
    assert.equal(code, 1)
    assert.match(stderr, /list\.txt:1: not a chapter.*: Chapters:/)
    assert.match(stderr, /list\.txt:3: the seconds \(75\) must be under 60: 3:75 Bad/)
    assert.deepEqual(readFileSync(file), before)
  })

  it('refuses an empty list rather than remove every section', () => {
    const root = checkout('building-data-team.md')
    const file = join(root, '_podcast/building-data-team.md')
    const before = readFileSync(file)
    writeFileSync(join(root, 'empty.txt'), '\n')
    const { code, stderr } = run('chapters', 'import', '--from', join(root, 'empty.txt'), file)
    assert.equal(code, 1)
    assert.match(stderr, /holds no chapters/)
    assert.deepEqual(readFileSync(file), before)
  })

  it('asks for --from when two lists share the episode number', () => {
    const root = checkout('data-translator-role-and-data-strategy.md')
    const { code, stderr } = run('chapters', 'import', join(root, '_podcast/data-translator-role-and-data-strategy.md'))
    assert.equal(code, 1)
    assert.match(stderr, /several chapter lists match this episode \(s03e04-effective-communication-with-business\.txt, s03e04-interviewing-300-data-scientists\.txt\).*--from/)
  })

  it('exits 2 for usage errors', () => {
    assert.equal(run('chapters').code, 2)
    assert.equal(run('chapters', 'import').code, 2)
    assert.equal(run('chapters', 'export', '--format', 'vimeo', 'x.md').code, 2)
  })
})

describe('transcript-editor chapters export', { skip }, () => {
  it("prints the site's list, with the list's times for sections it has", () => {
    const root = checkout('building-data-team.md')
    const { code, stdout } = run('chapters', 'export', join(root, '_podcast/building-data-team.md'))
    assert.equal(code, 0)
    const lines = stdout.trimEnd().split('\n')
    assert.equal(lines.length, 30)
    assert.deepEqual(lines.slice(0, 2), ['00:00:00 Podcast Introduction', '00:02:06 Guest Overview & Career Snapshot'])
  })

  it("prints YouTube's list with the first chapter at 0:00", () => {
    const root = checkout('building-data-team.md')
    const { stdout } = run('chapters', 'export', '--format', 'youtube', join(root, '_podcast/building-data-team.md'))
    assert.deepEqual(stdout.split('\n').slice(0, 2), ['0:00 Podcast Introduction', '2:06 Guest Overview & Career Snapshot'])
  })
})

describe('transcript-editor fix --clips and check', { skip }, () => {
  it('rewrites quotableClips from the sections, adding only the missing clip', () => {
    const root = checkout('building-data-team.md')
    const file = join(root, '_podcast/building-data-team.md')
    const before = readFileSync(file, 'utf8')
    const { code, stdout } = run('fix', '--clips', file)
    assert.equal(code, 0)
    assert.match(stdout, /quotableClips and duration synced from the sections \(section starts from s01e03-building-ds-team\.txt\)/)
    const after = readFileSync(file, 'utf8')
    const clip = '- name: Episode Wrap-Up & Key Takeaways\n  startOffset: 3619\n  url: https://www.youtube.com/watch?v=ScDIB-3O77A&t=3619\n  endOffset: 3524\n'
    assert.equal(after, before.replace('\ntranscript:\n', `\n${clip}transcript:\n`))
    assert.match(run('fix', '--clips', file).stdout, /already match the sections/)
  })

  it('reports the new lint codes in check', () => {
    const root = checkout('analytics-engineer-skills-tools.md')
    const { code, stdout } = run('check', '--json', join(root, '_podcast/analytics-engineer-skills-tools.md'))
    assert.equal(code, 0, 'they are warnings')
    const codes = JSON.parse(stdout).problems.map((p: { code: string }) => p.code)
    assert.ok(codes.includes('clip-mismatch'))
    assert.ok(codes.includes('chapter-list-mismatch'))
  })
})

describe('transcript-editor chapters export --write', { skip }, () => {
  it("saves the sections to the episode's podcast-timestamps/ file, which then matches them", () => {
    const root = checkout('building-data-team.md')
    const file = join(root, '_podcast/building-data-team.md')
    const listFile = join(root, 'podcast-timestamps/s01e03-building-ds-team.txt')
    const { code, stdout } = run('chapters', 'export', '--write', file)
    assert.equal(code, 0)
    assert.match(stdout, /sections written to .*s01e03-building-ds-team\.txt/)
    const list = readFileSync(listFile, 'utf8')
    assert.match(list, /^00:09:20 MLOps Mindset: Day-Two Operations and Model Maintenance$/m)
    assert.ok(!list.endsWith('\n'), 'no final newline, as the site writes its lists')
    const codes = JSON.parse(run('check', '--json', file).stdout).problems.map((p: { code: string }) => p.code)
    assert.ok(!codes.includes('chapter-list-mismatch'))
  })
})
