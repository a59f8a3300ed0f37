import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { EpisodeSyntaxError, isHeader, parseEpisode, serializeEpisode, setHeader, setLine, textOf, type Episode } from '../shared/episode/index'
import { findInEpisode, replaceInEpisode } from '../shared/workspace/find-replace'
import { addMisspelling, EMPTY_GLOSSARY, parseGlossary } from '../shared/workspace/glossary'
import { fixGlossaryHits, glossaryHits, glossaryHitsInWorkspace, glossaryQuery, hitsOfMatches, lintGlossary } from '../shared/workspace/glossary-lint'
import { indexWorkspace, withEpisode } from '../shared/workspace/workspace-index'
import { episodesDir } from './helpers/corpus'

const GLOSSARY = `# Misheard names: the right spelling, then what transcripts wrote.
Grafana: [Grifana, Graphana]   # seen in 3 episodes
Meryem:
- Meryam
Rudderstack: radar stack
"Secoda": ['Cicada']
`

/** The glossary as PyYAML reads it, each value made a list. */
function pyyamlTerms(text: string): Record<string, string[]> {
  const script = 'import sys, json, yaml; d = yaml.safe_load(sys.stdin.read()) or {}; print(json.dumps({k: v if isinstance(v, list) else [v] for k, v in d.items()}))'
  const result = spawnSync('python3', ['-c', script], { input: text, encoding: 'utf8' })
  assert.equal(result.status, 0, result.stderr)
  return JSON.parse(result.stdout) as Record<string, string[]>
}

function asRecord(text: string): Record<string, string[]> {
  return Object.fromEntries(parseGlossary(text).terms.map((t) => [t.term, [...t.misspellings]]))
}

describe('the glossary file', () => {
  it('reads terms in flow, block and single-value forms, as PyYAML does', () => {
    assert.deepEqual(asRecord(GLOSSARY), pyyamlTerms(GLOSSARY))
    assert.deepEqual(asRecord(GLOSSARY).Rudderstack, ['radar stack'])
  })

  it('adds a misspelling by rewriting only that term’s lines, and a new term as one appended line', () => {
    const glossary = parseGlossary(GLOSSARY)
    const added = addMisspelling(glossary, 'Meryem', "Mer'yam: #2")
    assert.equal(added, GLOSSARY.replace("Meryem:\n- Meryam\n", "Meryem: [Meryam, 'Mer''yam: #2']\n"))
    assert.deepEqual(pyyamlTerms(added).Meryem, ['Meryam', "Mer'yam: #2"])
    const appended = addMisspelling(glossary, 'dbt', 'DBT yes')
    assert.equal(appended, `${GLOSSARY}dbt: [DBT yes]\n`)
    const flowEdit = addMisspelling(glossary, 'Grafana', 'yes')
    assert.equal(flowEdit.split('\n')[1], "Grafana: [Grifana, Graphana, 'yes']", 'a word YAML 1.1 reads as true is quoted (the comment on the rewritten line goes)')
    assert.deepEqual(asRecord(flowEdit), pyyamlTerms(flowEdit))
    assert.equal(addMisspelling(glossary, 'Grafana', 'Grifana'), GLOSSARY, 'a known misspelling changes nothing')
  })

  it('starts a new file from the empty glossary, and refuses a malformed one with its line', () => {
    const first = addMisspelling(EMPTY_GLOSSARY, 'Grafana', 'Grifana')
    assert.deepEqual(pyyamlTerms(first), { Grafana: ['Grifana'] })
    assert.throws(() => parseGlossary('Grafana: [Grifana]\nSecoda: {a: b}\n'), (e: unknown) => e instanceof EpisodeSyntaxError && e.line === 2 && /Secoda/.test(e.message))
  })
})

describe('checking episodes against the glossary', () => {
  const name = 'building-mlops-startup.md'
  const text = readFileSync(join(episodesDir, name), 'utf8')
  const original = parseEpisode(text)
  const misheard = parseEpisode(serializeEpisode(replaceInEpisode(original, { find: 'Grafana', replace: 'Grifana', in: ['lines', 'headers'] }).doc))
  const glossary = parseGlossary(GLOSSARY)

  it('flags each misspelling with the corrected text; applying the fixes gives back the real file', () => {
    const problems = lintGlossary(misheard, glossary)
    assert.equal(problems.length, 5)
    assert.ok(problems.every((p) => p.code === 'misspelling' && p.message === '"Grifana" is a known mishearing of "Grafana"'))
    // Fix one at a time, as a user clicking each problem's fix does.
    let fixed: Episode = misheard
    for (let round = 0, p = problems[0]; p !== undefined; round++, p = lintGlossary(fixed, glossary)[0]) {
      assert.ok(round < 10, 'each fix removes a problem')
      fixed = isHeader(fixed.entries[p.entry]!) ? setHeader(fixed, p.entry, p.suggestion!) : setLine(fixed, p.entry, p.suggestion!)
    }
    assert.equal(serializeEpisode(fixed), text)
  })

  it('matches whole words in any case, but not the right spelling', () => {
    const doc = parseEpisode('---\ntranscript:\n- line: grifana, GRIFANA and Grifanas; Grafana is fine\n  who: A\n- header: Monitoring with Graphana\n---\n')
    assert.deepEqual(glossaryHits(doc, glossary).map((h) => [h.entry, h.match, h.term]), [[0, 'grifana', 'Grafana'], [0, 'GRIFANA', 'Grafana'], [1, 'Graphana', 'Grafana']])
    assert.deepEqual(glossaryHits(doc, parseGlossary('Grafana: [grafana]\n')).map((h) => h.match), [], 'a case variant of the term is not flagged where already right')
  })

  it('lists every hit across the workspace', () => {
    const files = readdirSync(episodesDir).filter((n) => n.endsWith('.md')).map((n) => ({ id: n, text: readFileSync(join(episodesDir, n), 'utf8') }))
    const index = indexWorkspace(files)
    assert.deepEqual(glossaryHitsInWorkspace(index, glossary), [], 'the published corpus has these fixed')
    const listed = glossaryHitsInWorkspace(withEpisode(index, { id: name, doc: misheard }), glossary)
    assert.deepEqual(listed.map((e) => [e.id, e.hits.length]), [[name, 5]])
  })
})

