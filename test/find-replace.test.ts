import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { load, YAML11_SCHEMA } from 'js-yaml'
import { parse } from 'yaml'
import { entryText, parseEpisode, serializeEpisode, textOf, transcriptToJson } from '../shared/episode/index'
import { compileQuery, matchesIn, QueryError, replacementFor } from '../shared/workspace/find-query'
import { findInEpisode, replaceInEpisode } from '../shared/workspace/find-replace'
import { episodesDir } from './helpers/corpus'

const MERYEM = 'deploying-llms-in-production-fine-tuning-retrieval-open-source-api.md'
const ALL = ['lines', 'headers', 'speakers'] as const

function corpusEpisode(name: string) {
  const text = readFileSync(join(episodesDir, name), 'utf8')
  return { text, doc: parseEpisode(text) }
}

/** The numbers of the lines that differ between two texts of the same line count. */
function changedLines(a: string, b: string): number[] {
  const x = a.split('\n')
  const y = b.split('\n')
  assert.equal(x.length, y.length, 'same number of lines')
  return x.flatMap((line, i) => (line === y[i] ? [] : [i]))
}

/** Reads a YAML text with PyYAML or Ruby's Psych (what the site's scripts and Jekyll use) and returns it as JSON data. */
function readWith(program: 'python3' | 'ruby', yamlText: string): unknown {
  const args = program === 'python3'
    ? ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))']
    : ['-ryaml', '-rjson', '-e', 'puts JSON.generate(YAML.safe_load($stdin.read))']
  const result = spawnSync(program, args, { input: yamlText, encoding: 'utf8' })
  assert.equal(result.status, 0, `${program} failed: ${result.stderr}`)
  return JSON.parse(result.stdout)
}

describe('finding text in an episode', () => {
  const { doc } = corpusEpisode(MERYEM)

  it('is plain, case-sensitive and in lines only unless told otherwise', () => {
    const matches = findInEpisode(doc, { find: 'Meryem' })
    assert.ok(matches.length >= 4)
    assert.ok(matches.every((m) => m.field === 'line' && m.match === 'Meryem'))
    assert.equal(findInEpisode(doc, { find: 'meryem' }).length, 0)
    assert.equal(findInEpisode(doc, { find: 'meryem', matchCase: false }).length, matches.length)
    assert.equal(findInEpisode(doc, { find: 'M.ryem' }).length, 0, 'a dot is a dot without regex')
  })

  it('looks in headers and speakers when asked, and gives each match its entry, field, offsets and context', () => {
    const matches = findInEpisode(doc, { find: 'Meryem', in: ALL })
    const who = matches.filter((m) => m.field === 'who')
    const headers = matches.filter((m) => m.field === 'header')
    assert.ok(who.length > 50)
    assert.ok(headers.length >= 1)
    for (const m of matches) {
      const text = textOf(doc.entries[m.entry]!, m.field)!
      assert.equal(text.slice(m.start, m.end), 'Meryem')
      assert.ok(text.slice(0, m.start).endsWith(m.before.replace(/^…/, '')))
      assert.ok(text.slice(m.end).startsWith(m.after.replace(/…$/, '')))
    }
    const header = headers[0]!
    assert.equal(`${header.before}${header.match}${header.after}`, 'Guest Introduction: Meryem Arik and TitanML')
  })

  it('matches whole words only when asked, in any script', () => {
    const d = parseEpisode("---\ntranscript:\n- line: Ali and Alina met Ali. Ålis Åli, _Ali\n  who: A\n---\n")
    const starts = (q: object) => findInEpisode(d, { find: 'Ali', ...q }).map((m) => m.start)
    assert.deepEqual(starts({}), [0, 8, 18, 34])
    assert.deepEqual(starts({ wholeWord: true }), [0, 18])
    assert.deepEqual(findInEpisode(d, { find: 'Åli', wholeWord: true }).map((m) => m.start), [28])
  })

  it('refuses an empty search and a broken regular expression in plain words', () => {
    assert.throws(() => findInEpisode(doc, { find: '' }), QueryError)
    assert.throws(() => findInEpisode(doc, { find: 'Mer(yem', regex: true }), (e: Error) => e instanceof QueryError && /"Mer\(yem" is not a valid regular expression \(unterminated group\)/.test(e.message))
    assert.doesNotThrow(() => findInEpisode(doc, { find: 'Mer(yem' }), 'without regex the text is searched as typed')
    assert.throws(() => findInEpisode(doc, { find: 'x', in: [] }), /at least one place/)
  })

  it('skips empty regex matches instead of looping', () => {
    assert.equal(findInEpisode(doc, { find: 'x*', regex: true }).every((m) => m.end > m.start), true)
  })
})

