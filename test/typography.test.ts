import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { diffLines } from 'diff'
import * as ep from '../shared/episode/index'
import { episodeQuoteStyles, fixTypography, lintTypography } from '../shared/typography/typography-lint'
import { findTypography, fixTypographyText, TYPOGRAPHY_RULES, type TypographyRule } from '../shared/typography/typography-rules'
import { allEpisodeFiles, corpusDir } from './helpers/corpus'

const rulesOf = (text: string) => findTypography(text).map((f) => f.rule)
const only = (...rules: TypographyRule[]) => new Set(rules)

describe('typography rules on one text', () => {
  it('find and fix non-breaking and figure hyphens: "-" inside words, "–" between spaces', () => {
    assert.deepEqual(rulesOf('Day‑Two operations'), ['dash-lookalike'])
    assert.match(findTypography('Day‑Two')[0]!.message, /U\+2011/)
    assert.equal(fixTypographyText('Day‑Two ‒ fail‐fast'), 'Day-Two – fail-fast')
  })

  it('find and fix doubled spaces between words, not a line break in the text', () => {
    assert.deepEqual(rulesOf('informaticians and  biologists'), ['double-space'])
    assert.equal(fixTypographyText('informaticians and  biologists'), 'informaticians and biologists')
    assert.deepEqual(rulesOf('one\n\ntwo'), [])
  })

  it('find and fix a space before punctuation, but not an ellipsis, ".NET" or ":)"', () => {
    assert.deepEqual(rulesOf('the answer up , typically'), ['space-before-punctuation'])
    assert.equal(fixTypographyText('up , typically ; then ?'), 'up, typically; then?')
    assert.deepEqual(rulesOf('wait ... what about .NET :)'), [])
  })

  it('unify straight and curly quotes mixed in one entry to the way most are written', () => {
    assert.deepEqual(rulesOf('it’s what I didn\'t say'), ['mixed-quotes'])
    assert.equal(fixTypographyText('it’s what I didn\'t say'), 'it’s what I didn’t say')
    assert.equal(fixTypographyText('He said "no" and “yes” and “maybe”'), 'He said “no” and “yes” and “maybe”')
    assert.equal(fixTypographyText("it's what I didn't say, it’s"), "it's what I didn't say, it's")
  })

  it('report unbalanced quotes without guessing a fix', () => {
    const found = findTypography('The experiment could be “Let us ask people')
    assert.deepEqual(found.map((f) => [f.rule, f.fixable]), [['unbalanced-quotes', false]])
    assert.equal(fixTypographyText('The experiment could be “Let us ask people'), 'The experiment could be “Let us ask people')
  })

  it('run only the rules switched on', () => {
    const text = 'Day‑Two  ops , “x'
    assert.deepEqual(findTypography(text, only('double-space')).map((f) => f.rule), ['double-space'])
    assert.equal(fixTypographyText(text, only('double-space')), 'Day‑Two ops , “x')
    assert.equal(fixTypographyText(text, only()), text)
  })
})