describe('a misspelling that is part of the right term where it stands', () => {
  const name = 'building-data-products-lead-data-scientist.md'
  const doc = parseEpisode(readFileSync(join(episodesDir, name), 'utf8'))
  const glossary = parseGlossary('Sherlock Holmes: [Sherlock]\n')
  const series = doc.entries.findIndex((e) => !isHeader(e) && /the famous Sherlock Series/.test(textOf(e, 'line') ?? ''))

  it('is not a hit once the fix wrote the term, so fixing one at a time ends and never doubles a name', () => {
    assert.ok(series >= 0, 'the corpus line about the Sherlock series')
    const first = lintGlossary(doc, glossary).find((p) => p.entry === series)!
    assert.match(first.suggestion!, /the famous Sherlock Holmes Series/)
    const once = setLine(doc, series, first.suggestion!)
    const line = textOf(once.entries[series]!, 'line')!
    const holmes = line.indexOf('Sherlock Holmes Series')
    const hits = glossaryHits(once, glossary).filter((h) => h.entry === series)
    assert.ok(hits.every((h) => h.start !== holmes), 'the "Sherlock" of "Sherlock Holmes" is right as it stands')
    let fixed: Episode = once
    for (let round = 0, p = lintGlossary(fixed, glossary).find((q) => q.entry === series); p !== undefined; round++, p = lintGlossary(fixed, glossary).find((q) => q.entry === series)) {
      assert.ok(round < 10, 'each fix removes a problem')
      fixed = setLine(fixed, series, p.suggestion!)
    }
    assert.doesNotMatch(textOf(fixed.entries[series]!, 'line')!, /Holmes Holmes/)
    assert.doesNotMatch(textOf(fixGlossaryHits(once, glossary).doc.entries[series]!, 'line')!, /Holmes Holmes/, 'fix all agrees')
  })

  it('agrees across the workspace search (the CLI and the Glossary tab) with the episode check', () => {
    const once = setLine(doc, series, lintGlossary(doc, glossary).find((p) => p.entry === series)!.suggestion!)
    const listed = glossaryHitsInWorkspace(indexWorkspace([{ id: name, doc: once }]), glossary)[0]?.hits ?? []
    assert.deepEqual(listed.map((h) => [h.entry, h.start]), glossaryHits(once, glossary).map((h) => [h.entry, h.start]))
    const fromSearch = hitsOfMatches(findInEpisode(once, glossaryQuery(glossary)!), glossary)
    assert.deepEqual(fromSearch.map((h) => [h.entry, h.start]), glossaryHits(once, glossary).map((h) => [h.entry, h.start]))
  })

  it('holds in any case, inside or at the end of the term, and for several words, but a case slip of the whole term is still fixed', () => {
    const hits = (g: string, line: string) => glossaryHits(parseEpisode(`---\ntranscript:\n- line: ${line}\n  who: A\n`.concat('---\n')), parseGlossary(g)).map((h) => h.match)
    assert.deepEqual(hits('Sherlock Holmes: [Sherlock]\n', 'sherlock holmes and SHERLOCK HOLMES, but Sherlock alone'), ['Sherlock'])
    assert.deepEqual(hits('Sherlock Holmes: [Holmes]\n', 'Sherlock Holmes, then Holmes'), ['Holmes'])
    assert.deepEqual(hits('Apache Spark SQL: [Spark SQL]\n', 'Apache Spark SQL and apache spark sql, not Spark SQL'), ['Spark SQL'])
    assert.deepEqual(hits('DataTalks.Club: [DataTalks, Data Talks]\n', 'DataTalks.Club is not DataTalks or Data Talks'), ['DataTalks', 'Data Talks'])
    assert.deepEqual(hits('Talk Talk: [Talk]\n', 'Talk Talk, then Talk'), ['Talk'], 'a term holding its misspelling twice')
    assert.deepEqual(hits('Grafana: [grafana]\n', 'grafana and Grafana'), ['grafana'])
  })
})
