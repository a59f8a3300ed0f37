/**
 * The one check before every write: the saved text must read back as the intended episode in
 * full (every front-matter value, the transcript, the text around the front matter), and a file
 * with a repeated top-level key must keep every byte outside the edited entries.
 */
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { episodeDigest, episodeMeaning, verifySavedDigest, verifySavedText } from '../shared/episode/saved-text-check'
import { parseEpisode, removeEntry, serializeEpisode, setLine } from '../shared/episode/index'
import { allEpisodeFiles } from './helpers/corpus'

/** Whether a corpus file opens (the fixtures hold some that must not). */
function opens(file: { text: string }): boolean {
  try {
    parseEpisode(file.text)
    return true
  } catch {
    return false
  }
}

const bin = join(import.meta.dirname, '../bin/transcript-editor.js')

/** `transcript:` twice: PyYAML keeps the last list, and the keys between stay in the file. */
const REPEATED_TRANSCRIPT = `---
transcript:
- line: old
title: Keep me
season: 3
transcript:
- line: Hello
  sec: 1
  time: '0:01'
  who: A
- line: World
  sec: 2
  time: '0:02'
  who: B
---
Body text
`

describe('a file with a repeated top-level key', () => {
  it('reads the last transcript, as PyYAML does', () => {
    const doc = parseEpisode(REPEATED_TRANSCRIPT)
    assert.deepEqual(doc.entries.map((e) => e.pairs[0]![1]), ['Hello', 'World'])
  })

  it('keeps title, season and every byte outside the removed entry', () => {
    const text = serializeEpisode(removeEntry(parseEpisode(REPEATED_TRANSCRIPT), 0))
    assert.equal(text, REPEATED_TRANSCRIPT.replace("- line: Hello\n  sec: 1\n  time: '0:01'\n  who: A\n", ''))
  })

  it('apply removeEntry 0 changes only that entry on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'te-dup-'))
    const file = join(dir, 'dup.md')
    writeFileSync(file, REPEATED_TRANSCRIPT)
    writeFileSync(join(dir, 'ops.json'), JSON.stringify([{ op: 'removeEntry', entry: 0 }]))
    const result = spawnSync(process.execPath, [bin, 'apply', '--ops', join(dir, 'ops.json'), file], { encoding: 'utf8' })
    assert.equal(result.status, 0, result.stderr)
    const after = readFileSync(file, 'utf8')
    assert.match(after, /^title: Keep me$/m)
    assert.match(after, /^season: 3$/m)
    assert.doesNotMatch(after, /Hello/)
  })
})

describe('verifySavedText', () => {
  const sample = allEpisodeFiles().find((f) => f.name.endsWith('crisp-dm.md'))!
  const doc = parseEpisode(sample.text)
  const edited = setLine(doc, 1, 'A line the editor changed')

  it('accepts the serialized text of an edited real episode', () => {
    assert.equal(verifySavedText(serializeEpisode(edited), edited), null)
  })

  it('refuses text that lost a front-matter key, naming the key', () => {
    const text = serializeEpisode(edited).replace(/^title: .*\n/m, '')
    assert.match(verifySavedText(text, edited) ?? '', /"title"/)
  })

  it('refuses text whose front-matter value changed type (an int written as a float)', () => {
    const text = serializeEpisode(edited).replace(/^season: (\d+)$/m, 'season: $1.0')
    assert.notEqual(text, serializeEpisode(edited))
    assert.match(verifySavedText(text, edited) ?? '', /"season"/)
  })

  it('refuses text whose body changed', () => {
    const text = serializeEpisode(edited) + 'trailing words\n'
    assert.match(verifySavedText(text, edited) ?? '', /after the front matter/)
  })

  it('refuses text whose transcript differs, naming the entry', () => {
    assert.match(verifySavedText(serializeEpisode(doc), edited) ?? '', /entry 2/)
  })

  it('refuses text that is not an episode, with its location', () => {
    assert.match(verifySavedText("---\ntitle: 'open\n---\n", edited) ?? '', /line 2, column 8/)
  })
})

describe('the meaning digest', () => {
  it('is a short hex string computed without Node, equal for equal meanings', () => {
    for (const file of allEpisodeFiles().filter(opens).slice(0, 20)) {
      const doc = parseEpisode(file.text)
      const digest = episodeDigest(doc)
      assert.match(digest, /^[0-9a-f]{16}$/)
      assert.equal(episodeDigest(parseEpisode(serializeEpisode(doc))), digest, file.name)
    }
  })

  it('changes with any front-matter value, transcript entry or body byte', () => {
    const doc = parseEpisode(REPEATED_TRANSCRIPT)
    const digest = episodeDigest(doc)
    assert.notEqual(episodeDigest(parseEpisode(REPEATED_TRANSCRIPT.replace('season: 3', 'season: 4'))), digest)
    assert.notEqual(episodeDigest(parseEpisode(REPEATED_TRANSCRIPT.replace('season: 3', "season: '3'"))), digest)
    assert.notEqual(episodeDigest(parseEpisode(REPEATED_TRANSCRIPT.replace('who: B', 'who: C'))), digest)
    assert.notEqual(episodeDigest(parseEpisode(REPEATED_TRANSCRIPT + ' ')), digest)
    assert.deepEqual(episodeMeaning(doc).body, '---\nBody text\n')
  })

  it('lets the host check a text against the digest the UI sent', () => {
    const doc = removeEntry(parseEpisode(REPEATED_TRANSCRIPT), 0)
    const text = serializeEpisode(doc)
    assert.equal(verifySavedDigest(text, episodeDigest(doc)), null)
    assert.match(verifySavedDigest(text.replace('Keep me', 'Lost'), episodeDigest(doc)) ?? '', /does not read back/)
  })
})
