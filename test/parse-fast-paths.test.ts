/**
 * The shortcuts that make opening a long episode cheaper keep the exact results of the paths they
 * skip: plain-scalar typing of prose, the style detection, repeated keys in long mappings, the
 * one scan for unprintable characters and raw line breaks, and remembered speaker counts.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EpisodeSyntaxError, parseEpisode, serializeEpisode, setSpeaker, speakerCounts, transcriptToJson } from '../shared/episode/index'
import { pyyamlPlainTag } from '../shared/episode/pyyaml-resolve'

/** An episode file with this front matter (between the `---` lines). */
const episode = (yaml: string) => `---\n${yaml}---\nbody\n`

describe('PyYAML typing of plain text starting with a letter', () => {
  it('still tries the word resolvers up to their longest word and a final line break', () => {
    assert.equal(pyyamlPlainTag('FALSE'), 'bool')
    assert.equal(pyyamlPlainTag('FALSE\n'), 'bool')
    assert.equal(pyyamlPlainTag('Null\n'), 'null')
    assert.equal(pyyamlPlainTag('off\n'), 'bool')
  })

  it('types longer text as a string', () => {
    for (const text of ['Falsey', 'FALSE!\n', 'Nullable', 'No problem', 'Offset', 'True story', 'yes, and'.repeat(5)]) {
      assert.equal(pyyamlPlainTag(text), 'str', text)
    }
  })
})

describe('the style detected from the entries', () => {
  const entry = (line: string, time: string) => `- line: ${line}\n  sec: 61\n  time: '${time}'\n  who: A\n`

  it('counts escaped and raw non-ASCII entries', () => {
    const escaped = parseEpisode(episode(`transcript:\n${entry('"It\\u2019s"', '1:01')}${entry('"Caf\\xE9"', '1:01')}${entry('It’s', '1:01')}`))
    assert.equal(escaped.style.allowUnicode, false)
    const raw = parseEpisode(episode(`transcript:\n${entry('"It\\u2019s"', '1:01')}${entry('It’s', '1:01')}${entry('Café', '1:01')}`))
    assert.equal(raw.style.allowUnicode, true)
    // A backslash that starts no escape does not count.
    const other = parseEpisode(episode(`transcript:\n${entry("'a\\b'", '1:01')}${entry("'c\\d'", '1:01')}${entry('It’s', '1:01')}`))
    assert.equal(other.style.allowUnicode, true)
  })

  it('reads key order and zero-padded minutes', () => {
    const padded = parseEpisode(episode(`transcript:\n${entry('a', '01:01')}${entry('b', '01:01')}${entry('c', '1:01')}`))
    assert.equal(padded.style.padMinutes, true)
    assert.equal(padded.style.sortKeys, true)
    const unsorted = parseEpisode(episode('transcript:\n- line: a\n  who: A\n  sec: 1\n'))
    assert.equal(unsorted.style.sortKeys, false)
    assert.equal(unsorted.style.padMinutes, false)
  })
})

describe('repeated keys', () => {
  it('keep the first position and the last value in a mapping with many keys too', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${i}: ${i}\n`).join('')
    const text = episode(`${keys}k3: again\nk39: last\ntranscript:\n- line: a\n  who: A\n  who: B\n`)
    const doc = parseEpisode(text)
    assert.equal(serializeEpisode(doc), text)
    const pairs = doc.metadata.pairs
    assert.equal(pairs.length, 40)
    assert.deepEqual(pairs[3], ['k3', 'again'])
    assert.deepEqual(pairs[39], ['k39', 'last'])
    assert.deepEqual(transcriptToJson(doc), [{ line: 'a', who: 'B' }])
  })
})

describe('plain keys', () => {
  it('end at the first colon followed by a blank, after spaces, colons and hashes that end nothing', () => {
    const doc = parseEpisode(episode('title  : x\na:b: c\nc#d: e\n"q": r\ntranscript:\n- line: a:b # c\n  who: A\n'))
    assert.deepEqual(doc.metadata.pairs, [['title', 'x'], ['a:b', 'c'], ['c#d', 'e'], ['q', 'r']])
    assert.deepEqual(transcriptToJson(doc), [{ line: 'a:b', who: 'A' }])
  })

  it('are not found after a comment or with a tab before the colon', () => {
    assert.throws(() => parseEpisode(episode('title #x: y\n')), EpisodeSyntaxError)
    assert.throws(() => parseEpisode(episode('ti\ttle: y\n')), /tab/)
  })
})

describe('unprintable characters and raw line breaks', () => {
  const refusal = (text: string): string => {
    try {
      parseEpisode(text)
    } catch (error) {
      assert.ok(error instanceof EpisodeSyntaxError)
      return error.message
    }
    return 'opened'
  }

  it('refuse an unprintable character even after a raw line break', () => {
    assert.match(refusal(episode('title: a\u2028b\nseason: x\x01y\n')), /U\+0001/)
    assert.match(refusal(episode('title: a\rb\nseason: x\x01y\n')), /U\+0001/)
  })

  it('find the first raw break outside quotes, whichever kind comes first', () => {
    assert.match(refusal(episode('title: "a\u2028b"\nseason: x\ry\nnote: a\u0085b\n')), /U\+000D/)
    assert.match(refusal(episode('title: "a\rb"\nseason: x\u2029y\nnote: a\rb\n')), /U\+2029/)
    assert.match(refusal(episode('title: a\u0085b\nseason: x\ry\n')), /U\+0085/)
  })

  it('accept raw breaks inside quotes and CRLF line ends', () => {
    assert.equal(refusal(episode('title: "a\u2028b"\nseason: \'x\ry\'\n')), 'opened')
    const crlf = episode('title: "a\u0085b"\ntranscript:\n- line: a\n  who: A\n').replace(/\n/g, '\r\n')
    assert.equal(refusal(crlf), 'opened')
    // A lone CR among CRLF line ends is still found.
    assert.match(refusal(crlf.replace('- line: a', '- line: a\rb')), /U\+000D/)
  })
})

describe('speaker counts', () => {
  it('follow an edit (a new entry list)', () => {
    const doc = parseEpisode(episode('transcript:\n- line: a\n  who: A\n- line: b\n  who: A\n- line: c\n  who: B\n'))
    assert.deepEqual([...speakerCounts(doc)], [['A', 2], ['B', 1]])
    assert.equal(speakerCounts(doc), speakerCounts(doc))
    const edited = setSpeaker(doc, 0, 'B')
    assert.deepEqual([...speakerCounts(edited)], [['B', 2], ['A', 1]])
    assert.deepEqual([...speakerCounts(doc)], [['A', 2], ['B', 1]])
  })
})
