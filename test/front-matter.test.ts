import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { locateFrontMatter } from '../shared/episode/front-matter'
import { EpisodeSyntaxError } from '../shared/episode/index'
import { allEpisodeFiles } from './helpers/corpus'

/** The text between the opening line and the closing one. */
const yamlOf = (text: string) => {
  const { start, end } = locateFrontMatter(text)
  return text.slice(start, end)
}

describe('finding the front matter as Jekyll does', () => {
  it('ends at the first line that is --- or ..., trailing spaces and tabs allowed', () => {
    assert.equal(yamlOf('---\ntitle: A\n---\nBody\n'), 'title: A\n')
    assert.equal(yamlOf('---\ntitle: A\n...\nBody\n'), 'title: A\n')
    assert.equal(yamlOf('---\ntitle: A\n--- \t\nBody\n'), 'title: A\n')
    assert.equal(yamlOf('---\r\ntitle: A\r\n---\r\nBody\r\n'), 'title: A\r\n')
    assert.equal(yamlOf('---\ntitle: A\n---'), 'title: A\n', 'a closing line at the end of the file')
    assert.equal(yamlOf('---\n---\nBody\n'), '', 'empty front matter')
    assert.equal(yamlOf('\uFEFF---\ntitle: A\n---\n'), 'title: A\n')
  })

  it('does not end at dashes or dots that are not a line of their own', () => {
    assert.equal(yamlOf('---\nline: a --- b\n----\n---x\n....\n- ...\n---\n'), 'line: a --- b\n----\n---x\n....\n- ...\n')
  })

  it('starts lines only after a line feed, as Ruby does: a --- after a lone CR or U+2028 closes nothing', () => {
    assert.equal(yamlOf('---\ntitle: a\r---\n---\n'), 'title: a\r---\n')
    assert.equal(yamlOf('---\ntitle: a\u2028---\n---\n'), 'title: a\u2028---\n')
  })

  it('refuses a front matter that is never closed', () => {
    for (const text of ['---\n', '---\ntitle: A\n', '---\ntitle: A\n -- \n']) {
      assert.throws(() => locateFrontMatter(text), (error: unknown) => error instanceof EpisodeSyntaxError && /not closed/.test(error.message), JSON.stringify(text))
    }
  })

  it('finds the same front matter as the multiline pattern it replaces in every corpus and fixture file', () => {
    const pattern = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm
    const found = (text: string): number | null => {
      try {
        return locateFrontMatter(text).end
      } catch (error) {
        if (error instanceof EpisodeSyntaxError) return null
        throw error
      }
    }
    for (const file of allEpisodeFiles()) {
      const open = /^\uFEFF?---[ \t]*\r?\n/.exec(file.text)
      pattern.lastIndex = open?.[0].length ?? 0
      const expected = open ? (pattern.exec(file.text)?.index ?? null) : null
      assert.equal(found(file.text), expected, file.name)
    }
  })
})
