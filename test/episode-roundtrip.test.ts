import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { load, YAML11_SCHEMA } from 'js-yaml'
import {
  EpisodeSyntaxError,
  insertHeader,
  parseEpisode,
  serializeEpisode,
  transcriptToJson,
} from '../shared/episode/index'
import { allEpisodeFiles } from './helpers/corpus'

const files = allEpisodeFiles()

/** The front matter's YAML text, as Jekyll splits it. */
function frontMatterOf(text: string): string {
  const doc = parseEpisode(text)
  return text.slice(doc.frontMatterStart, doc.frontMatterEnd)
}

describe('opening and saving without an edit', () => {
  it('gives back every corpus and fixture file byte for byte', () => {
    let opened = 0
    let refused = 0
    for (const file of files) {
      let doc
      try {
        doc = parseEpisode(file.text)
      } catch (error) {
        assert.ok(error instanceof EpisodeSyntaxError, `${file.name}: ${String(error)}`)
        refused++
        continue
      }
      assert.equal(serializeEpisode(doc), file.text, `${file.name} changed on a no-op save`)
      opened++
    }
    console.log(`# round-tripped ${opened} files byte-identically; ${refused} refused as not episodes`)
    assert.ok(opened >= 11)
  })

  it('refuses only the template and the file with a stray line before its front matter', () => {
    const refused = files.filter((f) => {
      try {
        parseEpisode(f.text)
        return false
      } catch {
        return true
      }
    })
    for (const f of refused) assert.match(f.name, /_template\.md$|_theme-park/)
  })

  it('reads the transcript as an independent YAML reader does', () => {
    for (const file of files) {
      let doc
      try {
        doc = parseEpisode(file.text)
      } catch {
        continue
      }
      const data = load(frontMatterOf(file.text)) as { transcript?: unknown[] }
      assert.deepEqual(transcriptToJson(doc), data.transcript ?? [], file.name)
    }
  })

  it('keeps dates as the text written, never as a Date', () => {
    const seed = files.find((f) => f.name.endsWith('ab-testing-and-product-experimentation.md'))!
    const doc = parseEpisode(seed.text)
    const dateadded = doc.metadata.pairs.find(([k]) => k === 'dateadded')?.[1]
    assert.deepEqual(dateadded, { kind: 'date', text: '2022-02-27' })
  })
})

describe('unusual but valid files', () => {
  const seed = files.find((f) => f.name.includes('seed-'))!.text

  it('opens and round-trips CRLF line endings', () => {
    const crlf = seed.replace(/\n/g, '\r\n')
    const doc = parseEpisode(crlf)
    assert.equal(serializeEpisode(doc), crlf)
    const edited = serializeEpisode(insertHeader(doc, 1, 'New section'))
    assert.ok(edited.includes('\r\n- header: New section\r\n'))
    assert.ok(!/[^\r]\n/.test(edited), 'every line break stays CRLF')
  })

  it('opens and round-trips a file starting with a BOM', () => {
    const bom = '\ufeff' + seed
    assert.equal(serializeEpisode(parseEpisode(bom)), bom)
  })

  it('opens duplicate keys with the last one winning, as PyYAML does, and round-trips them', () => {
    const text = '---\ntitle: First\ntitle: Second\ntranscript:\n- line: Hi\n  sec: 1\n  time: 0:01\n  who: A\n  who: B\n---\nbody'
    const doc = parseEpisode(text)
    assert.equal(serializeEpisode(doc), text)
    assert.deepEqual(transcriptToJson(doc), [{ line: 'Hi', sec: 1, time: '0:01', who: 'B' }])
    assert.deepEqual(doc.metadata.pairs, [['title', 'Second']])
  })

  it('opens quoted values whose continuation lines are under-indented by hand', () => {
    const text = '---\ntitle: "Context: one\n\nCore: two"\nshort: \'a\nb\'\ntranscript:\n- header: H\n---\n'
    const doc = parseEpisode(text)
    assert.equal(serializeEpisode(doc), text)
    assert.deepEqual(doc.metadata.pairs.slice(0, 2), [['title', 'Context: one\nCore: two'], ['short', 'a b']])
  })

  it('keeps unknown keys and blank lines or comments between entries', () => {
    const text = '---\ntranscript:\n- line: Hi\n  mood: happy\n  who: A\n\n# a comment\n- header: H\n---\n'
    const doc = parseEpisode(text)
    assert.equal(doc.entries.length, 2)
    assert.equal(serializeEpisode(doc), text)
    assert.deepEqual(transcriptToJson(doc)[0], { line: 'Hi', mood: 'happy', who: 'A' })
  })

  it('opens an episode without a transcript and adds the key after the last top-level key', () => {
    const text = '---\ntitle: T\nseason: 1\n\n---\nBody\n'
    const doc = parseEpisode(text)
    assert.equal(doc.entries.length, 0)
    assert.equal(serializeEpisode(doc), text)
    assert.equal(serializeEpisode(insertHeader(doc, 0, 'Intro')), '---\ntitle: T\nseason: 1\ntranscript:\n- header: Intro\n\n---\nBody\n')
  })

  it('fills an empty transcript list in place', () => {
    const text = '---\ntranscript: []\ntitle: T\n---\n'
    assert.equal(serializeEpisode(insertHeader(parseEpisode(text), 0, 'Intro')), '---\ntranscript:\n- header: Intro\ntitle: T\n---\n')
  })
})