describe('typography in an episode', () => {
  it('reports the non-breaking hyphens of a header and fixes only that header line', { skip: corpusDir ? false : 'no corpus' }, () => {
    const text = readFileSync(join(corpusDir!, 'episodes/building-data-products-lead-data-scientist.md'), 'utf8')
    const doc = ep.parseEpisode(text)
    const dashes = lintTypography(doc, only('dash-lookalike'))
    assert.ok(dashes.length > 0)
    assert.ok(dashes.every((p) => p.code === 'typography-dash' && ep.isHeader(doc.entries[p.entry]!)))
    const fixed = fixTypography(doc, only('dash-lookalike'))
    assert.equal(fixed.count, dashes.length)
    const out = ep.serializeEpisode(fixed.doc)
    const removed = diffLines(text, out).filter((p) => p.removed).flatMap((p) => p.value.trimEnd().split('\n'))
    assert.equal(removed.length, dashes.length)
    assert.ok(removed.every((l) => l.startsWith('- header:') && l.includes('‑')))
    assert.deepEqual(lintTypography(ep.parseEpisode(out), only('dash-lookalike')), [])
  })

  it('fixes all in an episode touching only the entries it changes, on every episode', () => {
    let fixedEntries = 0
    for (const f of allEpisodeFiles()) {
      let doc: ep.Episode
      try {
        doc = ep.parseEpisode(f.text)
      } catch (error) {
        if (error instanceof ep.EpisodeSyntaxError) continue
        throw error
      }
      const flagged = new Set(lintTypography(doc).filter((p) => p.code !== 'typography-unbalanced-quotes').map((p) => p.entry))
      const { doc: fixed, count } = fixTypography(doc)
      fixedEntries += count
      assert.equal(count, flagged.size, f.name)
      fixed.entries.forEach((e, i) => {
        if (!flagged.has(i)) assert.equal(e, doc.entries[i], `${f.name}: entry ${i} was touched`)
      })
      const again = ep.parseEpisode(ep.serializeEpisode(fixed))
      assert.deepEqual(ep.transcriptToJson(again), ep.transcriptToJson(fixed), f.name)
      const fixable = lintTypography(again).filter((p) => p.code !== 'typography-unbalanced-quotes')
      assert.deepEqual(fixable, [], `${f.name}: a fix left something to fix`)
    }
    assert.ok(fixedEntries > 100, `${fixedEntries} entries fixed`)
  })

  it('fixes only the entries asked for', () => {
    const f = allEpisodeFiles().find((x) => x.name.endsWith('building-data-team.md'))!
    const doc = ep.parseEpisode(f.text)
    const flagged = [...new Set(lintTypography(doc).filter((p) => p.code !== 'typography-unbalanced-quotes').map((p) => p.entry))]
    assert.ok(flagged.length >= 2)
    const one = fixTypography(doc, new Set(TYPOGRAPHY_RULES), [flagged[0]!])
    assert.equal(one.count, 1)
    assert.ok(one.doc.entries.every((e, i) => i === flagged[0] || e === doc.entries[i]))
  })
})

describe('one quote style for the whole episode', { skip: corpusDir ? false : 'no corpus' }, () => {
  const doc = ep.parseEpisode(readFileSync(join(corpusDir!, 'episodes/building-data-products-lead-data-scientist.md'), 'utf8'))
  const textAt = (d: ep.Episode, i: number) => ep.textOf(d.entries[i]!, ep.isHeader(d.entries[i]!) ? 'header' : 'line') ?? ''
  /** How a text writes its single quotes (apostrophes): straight, curly, both, or none at all. */
  const singleStyle = (text: string) => {
    const straight = text.includes("'")
    const curly = /[‘’]/.test(text)
    return straight && curly ? 'both' : straight ? 'straight' : curly ? 'curly' : 'none'
  }
  const mixed = lintTypography(doc, only('mixed-quotes'))

  it('the rule reports the episode’s majority (here mostly straight single quotes, curly double ones)', () => {
    assert.deepEqual(episodeQuoteStyles(doc), { double: 'curly', single: 'straight' })
    assert.ok(mixed.length >= 2)
    assert.ok(mixed.every((p) => /this episode mostly writes .*single ones straight/.test(p.message)), mixed.map((p) => p.message).join('\n'))
  })

  it('fix all writes every rewritten entry in that one style, whatever each entry mostly had', () => {
    const { doc: fixed } = fixTypography(doc)
    const rewritten = fixed.entries.flatMap((e, i) => (e === doc.entries[i] ? [] : [i]))
    assert.ok(rewritten.length > 0)
    const styles = new Set(rewritten.map((i) => singleStyle(textAt(fixed, i))).filter((s) => s !== 'none'))
    assert.deepEqual([...styles], ['straight'], rewritten.map((i) => textAt(fixed, i)).filter((t) => /[‘’]/.test(t)).join('\n'))
    for (const i of rewritten) assert.doesNotMatch(textAt(fixed, i), /"/, `entry ${i}: double quotes curly, as most of the episode's`)
  })

  it('a fix of one entry follows the episode’s majority too', () => {
    const mostlyCurly = mixed.map((p) => p.entry).find((i) => {
      const t = textAt(doc, i)
      return (t.match(/[‘’]/g)?.length ?? 0) > (t.match(/'/g)?.length ?? 0)
    })
    assert.ok(mostlyCurly !== undefined, 'an entry with mostly curly apostrophes')
    const one = fixTypography(doc, only('mixed-quotes'), [mostlyCurly])
    assert.equal(singleStyle(textAt(one.doc, mostlyCurly)), 'straight')
  })
})
