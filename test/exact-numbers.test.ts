/**
 * Numbers stay exact: an int beyond 2^53 is written back digit for digit when its entry is
 * re-emitted, and `sec` is bounded (a whole number of seconds, 0 to 100 hours) in every edit path.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { applyOps, EditError, MAX_SEC, parseEpisode, serializeEpisode, setLine, setSec, setTime, splitLine } from '../shared/episode/index'
import { resolvePlain } from '../shared/episode/pyyaml-resolve'

const BIG = `---
title: Big numbers
transcript:
- line: First words here
  sec: 9007199254740993
  time: '0:01'
  who: A
- line: Second
  sec: 2
  time: '0:02'
  who: B
---
`

describe('ints beyond 2^53', () => {
  it('are read exactly, in every form PyYAML reads as an int', () => {
    assert.equal(resolvePlain('9007199254740993'), 9007199254740993n)
    assert.equal(resolvePlain('-9007199254740993'), -9007199254740993n)
    assert.equal(resolvePlain('0x20000000000001'), 9007199254740993n)
    assert.equal(resolvePlain('1_000_000_000_000_000_001'), 1000000000000000001n)
    assert.equal(resolvePlain('9007199254740991'), 9007199254740991)
    assert.equal(resolvePlain('42'), 42)
  })

  it('are written back digit for digit when another value of their entry is edited', () => {
    const text = serializeEpisode(setLine(parseEpisode(BIG), 0, 'Edited words'))
    assert.match(text, /^  sec: 9007199254740993$/m)
    assert.match(text, /^- line: Edited words$/m)
  })
})

describe('sec is bounded to whole seconds from 0 to 100 hours', () => {
  const doc = parseEpisode(BIG)

  it('is documented as 100 hours', () => assert.equal(MAX_SEC, 100 * 3600))

  it('accepts the bounds themselves', () => {
    assert.match(serializeEpisode(setSec(doc, 1, MAX_SEC)), /^  time: '100:00:00'$/m)
    assert.match(serializeEpisode(setSec(doc, 1, 0)), /^  time: '0:00'$/m)
  })

  for (const sec of [1e300, MAX_SEC + 1, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53 + 2]) {
    it(`refuses setSec ${sec} with a plain message`, () => {
      assert.throws(() => setSec(doc, 1, sec), (e: unknown) => e instanceof EditError && /0 to 360000 \(100 hours\)/.test(e.message))
    })
  }

  it('refuses a time whose seconds are past 100 hours, so sec and time never disagree', () => {
    assert.throws(() => setTime(doc, 1, '99999999999999999999:00'), (e: unknown) => e instanceof EditError && /100 hours/.test(e.message))
    assert.throws(() => setTime(doc, 1, '100:00:01'), /100 hours/)
    assert.match(serializeEpisode(setTime(doc, 1, '99:59:59')), /^  sec: 359999\n  time: '99:59:59'$/m)
  })

  it('refuses a split at a sec out of range', () => {
    assert.throws(() => splitLine(doc, 0, 6, 1e300), /100 hours/)
  })

  it('refuses apply ops out of range, naming the op', () => {
    assert.throws(() => applyOps(doc, [{ op: 'setSec', entry: 1, sec: 1e300 }]), /^EditError: Op 0: .*100 hours/)
    assert.throws(() => applyOps(doc, [{ op: 'setTime', entry: 1, time: '99999999999999999999:00' }]), /Op 0: .*100 hours/)
  })

  it('the command line refuses setSec 1e300 and leaves the file alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-sec-'))
    const file = join(dir, 'big.md')
    writeFileSync(file, BIG)
    writeFileSync(join(dir, 'ops.json'), '[{"op":"setSec","entry":1,"sec":1e300}]')
    const result = spawnSync(process.execPath, [join(import.meta.dirname, '../bin/transcript-editor.js'), 'apply', '--ops', join(dir, 'ops.json'), file], { encoding: 'utf8' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /100 hours/)
    assert.equal(readFileSync(file, 'utf8'), BIG)
  })
})
