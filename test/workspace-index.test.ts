import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { isHeader, parseEpisode, serializeEpisode, setLine, textOf, type Episode } from '../shared/episode/index'
import type { FindQuery } from '../shared/workspace/find-query'
import { findInEpisode } from '../shared/workspace/find-replace'
import { indexWorkspace, searchWorkspace, withEpisode, withoutEpisode } from '../shared/workspace/workspace-index'
import { replaceInWorkspace } from '../shared/workspace/workspace-replace'
import { episodesDir } from './helpers/corpus'

const files = readdirSync(episodesDir).filter((n) => n.endsWith('.md')).sort().map((n) => ({ id: n, text: readFileSync(join(episodesDir, n), 'utf8') }))
const parsed = files.flatMap((f) => {
  try {
    return [{ id: f.id, doc: parseEpisode(f.text) }]
  } catch {
    return []
  }
})

/** What a search must find: every episode parsed and searched, with no shortcut. */
function bruteForce(query: FindQuery): { id: string; count: number }[] {
  return parsed.map((p) => ({ id: p.id, count: findInEpisode(p.doc, query).length })).filter((r) => r.count > 0)
}

/** Phrases of long lines, which the files fold across two lines of YAML. */
function foldedPhrases(): string[] {
  return parsed.slice(0, 40).flatMap(({ doc }) => {
    const longest = doc.entries.map((e) => textOf(e, 'line') ?? '').sort((a, b) => b.length - a.length)[0] ?? ''
    const words = longest.split(' ')
    return words.length > 30 ? [words.slice(10, 16).join(' '), words.slice(20, 24).join(' ')] : []
  })
}

describe('searching a workspace of episodes', () => {
  const index = indexWorkspace(files)
  const queries: FindQuery[] = [
    { find: 'Grafana' },
    { find: 'grafana', matchCase: false },
    { find: 'Meryem', in: ['lines', 'headers', 'speakers'] },
    { find: 'Nick', in: ['speakers'], wholeWord: true },
    { find: "don't" },
    { find: 'don’t' },
    { find: 'DON’T', matchCase: false },
    { find: 'data engineer', matchCase: false, in: ['lines', 'headers'] },
    { find: 'Q&A', in: ['headers'] },
    { find: '\\bGr[ia]fana\\b', regex: true, matchCase: false },
    { find: 'Alexey' },
    ...foldedPhrases().map((find) => ({ find })),
  ]

  it(`finds exactly what searching every parsed episode finds (${queries.length} queries, ${files.length} files)`, () => {
    assert.ok(queries.length > 40, 'enough folded phrases were found to test with')
    const folded = foldedPhrases().filter((phrase) => !files.some((f) => f.text.includes(phrase)))
    assert.ok(folded.length >= 10, 'some phrases are folded across YAML lines in every file, so the quick text check must not skip them')
    for (const query of queries) {
      const results = searchWorkspace(index, query)
      assert.deepEqual(results.episodes.map((r) => ({ id: r.id, count: r.count })), bruteForce(query), JSON.stringify(query))
      assert.equal(results.total, results.episodes.reduce((n, r) => n + r.count, 0))
    }
  })

  it('groups matches by episode with counts and reports the files that might match but do not parse', () => {
    const results = searchWorkspace(index, { find: 'Alexey', in: ['speakers'] })
    assert.ok(results.episodes.length > 150)
    for (const r of results.episodes) assert.equal(r.count, r.matches.length)
    const broken = files.length - parsed.length
    assert.ok(broken > 0)
    assert.equal(searchWorkspace(index, { find: 'e', regex: true }).failed.length, broken, 'a regex search reads every file')
    assert.ok(searchWorkspace(index, { find: 'Grafana' }).failed.length < broken, 'a plain search skips files without the word')
  })

  it('searches an edited document in place of its file, and forgets a removed one', () => {
    const target = parsed.find((p) => findInEpisode(p.doc, { find: 'Grafana' }).length === 0)!
    const k = target.doc.entries.findIndex((e) => !isHeader(e))
    const edited: Episode = setLine(target.doc, k, 'We monitor it with Grafana.')
    const updated = withEpisode(index, { id: target.id, doc: edited })
    const hit = searchWorkspace(updated, { find: 'Grafana' }).episodes.find((r) => r.id === target.id)
    assert.deepEqual(hit?.matches.map((m) => m.entry), [k])
    assert.equal(searchWorkspace(withoutEpisode(updated, target.id), { find: 'Grafana' }).episodes.some((r) => r.id === target.id), false)
    assert.equal(updated.episodes.length, index.episodes.length)
    assert.equal(index.episodes.find((e) => e.id === target.id)!.text !== null, true, 'the original index is unchanged')
  })

  it('computes a replacement across episodes for review, saving nothing, and honours a selection', () => {
    const query = { find: 'Grafana', replace: 'Grafana Labs', wholeWord: true }
    const pending = replaceInWorkspace(index, query)
    const expected = bruteForce(query)
    assert.deepEqual(pending.map((p) => [p.id, p.replaced]), expected.map((r) => [r.id, r.count]))
    for (const p of pending) {
      const source = files.find((f) => f.id === p.id)!.text
      assert.equal(p.before.source, source)
      const saved = serializeEpisode(p.after)
      const changed = saved.split('\n').filter((line, i) => line !== source.split('\n')[i]).length
      assert.ok(changed > 0 && p.entries.length <= p.replaced)
    }
    const first = searchWorkspace(index, query).episodes[0]!
    const chosen = replaceInWorkspace(index, query, new Map([[first.id, [first.matches[0]!]]]))
    assert.deepEqual(chosen.map((p) => [p.id, p.replaced]), [[first.id, 1]])
  })
})
