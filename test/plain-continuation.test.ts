/**
 * Plain text over several lines (most of a transcript's lines) reads as PyYAML reads it, whether
 * the parser takes its fast path over the continuation lines or its line-by-line loop (a CR, a tab,
 * a colon or hash that may end the text): a differential test over generated continuations.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'
import { EpisodeSyntaxError, parseEpisode, serializeEpisode, transcriptToJson } from '../shared/episode/index'
import { parseYamlTree, type ScalarNode } from '../shared/episode/yaml-tree'

const PYTHON_OK = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0

/** Continuation lines after `first`, each a piece of YAML text (indentation included). */
const CONTINUATIONS: readonly (readonly string[])[] = [
  [],
  ['    more words'],
  ['   three spaces', '     five spaces'],
  ['    trailing spaces   ', '    and more  '],
  ['', '    after a blank line'],
  ['', '', '    after two blank lines'],
  ['   ', '    after a line of spaces'],
  ['    words', '', '  ', '    after blanks with spaces'],
  ['    # a comment line'],
  ['    words', '    # a comment line'],
  ['    a colon: here'],
  ['    a colon at the end:'],
  ['    a colon:inside a word'],
  ['    a hash # comment'],
  ['    a hash#inside'],
  ['    - a dash'],
  ['\ttab first'],
  ['    \ttab after spaces'],
  ['    a tab\tinside'],
  ['    words', '', '    \t'],
  ['    words', '  \tx'],
  [' one space'],
  ['  two spaces'],
  ['    ---'],
  ['    "quotes" and \'apostrophes\''],
  ['    ends with a space '],
]

/** The entry's key lines after the text, and the first line's own text. */
const FIRSTS = ['first words', 'first: no', 'first #', 'first   ']
const AFTER = ['  sec: 5\n  who: A\n', '  who: A\n', '']

/** Front matters holding each continuation in a transcript line and in a top-level value, LF and CRLF. */
function cases(): string[] {
  const out: string[] = []
  for (const lines of CONTINUATIONS) {
    for (const first of FIRSTS) {
      for (const after of AFTER) {
        const tail = lines.map((l) => `${l}\n`).join('')
        out.push(`title: T\ntranscript:\n- line: ${first}\n${tail}${after}- line: next\n`)
        out.push(`transcript:\n- line: ${first}\n${tail}${after}`)
        out.push(`title: ${first}\n${tail.replace(/^ {2}/gm, '')}season: 1\n`)
      }
    }
  }
  return [...out, ...out.map((y) => y.replace(/\n/g, '\r\n'))]
}

/** PyYAML's reading of each front matter as JSON text, or `error`. */
function pyyamlReadings(texts: readonly string[]): string[] {
  const script = `
import json, sys, yaml
out = []
for text in json.load(sys.stdin):
    try:
        data = yaml.safe_load(text)
        out.append(json.dumps({'title': data.get('title'), 'transcript': data.get('transcript') or []}, sort_keys=True, separators=(',', ':'), ensure_ascii=False))
    except yaml.YAMLError:
        out.append('error')
print(json.dumps(out))
`
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', env: { ...process.env, PYTHONIOENCODING: 'utf-8' }, maxBuffer: 1 << 26 })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as string[]
}

/** Our reading, as `pyyamlReadings` writes it; checks a no-op save gives the file back. */
function ourReading(yaml: string): string {
  const file = `---\n${yaml}---\nBody\n`
  try {
    const doc = parseEpisode(file)
    assert.equal(serializeEpisode(doc), file, 'a no-op save changed the file')
    const title = doc.metadata.pairs.find(([k]) => k === 'title')?.[1] ?? null
    return JSON.stringify({ title, transcript: transcriptToJson(doc) }, (_k, v: unknown) => sortKeys(v))
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) return 'error'
    throw error
  }
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
}

describe('plain text continued over several lines', { skip: PYTHON_OK ? false : 'python3 with PyYAML is not available here' }, () => {
  const yamls = cases()
  const theirs = pyyamlReadings(yamls)

  it('reads as PyYAML reads it, or is refused where PyYAML refuses it', () => {
    const disagreements = yamls.flatMap((yaml, i) => {
      const ours = ourReading(yaml)
      return ours === theirs[i] ? [] : [`${JSON.stringify(yaml)}\n  PyYAML: ${theirs[i]}\n  ours:   ${ours}`]
    })
    assert.deepEqual(disagreements, [], `${disagreements.length} of ${yamls.length} disagree`)
  })

  it('covers texts read and texts refused', () => {
    assert.ok(theirs.filter((t) => t === 'error').length > 100)
    assert.ok(theirs.filter((t) => t !== 'error').length > 300)
  })
})

describe('the span of plain text', () => {
  /** The scalar value of `title` in `yaml` read up to `end`, with its span. */
  const title = (yaml: string, end = yaml.length) => {
    const node = parseYamlTree(yaml, 0, end).pairs.find((p) => p.key === 'title')!.value as ScalarNode
    return { text: node.text, start: node.start, end: node.end }
  }

  it('ends after the last word, before trailing spaces, on one line or several', () => {
    assert.deepEqual(title('title: first   \nseason: 1\n'), { text: 'first', start: 7, end: 12 })
    assert.deepEqual(title('title: first   \n  more  \nseason: 1\n'), { text: 'first more', start: 7, end: 22 })
    assert.deepEqual(title('title: first\r\n  more  \r\nseason: 1\r\n'), { text: 'first more', start: 7, end: 20 })
  })

  it('does not read continuation lines past the end it is given', () => {
    assert.deepEqual(title('title: first\n  more\n', 13), { text: 'first', start: 7, end: 12 })
  })
})
