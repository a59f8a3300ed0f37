/**
 * Nothing the editor writes is refused, or read differently, by PyYAML (yaml.safe_load) or Ruby's
 * Psych (the Jekyll side): every entry the emitter writes with the editor's portable quoting for
 * generated hazard strings (control characters, line separators, tabs, non-characters, astral text,
 * long lines folded at a hazard) is loaded by both and must give back the exact string. (PyYAML's
 * own quoting is not on the save path: it writes a NEL raw inside single quotes, which it then
 * reads back as a space.) A lone surrogate has no UTF-8 form and Psych refuses its `\uD800`
 * escape, so the edits refuse it before anything is written.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  applyOps,
  EditError,
  insertHeader,
  isHeader,
  mergeWithPrevious,
  parseEpisode,
  renameSpeaker,
  serializeEpisode,
  setHeader,
  setLine,
  setSpeaker,
  splitLine,
  textOf,
} from '../shared/episode/index'
import { emitEntry, type EmitOptions } from '../shared/episode/pyyaml-emit'
import { fixturesDir } from './helpers/corpus'

const PYTHON_OK = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0
const RUBY_OK = spawnSync('ruby', ['-ryaml', '-rjson', '-e', '1'], { encoding: 'utf8' }).status === 0

/** Loads each YAML text with PyYAML; each result is the loaded data or `{error}`. */
function loadWithPyyaml(texts: readonly string[]): unknown[] {
  const script = `
import json, sys, yaml
out = []
for text in json.load(sys.stdin):
    try:
        out.append(yaml.safe_load(text))
    except Exception as e:
        out.append({'error': str(e)})
print(json.dumps(out))
`
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 28 })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as unknown[]
}

/** Loads each YAML text with Ruby's Psych (safe_load, dates and symbols permitted, as Jekyll does). */
function loadWithPsych(texts: readonly string[]): unknown[] {
  const script = `
out = JSON.parse(STDIN.read).map do |text|
  begin
    YAML.safe_load(text, permitted_classes: [Date, Symbol])
  rescue StandardError => e
    { 'error' => e.message }
  end
end
puts JSON.generate(out)
`
  const result = spawnSync('ruby', ['-ryaml', '-rjson', '-rdate', '-e', script], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 1 << 28 })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as unknown[]
}

/** Code points that stress a YAML writer: C0 and C1 controls, DEL, breaks, BOM, non-characters, astral. */
const HAZARD_CHARS: readonly number[] = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  0x7f, 0x80, 0x85, 0x9f, 0xa0, 0x2028, 0x2029, 0xfeff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x1f600, 0x10fffd, 0x10ffff,
]

/** Strings with each hazard alone, at the start, inside, at the end, beside spaces, and at a fold point. */
function hazardStrings(): string[] {
  const out: string[] = []
  for (const cp of HAZARD_CHARS) {
    const c = String.fromCodePoint(cp)
    out.push(c, `${c}start`, `mid${c}dle`, `end${c}`, `space ${c} around`, `${c} ${c}`, `${'word '.repeat(15)}${c}${' word'.repeat(15)}`)
  }
  out.push('\t', 'a\tb', ' lead', 'trail ', 'a  \n  b', '\n', 'x\n\ny', '# not a comment', "it's", '"quoted"', 'ü and 😀 and \u2028 together')
  return out
}

const OPTIONS: readonly EmitOptions[] = [
  { allowUnicode: true, sortKeys: true, quoting: 'portable', seqIndent: 0, newline: '\n' },
  { allowUnicode: false, sortKeys: true, quoting: 'portable', seqIndent: 2, newline: '\n' },
  { allowUnicode: true, sortKeys: false, quoting: 'portable', seqIndent: 0, newline: '\r\n' },
]

describe('what the emitter writes, PyYAML and Psych read back exactly', { skip: !PYTHON_OK || !RUBY_OK ? 'python3 with PyYAML or ruby with Psych is missing' : false }, () => {
  const strings = hazardStrings()
  const cases = OPTIONS.flatMap((options) => strings.map((s) => ({ s, options, text: 'transcript:' + options.newline + emitEntry([['line', s], ['sec', 1], ['time', '0:01'], ['who', s]], options) })))
  const texts = cases.map((c) => c.text)

  for (const [reader, load] of [['PyYAML', loadWithPyyaml], ['Psych', loadWithPsych]] as const) {
    it(`${reader} loads every emitted entry to the intended strings`, () => {
      const loaded = load(texts)
      const wrong = cases.flatMap((c, i) => {
        const entry = (loaded[i] as { transcript?: { line?: unknown; who?: unknown }[] } | null)?.transcript?.[0]
        return entry?.line === c.s && entry?.who === c.s ? [] : [`${JSON.stringify(c.s)} as ${JSON.stringify(c.text)} -> ${JSON.stringify(loaded[i])}`]
      })
      assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} of ${cases.length} read back wrong`)
    })
  }
})

describe('edits refuse text that has no UTF-8 form (a lone surrogate)', () => {
  const doc = parseEpisode(readFileSync(join(fixturesDir, 'crisp-dm.md'), 'utf8'))
  const line = doc.entries.findIndex((e) => !isHeader(e))
  const lone = 'half \uD83D of an emoji'
  const refuses = (edit: () => unknown) => assert.throws(edit, (e: unknown) => e instanceof EditError && /U\+D83D.*not a whole character/.test(e.message))

  it('in a line, a speaker, a header, a rename and a merge', () => {
    refuses(() => setLine(doc, line, lone))
    refuses(() => setSpeaker(doc, line, lone))
    refuses(() => insertHeader(doc, 0, lone))
    refuses(() => setHeader(insertHeader(doc, 0, 'Intro'), 0, lone))
    refuses(() => renameSpeaker(doc, textOf(doc.entries[line]!, 'who')!, lone))
    refuses(() => mergeWithPrevious(doc, line + 1, lone))
    refuses(() => applyOps(doc, [{ op: 'setLine', entry: line, line: lone }]))
  })

  it('accepts whole astral characters', () => {
    const reread = parseEpisode(serializeEpisode(setLine(doc, line, 'a whole 😀 emoji')))
    assert.equal(textOf(reread.entries[line]!, 'line'), 'a whole 😀 emoji')
  })

  it('refuses a split between the two halves of an astral character', () => {
    const withEmoji = setLine(doc, line, 'before 😀 after')
    assert.throws(() => splitLine(withEmoji, line, 8), /inside the character/)
    assert.doesNotThrow(() => splitLine(withEmoji, line, 7))
  })
})
