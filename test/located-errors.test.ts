/**
 * Every file the editor refuses is refused with a line and a column, and a file too large to open
 * is reported as too large (not as "not UTF-8").
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EpisodeSyntaxError, parseEpisode } from '../shared/episode/index'
import { decodeFileText, MAX_FILE_BYTES } from '../electron/host/text-codec'

/** The located error `parseEpisode` throws for `text`. */
function syntaxError(text: string): EpisodeSyntaxError {
  try {
    parseEpisode(text)
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) return error
    throw new Error(`expected a located EpisodeSyntaxError, got ${String(error)}`)
  }
  throw new Error('expected the file to be refused')
}

describe('refused files get a line and a column', () => {
  it('10,000 nested brackets', () => {
    const error = syntaxError(`---\ntitle: T\ndeep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n---\n`)
    assert.equal(error.line, 3)
    assert.match(error.reason, /nested more than 100 levels/)
  })

  it('10,000 nested list items on one line', () => {
    const error = syntaxError(`---\ntitle: T\ntranscript:\n${'- '.repeat(10_000)}x\n---\n`)
    assert.equal(error.line, 4)
    assert.match(error.reason, /nested more than 100 levels/)
  })

  it('nesting PyYAML reads (100 levels) still opens', () => {
    assert.doesNotThrow(() => parseEpisode(`---\ndeep: ${'['.repeat(99)}${']'.repeat(99)}\n---\n`))
  })

  it('an escape beyond Unicode', () => {
    const error = syntaxError('---\ntitle: "a \\UFFFFFFFF b"\n---\n')
    assert.deepEqual([error.line, error.column], [2, 11])
    assert.match(error.reason, /not a Unicode character/)
  })
})

describe('decodeFileText', () => {
  it('reports a file over the size limit as too large, not as "not UTF-8"', () => {
    assert.throws(() => decodeFileText(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61)), /too large.*64 MB/)
  })

  it('still reports bytes that are not UTF-8 as such', () => {
    assert.throws(() => decodeFileText(new Uint8Array([0x2d, 0xff])), /not UTF-8/)
  })
})
