import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { EpisodeSyntaxError, isHeader, parseEpisode, serializeEpisode, setHeader, setLine, type Episode } from '../shared/episode/index'
import { replaceInEpisode } from '../shared/workspace/find-replace'
import { addMisspelling, EMPTY_GLOSSARY, parseGlossary } from '../shared/workspace/glossary'
import { glossaryHits, glossaryHitsInWorkspace, lintGlossary } from '../shared/workspace/glossary-lint'
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
