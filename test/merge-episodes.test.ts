import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import {
  insertHeader,
  isHeader,
  moveEntry,
  parseEpisode,
  removeEntry,
  serializeEpisode,
  setHeader,
  setLine,
  setSpeaker,
  textOf,
  transcriptToJson,
  type Episode,
} from '../shared/episode/index'
import { countChanges, mergeEpisodes, resolveMerge } from '../shared/episode/merge-episodes'
import { episodesDir } from './helpers/corpus'

// A save found the file changed on disk: re-apply my edits on top of theirs, entry by entry.

const base = parseEpisode(readFileSync(join(episodesDir, 'building-data-team.md'), 'utf8'))
const firstHeader = base.entries.findIndex(isHeader)
const lines = base.entries.map((entry, i) => (isHeader(entry) ? -1 : i)).filter((i) => i >= 0)
const [lineA, lineB, lineC] = [lines[5]!, lines[40]!, lines[80]!]

/** Theirs as the file on disk: their edits serialized and parsed afresh, as the host reads it. */
function onDisk(doc: Episode): Episode {
  return parseEpisode(serializeEpisode(doc))
}

describe('merging my edits with a changed file', () => {
  it('keeps both when they changed a header and I fixed a line elsewhere, touching only those lines', () => {
    const theirs = onDisk(setHeader(base, firstHeader, 'Welcome and introductions'))
    const mine = setLine(base, lineB, 'A line I fixed.')
    const { merged, conflicts } = mergeEpisodes(base, mine, theirs)
    assert.deepEqual(conflicts, [])
    const data = transcriptToJson(merged)
    assert.equal((data[firstHeader] as { header: string }).header, 'Welcome and introductions')
    assert.equal((data[lineB] as { line: string }).line, 'A line I fixed.')
    const text = serializeEpisode(merged)
    assert.equal(text, serializeEpisode(setLine(theirs, lineB, 'A line I fixed.')), 'exactly theirs with my one entry rewritten')
    assert.deepEqual(transcriptToJson(parseEpisode(text)), data, 'the merged text reads back as merged')
  })

  it('reports one conflict when both changed the same line differently, with the three values', () => {
    const theirs = onDisk(setLine(base, lineA, 'Their wording.'))
    const mine = setSpeaker(setLine(base, lineA, 'My wording.'), lineC, 'Somebody')
    const { merged, conflicts } = mergeEpisodes(base, mine, theirs)
    assert.equal(conflicts.length, 1)
    const [conflict] = conflicts
    assert.equal(textOf(conflict!.base, 'line'), textOf(base.entries[lineA]!, 'line'))
    assert.equal(textOf(conflict!.mine!, 'line'), 'My wording.')
    assert.equal(textOf(conflict!.theirs!, 'line'), 'Their wording.')
    assert.equal(textOf(merged.entries[lineA]!, 'line'), 'Their wording.', 'theirs holds the place until the user chooses')
    assert.equal(textOf(merged.entries[lineC]!, 'who'), 'Somebody', 'my change elsewhere is kept')
    assert.equal(textOf(resolveMerge({ merged, conflicts }, ['mine']).entries[lineA]!, 'line'), 'My wording.')
    assert.equal(serializeEpisode(resolveMerge({ merged, conflicts }, ['theirs'])), serializeEpisode(merged))
  })

  it('needs no choice when both made the same change', () => {
    const theirs = onDisk(setLine(base, lineA, 'Same fix.'))
    const { merged, conflicts } = mergeEpisodes(base, setLine(base, lineA, 'Same fix.'), theirs)
    assert.deepEqual(conflicts, [])
    assert.equal(serializeEpisode(merged), serializeEpisode(theirs))
  })

  it('finds my lines by content when their insertions shifted every position', () => {
    const theirs = onDisk(insertHeader(insertHeader(base, 0, 'Cold open'), 0, 'Trailer'))
    const mine = insertHeader(setLine(base, lineB, 'Fixed after their insert.'), lineB, 'My new section')
    const { merged, conflicts } = mergeEpisodes(base, mine, theirs)
    assert.deepEqual(conflicts, [])
    const data = transcriptToJson(merged) as { line?: string; header?: string }[]
    assert.deepEqual(data.slice(0, 2), [{ header: 'Trailer' }, { header: 'Cold open' }])
    assert.deepEqual(data[lineB + 2], { header: 'My new section' })
    assert.equal(data[lineB + 3]!.line, 'Fixed after their insert.')
    assert.equal(data.length, base.entries.length + 3)
    const ids = new Set(merged.entries.map((entry) => entry.id))
    assert.equal(ids.size, merged.entries.length, 'every merged entry has its own id')
  })

  it('applies my removal and my move of entries they did not touch', () => {
    const theirs = onDisk(setHeader(base, firstHeader, 'Renamed by them'))
    const moved = base.entries[lineC]!
    const mine = moveEntry(removeEntry(base, lineA), lineC - 1, lineB)
    const { merged, conflicts } = mergeEpisodes(base, mine, theirs)
    assert.deepEqual(conflicts, [])
    const expected = transcriptToJson(setHeader(mine, firstHeader, 'Renamed by them'))
    assert.deepEqual(transcriptToJson(merged), expected)
    assert.ok(serializeEpisode(merged).includes(moved.source!.text), 'the moved entry keeps its bytes')
  })

  it('reports a conflict when they removed a line I edited, and restores mine on request', () => {
    const theirs = onDisk(removeEntry(base, lineA))
    const mine = setLine(base, lineA, 'Edited, though they removed it.')
    const result = mergeEpisodes(base, mine, theirs)
    assert.equal(result.conflicts.length, 1)
    assert.equal(result.conflicts[0]!.theirs, null)
    assert.equal(result.merged.entries.length, base.entries.length - 1)
    const restored = transcriptToJson(resolveMerge(result, ['mine']))
    assert.deepEqual(restored, transcriptToJson(mine))
  })

  it('reports a conflict when I removed a line they edited', () => {
    const theirs = onDisk(setLine(base, lineA, 'They improved it.'))
    const result = mergeEpisodes(base, removeEntry(base, lineA), theirs)
    assert.equal(result.conflicts.length, 1)
    assert.equal(result.conflicts[0]!.mine, null)
    assert.equal(resolveMerge(result, ['mine']).entries.length, base.entries.length - 1)
  })

  it('returns theirs byte for byte when I changed nothing', () => {
    const theirs = onDisk(setSpeaker(base, lineA, 'Them'))
    const { merged, conflicts } = mergeEpisodes(base, base, theirs)
    assert.deepEqual(conflicts, [])
    assert.equal(serializeEpisode(merged), theirs.source)
  })

  // The base after a save is the document as saved in memory: its edited entries still carry the
  // source text they were loaded from, while the disk's copy of them is parsed from the saved text.
  it('keeps my second edit of an entry I saved before, when they changed another entry', () => {
    const saved = setLine(base, lineA, 'Saved once AAA')
    const theirs = onDisk(setLine(onDisk(saved), lineB, 'THEIRS'))
    const mine = setLine(saved, lineA, 'Saved once AAA BBB')
    const { merged, conflicts } = mergeEpisodes(saved, mine, theirs)
    assert.deepEqual(conflicts, [], 'they never touched my entry: the saved text and theirs are the same')
    assert.equal(textOf(merged.entries[lineA]!, 'line'), 'Saved once AAA BBB')
    assert.equal(textOf(merged.entries[lineB]!, 'line'), 'THEIRS')
    assert.equal(serializeEpisode(merged), serializeEpisode(setLine(theirs, lineA, 'Saved once AAA BBB')), 'exactly theirs with my one entry rewritten')
  })

  it('removes an entry I saved an edit of and then removed, when they changed another entry', () => {
    const saved = setLine(base, lineA, 'Saved once AAA')
    const theirs = onDisk(setLine(onDisk(saved), lineB, 'THEIRS'))
    const { merged, conflicts } = mergeEpisodes(saved, removeEntry(saved, lineA), theirs)
    assert.deepEqual(conflicts, [])
    assert.equal(merged.entries.length, base.entries.length - 1)
  })
})

describe('counting my changes', () => {
  it('counts each entry edited, moved, inserted or removed once', () => {
    assert.equal(countChanges(base, base), 0)
    assert.equal(countChanges(base, setLine(setSpeaker(base, lineA, 'Somebody'), lineA, 'My wording.')), 1, 'two edits of one entry')
    assert.equal(countChanges(base, moveEntry(base, firstHeader, firstHeader + 1)), 1, 'a header moved one row down')
    assert.equal(countChanges(base, insertHeader(removeEntry(base, lineB), lineA, 'New')), 2, 'one removed, one inserted')
  })
})
