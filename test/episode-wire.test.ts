import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { episodeFromWire, episodeToWire, EpisodeWireError } from '../shared/episode/episode-wire'
import { parseEpisode, serializeEpisode, setLine } from '../shared/episode/index'
import type { Episode } from '../shared/episode/index'
import { allEpisodeFiles } from './helpers/corpus'

/** The episode as the page rebuilds it from what the host sends: the wire through JSON, and the text. */
function rebuilt(doc: Episode): Episode {
  return episodeFromWire(JSON.parse(JSON.stringify(episodeToWire(doc))), doc.source)
}

describe('an episode parsed by the host and rebuilt by the page', () => {
  it('equals the page’s own parse for every corpus and fixture file', () => {
    const files = allEpisodeFiles().filter((file) => {
      try {
        parseEpisode(file.text)
        return true
      } catch {
        return false // Files that are no episode are sent without a parse.
      }
    })
    assert.ok(files.length > 200, `${files.length} files`)
    for (const file of files) {
      const doc = parseEpisode(file.text)
      const copy = rebuilt(doc)
      assert.deepStrictEqual(copy, doc, file.name)
      for (const entry of copy.entries) assert.equal(entry.pairs, entry.source?.pairs, `${file.name}: an untouched entry is written as its source`)
      assert.equal(serializeEpisode(copy), file.text, file.name)
    }
  })

  it('keeps the values JSON has no exact form for: big ints, NaN, -0, floats, infinities and dates', () => {
    const text = [
      '---',
      'big: 123456789012345678901234567890',
      'negative: -0',
      'float: 1.0',
      'negativeFloat: -0.0',
      'nan: .nan',
      'inf: -.inf',
      'date: 2022-03-19',
      'stamp: 2022-03-19 10:00:00',
      'nested: {a: [1, 2.5, no, ~, "x"], b: {c: 0x1F}}',
      'transcript:',
      '- {line: "A line long enough to be sent as offsets into the file", sec: 12, time: \'0:12\', who: Alexey}',
      '',
      '# a comment kept with the next entry',
      '- line: 1:02',
      '  sec: 9007199254740993',
      '  who: no',
      '  time: 0:07',
      '  extra: [.5, {deep: 2022-01-01}]',
      '- header: Section',
      '---',
      'Body.',
      '',
    ].join('\n')
    const doc = parseEpisode(text)
    assert.deepStrictEqual(rebuilt(doc), doc)
    assert.ok(rebuilt(doc).entries[1]!.source!.ambiguous.length > 0, 'the misread keys are kept')
  })

  it('refuses data that does not fit the text rather than build a wrong episode', () => {
    const doc = parseEpisode(allEpisodeFiles().find((f) => f.name.endsWith('crisp-dm.md'))!.text)
    const wire = JSON.parse(JSON.stringify(episodeToWire(doc)))
    assert.throws(() => episodeFromWire(wire, doc.source.slice(0, 100)), EpisodeWireError)
    assert.throws(() => episodeFromWire({ ...wire, version: 0 }, doc.source), EpisodeWireError)
    assert.throws(() => episodeToWire(setLine(doc, doc.entries[1]!.id, 'Edited')), EpisodeWireError, 'only a parse is sent, never an edited episode')
  })
})
