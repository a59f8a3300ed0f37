import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { load } from 'js-yaml'
import { headerTitle, placeChapters, sameTitle, type ChapterPlacement } from '../shared/chapters/place-chapters'
import * as ep from '../shared/episode/index'
import { lineChanges, NO_PYTHON, PYTHON_OK, pyyamlFrontMatters } from './helpers/text-checks'
import { episodesWithLists, NO_CORPUS, type EpisodeWithList } from './helpers/chapter-corpus'

type Item = Record<string, unknown>

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
      const { removed, added } = lineChanges(r.doc.source, r.text)
      for (const line of [...removed, ...added]) assert.ok(headerText.has(line), `${r.name}: the diff holds a line that is not a header's: ${line}`)
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

  it('reads back in PyYAML as the intended transcript', { skip: PYTHON_OK ? false : NO_PYTHON }, () => {
    const changed = runs.filter((r) => r.placed.changed)
    const texts = changed.flatMap((r) => [r.doc.source, r.text])
    const read = pyyamlFrontMatters(texts).map((fm) => fm.transcript as Item[])
    changed.forEach((r, i) => {
      assert.deepEqual(read[2 * i + 1], intended(r.doc, r.placed, read[2 * i]!), r.name)
    })
  })
})
