import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseEpisode, serializeEpisode, textOf, transcriptToJson } from '../shared/episode/index'
import { replaceInEpisode } from '../shared/workspace/find-replace'
import { peopleNames, personDisplayName, personIdOf } from '../shared/workspace/people'
import { mentionsOf, renameSpeakerEverywhere } from '../shared/workspace/rename-speaker'
import { detectSiteCheckout } from '../shared/workspace/site-checkout'
import { closestSpeaker, lintSpeakers } from '../shared/workspace/speaker-lint'
import { hostOfListing, speakerChoices, whoNames, workspaceHost } from '../shared/workspace/speakers'
import { corpusDir, episodesDir } from './helpers/corpus'

const siteDir = join(corpusDir ?? '', 'site')
const peopleDir = join(siteDir, '_people')
const people = peopleNames(readdirSync(peopleDir).flatMap((f) => {
  const id = personIdOf(f)
  return id ? [{ id, text: readFileSync(join(peopleDir, f), 'utf8') }] : []
}))
const docs = readdirSync(episodesDir).filter((n) => n.endsWith('.md')).flatMap((n) => {
  try {
    return [{ name: n, doc: parseEpisode(readFileSync(join(episodesDir, n), 'utf8')) }]
  } catch {
    return []
  }
})
const host = workspaceHost(docs.map((d) => d.doc))

function episode(name: string) {
  const found = docs.find((d) => d.name === name)
  assert.ok(found, `${name} is in the corpus`)
  return found.doc
}

describe('recognising a site checkout from folder listings', () => {
  const site = [...readdirSync(siteDir), '_podcast']

  it('takes a folder with _podcast/ beside _people/ or podcast-timestamps/ as the checkout root', () => {
    assert.deepEqual(detectSiteCheckout({ path: '/src/site', names: site }, null), {
      root: '/src/site', podcast: '_podcast', people: '_people', timestamps: 'podcast-timestamps', data: null,
    })
  })

  it('takes the _podcast/ folder itself when its parent is a checkout', () => {
    const podcast = { path: '/src/site/_podcast', names: readdirSync(episodesDir) }
    assert.equal(detectSiteCheckout(podcast, { path: '/src/site', names: [...site, '_data'] })?.root, '/src/site')
    assert.equal(detectSiteCheckout({ path: 'C:\\site\\_podcast\\', names: [] }, { path: 'C:\\site', names: site })?.root, 'C:\\site')
  })

  it('does not take a plain folder of episodes, or _podcast/ alone, for a checkout', () => {
    assert.equal(detectSiteCheckout({ path: '/tmp/eps', names: readdirSync(episodesDir) }, { path: '/tmp', names: site }), null)
    assert.equal(detectSiteCheckout({ path: '/x', names: ['_podcast', '_config.yml'] }, null), null)
    assert.equal(detectSiteCheckout({ path: '/x/_podcast', names: [] }, { path: '/x', names: ['_podcast'] }), null)
  })
})

describe('speakers by name', () => {
  it('reads display names from the people files', () => {
    assert.equal(personDisplayName(readFileSync(join(peopleDir, 'nicksingh.md'), 'utf8')), 'Nick Singh')
    assert.equal(people.get('daniameira') ?? people.get([...people].find(([, n]) => n === 'Dânia Meira')![0]), 'Dânia Meira')
    assert.equal(personIdOf('_template.md'), null)
    assert.equal(people.size, readdirSync(peopleDir).filter((f) => f.endsWith('.md') && f !== '_template.md').length)
  })

  it('finds the host as the speaker of the most episodes', () => {
    assert.equal(host, 'Alexey')
  })

  it('finds the host of a listing only among speakers of two episodes or more', () => {
    assert.equal(hostOfListing([{ speakers: ['Alexey', 'Nick'] }]), null, 'one episode: nobody can be told apart as the host')
    assert.equal(hostOfListing([{ speakers: ['Alexey', 'Nick'] }, { speakers: ['Alexey', 'Rahul'] }]), 'Alexey')
    assert.equal(hostOfListing([{ speakers: ['Nick'] }, { speakers: ['Alexey'] }]), null)
  })

  it('offers the guests by display name with the who spelling the file uses, then the host', () => {
    const choices = speakerChoices(episode('data-interview-behavioral-and-portfolio-prep-guide.md'), people, host)
    assert.deepEqual(choices.map(({ name, who, role }) => ({ name, who, role })), [
      { name: 'Nick Singh', who: 'Nick', role: 'guest' },
      { name: 'Alexey', who: 'Alexey', role: 'host' },
    ])
    assert.ok(choices.every((c) => c.lines > 20))
  })

  it('matches spellings loosely: accents, short forms, a letter off, and the one regular speaker left', () => {
    assert.ok(whoNames('Dania', 'Dânia Meira'))
    assert.ok(whoNames('Chris', 'Christopher Bergh'))
    assert.ok(whoNames('Elena', 'Eleni Verteouri'))
    assert.ok(whoNames('Michael', 'Micheal Lanham'))
    assert.ok(!whoNames('Alexey', 'Nick Singh'))
    const chris = speakerChoices(episode('dataops-automation-and-reliable-data-pipelines.md'), people, host)
    assert.equal(chris.find((c) => c.role === 'guest')?.who, 'Chris')
    const krzysztof = speakerChoices(episode('how-to-grow-your-ml-engineering-career.md'), people, host)
    assert.deepEqual(krzysztof.filter((c) => c.role === 'guest').map((c) => [c.name, c.who]), [['Krzysztof Szafanek', 'Chris']])
    const interviewed = speakerChoices(episode('datatalksclub-scaling-and-free-courses.md'), people, host)
    assert.deepEqual(interviewed.map(({ name, who, role }) => [name, who, role]), [['Alexey Grigorev', 'Alexey', 'guest'], ['Johanna', 'Johanna', 'other']], 'the host as a guest is himself, not the one who interviews him')
    const theo = speakerChoices(episode('mlops-kubeflow-model-monitoring.md'), people, host)
    assert.equal(theo.find((c) => c.role === 'guest')?.who, 'Theo', 'offered without the colon the file writes')
  })
})