describe('files that are not episodes', () => {
  const good = '---\ntitle: T\ntranscript:\n- line: Hello there\n  who: A\n---\nBody\n'
  const cases: [string, string, RegExp, number][] = [
    ['an empty file', '', /empty/, 1],
    ['a binary file', '\0\x01\x02PNG', /not a text file/, 1],
    ['text without front matter', 'Just some notes\n', /must start with a "---" line/, 1],
    ['truncated front matter', '---\ntitle: T\ntranscript:\n- line: Hel', /not closed/, 1],
    ['a missing closing ---', good.replace('---\nBody', 'Body'), /not closed/, 1],
    ['tab indentation', '---\ntitle: T\ntranscript:\n- line: Hi\n\twho: A\n---\n', /tab/, 5],
    ['an unclosed quote', "---\ntitle: 'Unclosed\ntranscript:\n- line: Hi\n---\n", /never closed/, 2],
    ['a raw paragraph pasted into the YAML', good.replace('---\nBody', '00:00\nAlexey\nHello everyone\n---\nBody'), /key: value/, 6],
    ['a transcript that is not a list', '---\ntranscript: some text\n---\n', /must be a list/, 2],
    ['a Liquid template', '---\ntitle: "{{ title }}"\nguests: [{{ guest }}]\n---\n', /mapping key/, 3],
  ]
  for (const [what, text, message, line] of cases) {
    it(`refuses ${what} with a located, plain-language error`, () => {
      assert.throws(
        () => parseEpisode(text),
        (error: unknown) => {
          assert.ok(error instanceof EpisodeSyntaxError, String(error))
          assert.match(error.message, message)
          assert.equal(error.line, line, error.message)
          assert.ok(error.column >= 1)
          return true
        },
      )
    })
  }
})

describe('YAML 1.1 typing of what the files hold', () => {
  it('reads values the way PyYAML does', () => {
    const doc = parseEpisode("---\ntranscript:\n- line: '22'\n  sec: 36\n  time: 0:36\n  who: no\n- line: :probabl. hired me\n  time: 2:02\n---\n")
    assert.deepEqual(transcriptToJson(doc), [
      { line: '22', sec: 36, time: '0:36', who: false },
      { line: ':probabl. hired me', time: 122 },
    ])
    // js-yaml's YAML 1.1 schema agrees, except for 0:36, which it (like Jekyll) reads as 36.
    const data = load("transcript:\n- time: 0:36\n- time: 2:02", { schema: YAML11_SCHEMA }) as { transcript: unknown[] }
    assert.deepEqual(data.transcript, [{ time: 36 }, { time: 122 }])
  })
})
