import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import * as ep from '../shared/episode/index'
import { describeRewrites, rewrittenValues, type RewrittenValue } from '../shared/episode/rewritten-values'
import { corpusDir } from './helpers/corpus'

const head = '---\ntitle: T\ntranscript:\n'
const fileOf = (...entries: string[]) => `${head}${entries.join('')}---\nBody\n`
const unquotedTime = "- line: Hi there.\n  sec: 54\n  time: 0:54\n  who: Alexey\n"
const quotedTime = "- line: Hello.\n  sec: 62\n  time: '1:02'\n  who: Alexey\n"

/** The values an edit of entry `index` wrote in another form, as the pure function names them. */
function rewritesOf(doc: ep.Episode, edited: ep.Episode, index: number): RewrittenValue[] {
  return rewrittenValues(doc.entries[index]!, edited.entries[index]!, edited.style)
}

describe('values an edit writes in another form', () => {
  it('names an unquoted time that editing the line quotes, and says why in plain words', () => {
    const doc = ep.parseEpisode(fileOf(unquotedTime, quotedTime))
    const edited = ep.setLine(doc, 0, 'Hi there, everyone.')
    assert.match(ep.serializeEpisode(edited), /time: '0:54'/)
    const rewrites = rewritesOf(doc, edited, 0)
    assert.deepEqual(rewrites, [{ key: 'time', before: '0:54', after: "'0:54'", change: 'quoted' }])
    const text = describeRewrites([rewrites])
    assert.match(text!, /^Also quoted time '0:54' in this entry: unquoted, YAML readers disagree on it/)
    // Jekyll (SafeYAML), which builds the site, takes it for a number; PyYAML for the text.
    assert.match(text!, /Jekyll.*the number 54/)
    assert.match(text!, /PyYAML reads the text/)
  })

  it('names nothing when the rest of the entry is written as before (most edits)', () => {
    const doc = ep.parseEpisode(fileOf(unquotedTime, quotedTime))
    for (const edited of [ep.setLine(doc, 1, 'Hello, world.'), ep.setSpeaker(doc, 1, 'Nick'), ep.setSec(doc, 1, 63)]) {
      assert.deepEqual(rewritesOf(doc, edited, 1), [])
    }
    assert.equal(describeRewrites([[], []]), null)
  })

  it('does not name the value the user edited, nor a re-quote that changed no value (the quoting fix)', () => {
    const doc = ep.parseEpisode(fileOf(unquotedTime))
    assert.deepEqual(rewritesOf(doc, ep.setTime(doc, 0, '0:55'), 0), [])
    assert.deepEqual(rewritesOf(doc, ep.requoteEntry(doc, 0), 0), [])
  })

  it('names nothing for an entry written again in the form it already had (undo, a second edit)', () => {
    const doc = ep.parseEpisode(fileOf(unquotedTime))
    const once = ep.setLine(doc, 0, 'Hi.')
    const twice = ep.setLine(once, 0, 'Hi!')
    assert.deepEqual(rewritesOf(once, twice, 0), [])
    assert.deepEqual(rewritesOf(once, doc, 0), [])
  })

  it('names a quoted value written plain, a value quoted another way and a text wrapped differently', () => {
    // As in the corpus: wrapped by another program at other places than PyYAML's width of 80.
    const long = "'Yeah, I didn''t know about the Upwork scam. That''s really good to know. Alright,\n    let''s take some questions from the community. Here''s one: \"Why did you decide\n    to create a free-to-learn community?\"'"
    const doc = ep.parseEpisode(fileOf(`- line: ${long}\n  sec: 1\n  time: '0:01'\n  who: "Alexey"\n`))
    const edited = ep.setSec(doc, 0, 2)
    const rewrites = rewritesOf(doc, edited, 0)
    assert.deepEqual(
      rewrites.map((r) => [r.key, r.change]),
      [
        ['line', 'rewrapped'],
        ['who', 'restyled'],
      ],
    )
    const text = describeRewrites([rewrites])!
    assert.match(text, /re-wrapped line/)
    assert.match(text, /wrote who "Alexey" as Alexey/)
  })

  it('sums up many entries in one sentence', () => {
    const doc = ep.parseEpisode(fileOf(unquotedTime, unquotedTime.replace(/54/g, '57'), unquotedTime.replace(/54/g, '58'), unquotedTime.replace(/54/g, '59')))
    const { doc: renamed } = ep.renameSpeaker(doc, 'Alexey', 'Alexey G')
    const text = describeRewrites(doc.entries.map((e, i) => rewrittenValues(e, renamed.entries[i]!, renamed.style)))!
    assert.match(text, /^Also quoted time '0:54', '0:57', '0:58' and 1 more in 4 of the edited entries: unquoted, YAML readers disagree on them/)
  })

  it('finds the corpus re-quote on a real episode with an unquoted time', { skip: corpusDir === null }, () => {
    const path = join(corpusDir!, 'episodes', 'ai-in-healthcare-and-digital-therapeutics.md')
    const doc = ep.parseEpisode(readFileSync(path, 'utf8'))
    const index = doc.entries.findIndex((e) => e.source!.text.includes('time: 0:01'))
    const edited = ep.setLine(doc, index, 'Edited.')
    assert.deepEqual(rewritesOf(doc, edited, index), [{ key: 'time', before: '0:01', after: "'0:01'", change: 'quoted' }])
  })
})