describe('the unknown-speaker check', () => {
  it('suggests the closest speaker for typos and punctuation', () => {
    const doc = episode('s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md')
    const problems = lintSpeakers(doc, speakerChoices(doc, people, host))
    const typo = problems.find((p) => textOf(doc.entries[p.entry]!, 'who') === 'Alexeylexey')
    assert.equal(typo?.code, 'unknown-speaker')
    assert.equal(typo?.suggestion, 'Alexey')
    const theo = episode('mlops-kubeflow-model-monitoring.md')
    const theoProblems = lintSpeakers(theo, speakerChoices(theo, people, host))
    assert.ok(theoProblems.length > 100)
    assert.deepEqual(new Set(theoProblems.map((p) => p.suggestion)), new Set(['Theo', 'Alexey']))
  })

  it('flags a sentence in who without guessing a speaker, and nothing in a clean episode', () => {
    const doc = episode('applied-llm-research-and-career-growth-in-practice.md')
    const problems = lintSpeakers(doc, speakerChoices(doc, people, host))
    assert.ok(problems.length >= 10)
    assert.ok(problems.every((p) => p.suggestion === null && /is text of a line in the speaker field/.test(p.message)))
    const clean = episode('data-interview-behavioral-and-portfolio-prep-guide.md')
    assert.deepEqual(lintSpeakers(clean, speakerChoices(clean, people, host)), [])
  })

  it('picks the closest name by prefix, truncation and edit distance', () => {
    const choices = [{ name: 'Juan', who: 'Juan', role: 'guest', lines: 9 }, { name: 'Alexey', who: 'Alexey', role: 'host', lines: 9 }] as const
    assert.equal(closestSpeaker('Nick:', [...choices, { name: 'Nick Singh', who: 'Nick', role: 'guest', lines: 3 }]), 'Nick')
    assert.equal(closestSpeaker('Juaney', choices), 'Juan')
    assert.equal(closestSpeaker('Alexa', choices), 'Alexey')
    assert.equal(closestSpeaker('alexey.', choices), 'Alexey')
    assert.equal(closestSpeaker('Maria', choices), null)
  })
})

describe('renaming a speaker everywhere', () => {
  const name = 'deploying-llms-in-production-fine-tuning-retrieval-open-source-api.md'

  it('fixes Meryam → Meryem in speakers, lines and headers at once, giving back the file', () => {
    const text = readFileSync(join(episodesDir, name), 'utf8')
    const misheard = parseEpisode(serializeEpisode(replaceInEpisode(parseEpisode(text), { find: 'Meryem', replace: 'Meryam', in: ['lines', 'headers', 'speakers'] }).doc))
    const fixed = renameSpeakerEverywhere(misheard, 'Meryam', 'Meryem', { alsoInText: true })
    assert.equal(fixed.speakerEntries, 71)
    assert.ok(fixed.textEntries.length >= 4)
    assert.equal(serializeEpisode(fixed.doc), text)
  })

  it('names the lines and headers that mention a speaker before any new name is typed, as the rename would change them', () => {
    const doc = episode('s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md')
    const mentions = mentionsOf(doc, 'Ruslan')
    assert.ok(mentions.length >= 5, `${mentions.length} mentions`)
    assert.deepEqual(mentions, renameSpeakerEverywhere(doc, 'Ruslan', 'Ruslanx', { alsoInText: true }).textEntries)
    assert.deepEqual(mentionsOf(doc, 'Theo:'), [])
  })

  it('renames only who unless asked to touch the text', () => {
    const doc = episode(name)
    const only = renameSpeakerEverywhere(doc, 'Meryem', 'Meryam')
    assert.deepEqual(only.textEntries, [])
    const data = transcriptToJson(only.doc)
    assert.ok(data.some((e) => typeof e.line === 'string' && e.line.includes('Meryem')))
    assert.ok(!data.some((e) => e.who === 'Meryem'))
  })
})
