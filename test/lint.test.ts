import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { lintEpisode, lintRules, parseEpisode, setLine, type LintCode } from '../shared/episode/index'
import { problemColumn, problemsAreErrors } from '../renderer/state/selectors'
import { fixturesDir } from './helpers/corpus'

function codesIn(name: string): Map<LintCode, number> {
  const problems = lintEpisode(parseEpisode(readFileSync(join(fixturesDir, name), 'utf8')))
  const counts = new Map<LintCode, number>()
  for (const p of problems) counts.set(p.code, (counts.get(p.code) ?? 0) + 1)
  return counts
}

describe('the linter on real episodes', () => {
  it('flags time going backwards', () => {
    assert.ok(codesIn('analytics-engineer-skills-tools.md').get('sec-backwards'))
  })

  it('flags a time that does not match its sec (60:08 written without hours)', () => {
    assert.ok(codesIn('building-data-team.md').get('time-mismatch'))
  })

  it('flags a speaker used once among frequent ones as a likely typo', () => {
    const problems = lintEpisode(parseEpisode(readFileSync(join(fixturesDir, 's23e05-inside-ai-engineer-role-tools-skills-and-career-path.md'), 'utf8')))
    assert.ok(problems.some((p) => p.code === 'rare-speaker' && p.message.includes('Ruslanan')))
  })

  it('flags plain values that Jekyll reads as numbers', () => {
    assert.equal(codesIn('crisp-dm.md').get('ambiguous-value'), 3)
  })

  it('finds nothing to say about a clean seed episode beyond its headers', () => {
    const codes = codesIn('seed-s10e04-lessons-learned-about-data-and-ai-at-enterprises.md')
    assert.deepEqual([...codes.keys()].filter((c) => c !== 'header-without-line' && c !== 'sec-backwards'), [])
  })
})

describe('the linter on small cases', () => {
  const text = [
    '---',
    'transcript:',
    '- header: Empty section',
    '- header: Next',
    '- line: ""',
    '  sec: 10',
    "  time: '0:10'",
    '- line: Who said this?',
    '  sec: 5',
    "  time: '0:05'",
    '- line: Some text',
    '  who: This is not a name but a whole sentence pasted into the field by mistake',
    '---',
    '',
  ].join('\n')
  const problems = lintEpisode(parseEpisode(text))
  const at = (code: LintCode) => problems.filter((p) => p.code === code).map((p) => p.entry)

  it('reports each problem on its entry with a stable code', () => {
    assert.deepEqual(at('header-without-line'), [0])
    assert.deepEqual(at('empty-line'), [2])
    assert.deepEqual(at('sec-backwards'), [3])
    assert.deepEqual(at('missing-who'), [2, 3])
    assert.deepEqual(at('long-speaker'), [4])
  })

  it('gives every problem the severity of the one table the editor reads too', () => {
    assert.ok(problems.length > 0)
    for (const p of problems) assert.equal(p.severity, lintRules[p.code].severity, p.code)
    assert.equal(problemsAreErrors(problems.map((p) => p.code).join(' ')), problems.some((p) => p.severity === 'error'))
    assert.equal(problemColumn('sec-backwards'), lintRules['sec-backwards'].column)
  })

  it('stops reporting an ambiguous value once the entry is rewritten (and so quoted)', () => {
    const doc = parseEpisode('---\ntranscript:\n- line: Hi\n  sec: 36\n  time: 0:36\n  who: A\n---\n')
    assert.deepEqual(lintEpisode(doc).map((p) => p.code), ['ambiguous-value'])
    assert.deepEqual(lintEpisode(setLine(doc, 0, 'Hello')).map((p) => p.code), [])
  })
})
