/**
 * `check` (and opening a file) fails exactly where PyYAML's safe_load fails: a differential test
 * over generated hazards (tabs, control characters, raw line separators, keys over 1,024
 * characters) placed in every part of a front matter. The one deliberate difference: a raw NEL,
 * U+2028, U+2029 or lone CR outside quotes is refused even where PyYAML reads it as a line break,
 * because YAML 1.2 readers (js-yaml, the npm yaml package) read the same text as one line.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { EpisodeSyntaxError, parseEpisode } from '../shared/episode/index'

const PYTHON_OK = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0

/** One generated front matter (the YAML between the `---` lines). */
interface Hazard {
  readonly name: string
  readonly yaml: string
  /** A raw line separator outside quotes: refused by design even where PyYAML accepts it. */
  readonly rawBreak: boolean
}

const RAW_BREAKS = ['\u0085', '\u2028', '\u2029', '\r']

/** A raw break as the rule means it: NEL, U+2028, U+2029, or a CR that does not start a CRLF. */
const RAW_BREAK = /\r(?!\n)|[\x85\u2028\u2029]/

/** Where a character can sit in a front matter, as a function of the character. */
const SPOTS: readonly (readonly [string, (c: string) => string, boolean])[] = [
  ['plain, inside', (c) => `title: a${c}b\n`, true],
  ['plain, at the start', (c) => `title: ${c}ab\n`, true],
  ['plain, at the end', (c) => `title: ab${c}\n`, true],
  ['plain, before an indented continuation', (c) => `title: ab${c}  cd\n`, true],
  ['plain, continuation line', (c) => `title: ab\n  c${c}d\n`, true],
  ['single-quoted', (c) => `title: 'a${c}b'\n`, false],
  ['single-quoted, beside spaces', (c) => `title: 'a ${c} b'\n`, false],
  ['double-quoted', (c) => `title: "a${c}b"\n`, false],
  ['double-quoted, continuation', (c) => `title: "ab\n  c${c}d"\n`, false],
  ['comment', (c) => `title: ab # x${c}y\n`, true],
  ['comment, at its end', (c) => `title: ab # xy${c}\n`, true],
  ['comment line', (c) => `# x${c}y\ntitle: ab\n`, true],
  ['key', (c) => `ti${c}tle: ab\n`, true],
  ['after the colon', (c) => `title:${c}ab\nseason: 1\n`, true],
  ['after the value', (c) => `title: 'ab'${c}\n`, true],
  ['blank line', (c) => `title: ab\n${c}\nseason: 1\n`, true],
  ['literal block', (c) => `title: |\n  a${c}b\n`, true],
  ['flow list', (c) => `tags: [a,${c}b]\n`, true],
  ['transcript line', (c) => `transcript:\n- line: a${c}b\n  who: A\n`, true],
  ['transcript, quoted line', (c) => `transcript:\n- line: "a${c}b"\n  who: A\n`, false],
  ['after a dash', (c) => `transcript:\n-${c}line: ab\n`, true],
]

const CHARS = ['\t', ...RAW_BREAKS, '\x01', '\x07', '\x0b', '\x0c', '\x1b', '\x7f', '\x80', '\x9f', '\ufffe', '\uffff', '\u00a0', '\ufeff', '\ue000', '😀']

function hazards(): Hazard[] {
  const out: Hazard[] = []
  for (const c of CHARS) {
    for (const [spot, make, outside] of SPOTS) {
      const yaml = make(c)
      out.push({ name: `U+${c.codePointAt(0)!.toString(16).toUpperCase()} in ${spot}`, yaml, rawBreak: outside && RAW_BREAK.test(yaml) })
    }
  }
  for (const n of [1023, 1024, 1025, 2000]) {
    out.push({ name: `a ${n}-character key`, yaml: `${'k'.repeat(n)}: v\n`, rawBreak: false })
    out.push({ name: `a ${n}-character key in an entry`, yaml: `transcript:\n- line: hi\n  ${'k'.repeat(n)}: v\n`, rawBreak: false })
    out.push({ name: `a ${n}-character key with a space before its colon`, yaml: `${'k'.repeat(n - 1)} : v\n`, rawBreak: false })
  }
  for (const n of [1021, 1022, 1023]) out.push({ name: `a quoted key of ${n} characters`, yaml: `'${'k'.repeat(n)}': v\n`, rawBreak: false })
  out.push({ name: 'a key of 600 astral characters (1,200 UTF-16 units)', yaml: `${'😀'.repeat(600)}: v\n`, rawBreak: false })
  out.push({ name: 'a key of 1,025 astral characters', yaml: `${'😀'.repeat(1025)}: v\n`, rawBreak: false })
  return out
}

/** PyYAML's verdict on each YAML text: null when safe_load reads it, else its message. */
function pyyamlVerdicts(texts: readonly string[]): (string | null)[] {
  const script = `
import json, sys, yaml
out = []
for text in json.load(sys.stdin):
    try:
        yaml.safe_load(text)
        out.append(None)
    except yaml.YAMLError as e:
        out.append(str(e).splitlines()[0] or 'error')
print(json.dumps(out))
`
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 26 })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as (string | null)[]
}

/** Our verdict: null when the episode opens, else the located message; anything but a located error fails. */
function ourVerdict(yaml: string): string | null {
  try {
    parseEpisode(`---\n${yaml}---\nBody\n`)
    return null
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) return error.message
    throw error
  }
}

describe('opening refuses exactly what PyYAML refuses', { skip: PYTHON_OK ? false : 'python3 with PyYAML is not available here' }, () => {
  const cases = hazards()
  const verdicts = pyyamlVerdicts(cases.map((c) => c.yaml))

  it('agrees with PyYAML on every generated hazard, with a line and column for each refusal', () => {
    const disagreements = cases.flatMap((c, i) => {
      const ours = ourVerdict(c.yaml)
      const theirs = verdicts[i]!
      if (c.rawBreak) return ours === null ? [`${c.name}: opened, but a raw line separator outside quotes must be refused`] : []
      if ((ours === null) === (theirs === null)) return []
      return [`${c.name}: PyYAML ${theirs === null ? 'reads it' : `refuses it (${theirs})`}, we ${ours === null ? 'open it' : `refuse it (${ours})`}`]
    })
    assert.deepEqual(disagreements, [], `${disagreements.length} of ${cases.length} hazards`)
  })

  it('covers refusals and acceptances alike', () => {
    assert.ok(verdicts.filter((v) => v === null).length > 50)
    assert.ok(verdicts.filter((v) => v !== null).length > 100)
  })
})

describe('check on a file PyYAML refuses', () => {
  it('fails with the line and column of the control character', () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-refuse-'))
    const file = join(dir, 'ctrl.md')
    writeFileSync(file, '---\ntitle: T\ntranscript:\n- line: bell \x07 here\n  who: A\n---\n')
    const result = spawnSync(process.execPath, [join(import.meta.dirname, '../bin/transcript-editor.js'), 'check', '--json', file], { encoding: 'utf8' })
    assert.equal(result.status, 1)
    const report = JSON.parse(result.stdout)
    assert.equal(report.ok, false)
    assert.deepEqual([report.error.line, report.error.column], [4, 14])
    assert.match(report.error.message, /U\+0007/)
  })
})
