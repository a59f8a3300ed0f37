import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseEpisode, transcriptToJson } from '../shared/episode/index'
import { fixturesDir } from './helpers/corpus'

// How the command line treats the files it is given: FIFOs, missing paths, links, owners,
// read-only files and the folder's own durability.

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')
const episode = 'crisp-dm.md'
const renameOp = [{ op: 'setSpeaker', entry: 1, who: 'Somebody Else' }]

function run(args: string[], timeoutMs = 20_000) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: timeoutMs })
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr }
}

/** A temp folder holding a copy of the episode and an ops file. */
function workspace(): { dir: string; file: string; ops: string } {
  const dir = mkdtempSync(join(tmpdir(), 'te-cli-files-'))
  const file = join(dir, episode)
  copyFileSync(join(fixturesDir, episode), file)
  const ops = join(dir, 'ops.json')
  writeFileSync(ops, JSON.stringify(renameOp))
  return { dir, file, ops }
}

function makeFifo(path: string): void {
  const made = spawnSync('mkfifo', [path])
  assert.equal(made.status, 0, 'mkfifo works here')
}

const noStackTrace = (text: string) => assert.doesNotMatch(text, /^\s+at /m, 'no stack trace')

describe('the command line and special files', () => {
  it('refuses a FIFO named *.md without opening it, instead of hanging', () => {
    const { dir } = workspace()
    const fifo = join(dir, 'pipe.md')
    makeFifo(fifo)
    const checked = run(['check', fifo])
    assert.equal(checked.signal, null, 'check finished on its own')
    assert.equal(checked.code, 1)
    assert.match(checked.stdout + checked.stderr, /pipe\.md.*not a regular file/)
    const every = [
      ['apply', '--ops', join(dir, 'ops.json'), fifo],
      ['fix', '--quote-ambiguous', fifo],
      ['fix', '--typography', fifo],
      ['fix', '--clips', fifo],
      ['chapters', 'export', fifo],
      ['replace', '--find', 'a', '--replace', 'b', fifo],
    ]
    for (const args of every) {
      const result = run(args)
      assert.equal(result.signal, null, `${args[0]} finished on its own`)
      assert.equal(result.code, 1)
      assert.match(result.stderr, /not a regular file/)
    }
  })

  it('skips a FIFO inside a folder given to check and checks the episodes beside it', () => {
    const { dir } = workspace()
    makeFifo(join(dir, 'pipe.md'))
    const result = run(['check', '--json', dir])
    assert.equal(result.signal, null, 'check finished on its own')
    const reports = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as { file: string; ok: boolean })
    assert.deepEqual(reports.map((r) => r.file), [join(dir, episode)])
    assert.equal(result.code, 0)
  })

  it('says plainly that a path does not exist, with exit code 1 and no stack trace', () => {
    const missing = join(tmpdir(), 'no-such-folder-here', 'episode.md')
    const checked = run(['check', missing])
    assert.equal(checked.code, 1)
    assert.match(checked.stdout + checked.stderr, /no-such-folder-here\/episode\.md: cannot open: there is no such file or folder/)
    noStackTrace(checked.stdout + checked.stderr)
    const applied = run(['apply', '--ops', missing, missing])
    assert.equal(applied.code, 1)
    assert.match(applied.stderr, /there is no such file or folder/)
    noStackTrace(applied.stderr)
  })
})

describe('the command line writing files', () => {
  it('apply writes through a symbolic link to its target and keeps the link', () => {
    const { dir, file, ops } = workspace()
    const link = join(dir, 'link.md')
    symlinkSync(file, link)
    assert.equal(run(['apply', '--ops', ops, link]).code, 0)
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link')
    assert.equal(transcriptToJson(parseEpisode(readFileSync(file, 'utf8')))[1]!.who, 'Somebody Else')
    assert.deepEqual(readdirSync(dir).sort(), ['crisp-dm.md', 'link.md', 'ops.json'], 'no temp file left behind')
  })

  it('keeps the owner and group of a file that belongs to another user', (t) => {
    if (process.getuid?.() !== 0) return t.skip('needs root to give the file to another user')
    const { file } = workspace()
    chownSync(file, 4321, 4322)
    const result = run(['fix', '--quote-ambiguous', file])
    assert.equal(result.code, 0, result.stderr)
    assert.match(result.stdout, /quoted values in [1-9]/, 'the file was rewritten')
    const info = statSync(file)
    assert.deepEqual([info.uid, info.gid], [4321, 4322])
  })

  it('refuses to replace a read-only file and writes nothing', () => {
    const { dir, file, ops } = workspace()
    chmodSync(file, 0o444)
    const before = readFileSync(file)
    for (const args of [['apply', '--ops', ops, file], ['fix', '--quote-ambiguous', file]]) {
      const result = run(args)
      assert.equal(result.code, 1, args[0])
      assert.match(result.stderr, /crisp-dm\.md is read-only; nothing was written/)
      noStackTrace(result.stderr)
    }
    assert.deepEqual(readFileSync(file), before)
    assert.equal(statSync(file).mode & 0o777, 0o444)
    assert.deepEqual(readdirSync(dir).sort(), ['crisp-dm.md', 'ops.json'])
  })

  it('flushes the folder after renaming the new file into place', (t) => {
    if (!existsSync('/usr/bin/strace')) return t.skip('needs strace to watch the system calls')
    const { dir, file, ops } = workspace()
    const trace = join(dir, 'trace.txt')
    const traced = spawnSync('/usr/bin/strace', ['-f', '-qq', '-e', 'trace=openat,rename,renameat,renameat2,fsync', '-o', trace, process.execPath, bin, 'apply', '--ops', ops, file], {
      encoding: 'utf8',
      timeout: 60_000,
    })
    assert.equal(traced.status, 0, traced.stderr)
    const calls = readFileSync(trace, 'utf8').split('\n')
    const renamed = calls.findIndex((line) => /rename/.test(line) && line.includes(`"${file}"`))
    assert.ok(renamed >= 0, 'the new file was renamed over the old one')
    const folderFds = calls
      .slice(renamed)
      .map((line) => new RegExp(`openat\\(AT_FDCWD, "${dir}", [^)]*\\) = (\\d+)`).exec(line)?.[1])
      .filter((fd): fd is string => fd !== undefined)
    assert.ok(folderFds.length > 0, 'the folder was opened after the rename')
    assert.ok(
      calls.slice(renamed).some((line) => folderFds.some((fd) => new RegExp(`fsync\\(${fd}\\)\\s+= 0`).test(line))),
      'and fsynced',
    )
  })
})