describe('replacing text in an episode', () => {
  it('renames Meryem to Meryam and back in lines, headers and speakers, giving back the file byte for byte', () => {
    const { text, doc } = corpusEpisode(MERYEM)
    const misheard = replaceInEpisode(doc, { find: 'Meryem', replace: 'Meryam', in: ALL })
    assert.equal(misheard.replaced, findInEpisode(doc, { find: 'Meryem', in: ALL }).length)
    const misheardText = serializeEpisode(misheard.doc)
    const fixed = replaceInEpisode(parseEpisode(misheardText), { find: 'Meryam', replace: 'Meryem', in: ALL })
    assert.deepEqual(fixed.entries, misheard.entries)
    assert.equal(serializeEpisode(fixed.doc), text)
  })

  it('changes only the lines of the entries with a match; every other byte stays', () => {
    const { text, doc } = corpusEpisode(MERYEM)
    const { doc: edited, entries } = replaceInEpisode(doc, { find: 'Meryem', replace: 'Meryam', in: ['speakers'] })
    const saved = serializeEpisode(edited)
    const whoLines = changedLines(text, saved)
    assert.equal(whoLines.length, entries.length, 'one `who:` line per changed entry')
    for (const i of whoLines) assert.equal(saved.split('\n')[i], '  who: Meryam')
    edited.entries.forEach((entry, i) => {
      if (!entries.includes(i)) assert.equal(entry, doc.entries[i], `entry ${i} is shared untouched`)
    })
  })

  it('replaces only the chosen matches', () => {
    const { doc } = corpusEpisode(MERYEM)
    const matches = findInEpisode(doc, { find: 'Meryem', replace: 'Meryam', in: ALL })
    const chosen = [matches[0]!, matches[matches.length - 1]!]
    const result = replaceInEpisode(doc, { find: 'Meryem', replace: 'Meryam', in: ALL }, chosen)
    assert.equal(result.replaced, 2)
    assert.deepEqual(result.entries, [chosen[0]!.entry, chosen[1]!.entry])
    assert.equal(findInEpisode(result.doc, { find: 'Meryam', in: ALL }).length, 2)
  })

  it('expands $1, $& and $<name> with regex, as String.replace does', () => {
    const { doc } = corpusEpisode(MERYEM)
    const query = { find: '(Mer)y(?<tail>em)', replace: '$1[$&]$<tail>$$', regex: true, in: ALL }
    const result = replaceInEpisode(doc, query)
    const before = transcriptToJson(doc)
    const after = transcriptToJson(result.doc)
    before.forEach((entry, i) => {
      for (const key of ['line', 'header', 'who'] as const) {
        const value = entry[key]
        if (typeof value === 'string') assert.equal(after[i]![key], value.replace(/(Mer)y(?<tail>em)/g, '$1[$&]$<tail>$$'))
      }
    })
    assert.ok(result.entries.length > 70)
  })

  it('keeps $1 literal without regex', () => {
    const d = parseEpisode('---\ntranscript:\n- line: cost 5 dollars\n  who: A\n---\n')
    const { doc } = replaceInEpisode(d, { find: '5 dollars', replace: '$1 and $&' })
    assert.equal(textOf(doc.entries[0]!, 'line'), 'cost $1 and $&')
  })

  it('expands every kind of template the way JavaScript does', () => {
    const input = 'say Grifana and Graphana, not grafana'
    for (const [find, flags, template] of [
      ['(Gr)(i|a)(ph)?ana', 'g', "$1$2$3|$0|$4|$10|$01|$`|$'|$|$<x>|$$$"],
      ['(?<g>Gr)(?<r>i)fana', 'g', '$<r>$<g>$<missing>$<unclosed'],
      ['gr(a)', 'gi', '$11$1$100'],
    ] as const) {
      const compiled = compileQuery({ find, replace: template, regex: true, matchCase: !flags.includes('i') })
      let ours = ''
      let at = 0
      for (const m of matchesIn(compiled, input)) {
        ours += input.slice(at, m.start) + replacementFor(compiled, m, input)
        at = m.end
      }
      ours += input.slice(at)
      assert.equal(ours, input.replace(new RegExp(find, flags), template), `${find} → ${template}`)
    }
  })

  it('writes a replacement with quotes, a colon, a hash and a backslash that every YAML reader reads back exactly', () => {
    const { doc } = corpusEpisode(MERYEM)
    const tricky = `you know: #1 'quoted' "double" \\ back`
    const result = replaceInEpisode(doc, { find: 'Meryem', replace: tricky, in: ALL })
    const written = result.entries.map((i) => result.doc.entries[i]!)
    const yamlText = 'transcript:\n' + written.map((e) => entryText(e, result.doc.style)).join('')
    const intended = result.entries.map((i) => transcriptToJson(result.doc)[i])
    assert.ok(intended.some((e) => e!.who === tricky) && intended.some((e) => typeof e!.header === 'string' && e!.header.includes(tricky)))
    const readers: [string, unknown][] = [
      ['PyYAML', readWith('python3', yamlText)],
      ['Ruby Psych', readWith('ruby', yamlText)],
      ['js-yaml', load(yamlText)],
      ['js-yaml YAML 1.1', load(yamlText, { schema: YAML11_SCHEMA })],
      ['yaml 1.2', parse(yamlText, { version: '1.2' })],
      ['yaml 1.1', parse(yamlText, { version: '1.1' })],
    ]
    for (const [reader, data] of readers) assert.deepEqual((data as { transcript: unknown }).transcript, intended, reader)
    assert.deepEqual(transcriptToJson(parseEpisode(serializeEpisode(result.doc))), transcriptToJson(result.doc))
  })
})
