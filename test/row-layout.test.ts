import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isHeader, parseEpisode, setLine } from '../shared/episode/index'
import { computeOffsets, rowAt } from '../renderer/state/row-layout'
import { episodesDir } from './helpers/corpus'

const doc = parseEpisode(readFileSync(join(episodesDir, 'building-data-team.md'), 'utf8'))
const heights = (offsets: Float64Array) => Array.from(offsets.slice(1), (y, i) => y - offsets[i]!)

describe('row offsets of the grid', () => {
  it('guess a header’s height, and a line’s from its length, wrapping more in a narrower grid', () => {
    const wide = heights(computeOffsets(doc.entries, new Map(), 1400))
    const narrow = heights(computeOffsets(doc.entries, new Map(), 700))
    const header = doc.entries.findIndex(isHeader)
    assert.equal(wide[header], narrow[header], 'a header does not wrap')
    assert.ok(narrow.reduce((a, b) => a + b) > wide.reduce((a, b) => a + b), 'lines wrap more when narrow')
    assert.equal(wide.length, doc.entries.length)
  })

  it('take a measured height over the guess, and read the text of an edited document again', () => {
    const line = doc.entries.findIndex((e) => !isHeader(e))
    const measured = new Map([[doc.entries[line]!.id, 500]])
    assert.equal(heights(computeOffsets(doc.entries, measured, 1000))[line], 500)
    const before = heights(computeOffsets(doc.entries, new Map(), 1000))[line]!
    const longer = setLine(doc, line, 'word '.repeat(400))
    assert.ok(heights(computeOffsets(longer.entries, new Map(), 1000))[line]! > before, 'the longer text is a taller guess')
  })

  it('find the row at a height', () => {
    const offsets = computeOffsets(doc.entries, new Map(), 1000)
    assert.equal(rowAt(offsets, 0), 0)
    assert.equal(rowAt(offsets, offsets[5]! + 1), 5)
    assert.equal(rowAt(offsets, offsets[doc.entries.length]! + 100), doc.entries.length - 1)
  })
})
