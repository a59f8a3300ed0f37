import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { diffLines } from 'diff'
import { load } from 'js-yaml'
import { headerTitle, placeChapters, sameTitle, type ChapterPlacement } from '../shared/chapters/place-chapters'
import * as ep from '../shared/episode/index'
import { episodesWithLists, NO_CORPUS, type EpisodeWithList } from './helpers/chapter-corpus'

const PYTHON_OK = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0

/** Reads the transcript of each file with PyYAML's SafeLoader (as the site's scripts do), in one process. */
const PY_READ = `
import json, re, sys, yaml
out = []
for path in json.load(open(sys.argv[1])):
    text = open(path, encoding='utf-8').read()
    m = re.match(r'---[ \\t]*\\r?\\n(.*?)^(?:---|\\.\\.\\.)[ \\t]*$', text, re.S | re.M)
    out.append(yaml.load(m.group(1), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader)).get('transcript'))
print(json.dumps(out, default=str))
`

type Item = Record<string, unknown>

function pyyamlTranscripts(texts: readonly string[]): Item[][] {
  const dir = mkdtempSync(join(tmpdir(), 'chapters-pyyaml-'))
  try {
    const paths = texts.map((text, i) => {
      const path = join(dir, `${i}.md`)
      writeFileSync(path, text)
      return path
    })
    writeFileSync(join(dir, 'paths.json'), JSON.stringify(paths))
    writeFileSync(join(dir, 'read.py'), PY_READ)
    const run = spawnSync('python3', [join(dir, 'read.py'), join(dir, 'paths.json')], { encoding: 'utf8', maxBuffer: 1 << 28 })
    if (run.status !== 0) throw new Error(`PyYAML could not read the files: ${run.stderr}`)
    return JSON.parse(run.stdout) as Item[][]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function jsyamlTranscript(text: string): Item[] {
  const m = /^---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*$/m.exec(text)!
  return (JSON.parse(JSON.stringify(load(m[1]!))) as { transcript: Item[] }).transcript
}

/**
 * What a reader should see after the import, in that reader's own typing: its reading of the
 * original file with the headers replaced by the placed ones (a reused header as it read it, a
 * new or renamed one as its title), and every line as it read it before.
 */
function intended(original: ep.Episode, placed: ChapterPlacement, before: readonly Item[]): Item[] {
  const oldIndex = new Map(original.entries.map((e, i) => [e, i]))
  const lines = before.filter((_, i) => !ep.isHeader(original.entries[i]!))
  let next = 0
  return placed.doc.entries.map((e) => {
    if (!ep.isHeader(e)) return lines[next++]!
    const i = oldIndex.get(e)
    return i === undefined ? { header: headerTitle(e) } : before[i]!
  })
}

/** Every line a git diff of the import would show, removed and added. */
function changedLines(a: string, b: string): string[] {
  return diffLines(a, b).flatMap((part) => (part.added || part.removed ? part.value.replace(/\n$/, '').split('\n') : []))
}

function headersEqualList(e: EpisodeWithList): boolean {
  const headers = e.doc.entries.filter(ep.isHeader).map(headerTitle)
  return headers.length === e.chapters.length && headers.every((h, i) => sameTitle(h, e.chapters[i]!.title))
}

const withLists = episodesWithLists()
const runs = withLists.filter((e) => e.doc.entries.some((x) => !ep.isHeader(x))).map((e) => {
  const placed = placeChapters(e.doc, e.chapters)
  return { ...e, placed, text: ep.serializeEpisode(placed.doc) }
})

describe('importing each episode\'s own chapter list, on the whole corpus', { skip: withLists.length === 0 ? NO_CORPUS : false }, () => {
  it('gives a byte-identical file for every episode whose list equals its headers', () => {
    const equal = runs.filter(headersEqualList)
    for (const r of equal) assert.equal(r.text, r.doc.source, `${r.name}: importing ${r.listName} changed the file`)
    assert.ok(equal.length >= 150, `${equal.length} of ${runs.length} episodes have a list equal to their headers`)
  })

  it('changes only header lines in the others, and reads back as the placed transcript', () => {
    const others = runs.filter((r) => !headersEqualList(r))
    assert.ok(others.length >= 20)
    for (const r of others) {
      const headerText = new Set(
        [...r.doc.entries, ...r.placed.doc.entries].filter(ep.isHeader).flatMap((h) => ep.entryText(h, r.doc.style).replace(/\n$/, '').split('\n')),
      )
      for (const line of changedLines(r.doc.source, r.text)) assert.ok(headerText.has(line), `${r.name}: the diff holds a line that is not a header's: ${line}`)
      assert.deepEqual(ep.transcriptToJson(ep.parseEpisode(r.text)), ep.transcriptToJson(r.placed.doc), `${r.name}: re-parse`)
    }
  })

  it('refuses, in plain words, an episode that has no transcript lines', () => {
    const empty = withLists.filter((e) => e.doc.entries.every(ep.isHeader))
    assert.ok(empty.length >= 2, "two corpus episodes have chapter lists but no transcript")
    for (const e of empty) assert.throws(() => placeChapters(e.doc, e.chapters), /no transcript lines/)
  })

  it('reads back in js-yaml as the intended transcript', () => {
    for (const r of runs.filter((x) => x.placed.changed)) {
      assert.deepEqual(jsyamlTranscript(r.text), intended(r.doc, r.placed, jsyamlTranscript(r.doc.source)), r.name)
    }
  })

  it('reads back in PyYAML as the intended transcript', { skip: PYTHON_OK ? false : 'python3 with PyYAML is not available here' }, () => {
    const changed = runs.filter((r) => r.placed.changed)
    const texts = changed.flatMap((r) => [r.doc.source, r.text])
    const read = pyyamlTranscripts(texts)
    changed.forEach((r, i) => {
      assert.deepEqual(read[2 * i + 1], intended(r.doc, r.placed, read[2 * i]!), r.name)
    })
  })
})
