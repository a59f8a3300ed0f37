import { problemsFor } from '../renderer/state/problems'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseEpisode, renameSpeaker, serializeEpisode, setSpeaker, textOf, type Episode } from '../shared/episode/index'
import { peopleNames, personIdOf } from '../shared/workspace/people'
import { createController } from '../renderer/state/controller'
import { assignNthSpeaker, commitEdit, noNthSpeaker, redoCommand, renameSpeakerEverywhere, setCursor, startEdit, undoCommand } from '../renderer/state/commands'
import { initialRoster, speakersOf } from '../renderer/state/selectors'
import { noSpeakerKnowledge, type SpeakerKnowledge } from '../renderer/state/speaker-knowledge'
import { matchingSpeakers, openRosterOf, quickKeyOf, resolveSpeakerName, setHostSpeaker, speakerLint, speakerRosterOf } from '../renderer/state/speaker-names'
import { corpusDir, episodesDir } from './helpers/corpus'
import { FakeHost, ManualClock } from './helpers/fake-host'

const peopleDir = join(corpusDir ?? '', 'site', '_people')
const people = corpusDir === null ? new Map<string, string>() : peopleNames(readdirSync(peopleDir).flatMap((f) => {
  const id = personIdOf(f)
  return id ? [{ id, text: readFileSync(join(peopleDir, f), 'utf8') }] : []
}))
const site: SpeakerKnowledge = { site: true, people, workspaceHost: 'Alexey', hostOverride: null }

function episode(name: string): { doc: Episode; text: string } {
  const text = readFileSync(join(episodesDir, name), 'utf8')
  return { doc: parseEpisode(text), text }
}

/** The roster an episode opens with, as the UI shows it with the knowledge given. */
function rosterOf(doc: Episode, knowledge: SpeakerKnowledge) {
  return speakerRosterOf(initialRoster(doc), doc, knowledge)
}

/** Lines of a serialized text that differ from the original's (the texts have as many lines). */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n')
  const b = after.split('\n')
  assert.equal(a.length, b.length)
  return a.flatMap((line, i) => (line === b[i] ? [] : [i]))
}

describe('speakers by name in a site checkout', { skip: corpusDir === null ? 'needs ../shared/corpus/site' : false }, () => {
  it('offers the guest by name where the roster had their id, writing the file’s spelling', () => {
    const { doc } = episode('data-interview-behavioral-and-portfolio-prep-guide.md')
    const roster = rosterOf(doc, site)
    assert.ok(!roster.order.includes('nicksingh'), 'the guest id is not offered as a speaker')
    assert.deepEqual(roster.order.slice(0, 2).sort(), ['Alexey', 'Nick'])
    assert.equal(roster.nameOf('Nick'), 'Nick Singh')
    assert.equal(roster.choiceOf('Nick')?.role, 'guest')
    assert.equal(resolveSpeakerName(roster, 'Nick Singh'), 'Nick')
    assert.equal(resolveSpeakerName(roster, 'sing'), 'Nick', 'a word of the name is enough')
    assert.equal(resolveSpeakerName(roster, 'Ale'), 'Alexey')
    assert.equal(resolveSpeakerName(roster, ' Zoe '), 'Zoe', 'anything else is a new speaker')
  })

  it('adds a guest and the host who have no line yet, by name', () => {
    const { doc } = episode('mlops-kubeflow-model-monitoring.md')
    const roster = rosterOf(doc, site)
    assert.ok(roster.order.includes('Theo:'), 'the file’s own spelling stays, to be fixed')
    assert.ok(roster.order.includes('Theo'))
    assert.equal(roster.nameOf('Theo'), 'Theofilos Papapanagiotou')
    assert.deepEqual(matchingSpeakers(roster, 'theof'), ['Theo'])
  })

  it('numbers the guest and the host first (Alt+1, Alt+2), before speakers written wrong', () => {
    const { doc } = episode('mlops-kubeflow-model-monitoring.md')
    const order = rosterOf(doc, site).order
    assert.deepEqual(order.slice(0, 2).sort(), ['Alexey', 'Theo'])
    assert.deepEqual(order.slice(2).sort(), ['Alexey:', 'Theo:'], '`Theo:` and `Alexey:` come after them')
    const messy = rosterOf(episode('applied-llm-research-and-career-growth-in-practice.md').doc, site).order
    assert.ok(messy.findIndex((who) => who.includes(' ')) > messy.indexOf('Alexey'), 'a sentence in `who` comes after the host')
  })

  it('gives Alt+1…9 and the picker’s first place to people only, never to text pasted into `who`', () => {
    const { doc } = episode('applied-llm-research-and-career-growth-in-practice.md')
    const roster = rosterOf(doc, site)
    const sentence = roster.order.find((who) => who.startsWith('I think I was doing some pet project'))
    assert.ok(sentence !== undefined, 'the sentence is still shown (and flagged)')
    assert.deepEqual(roster.order.slice(0, roster.named), ['Lavanya', 'Alexey'], 'only the guest and the host are numbered')
    assert.equal(quickKeyOf(roster, 'Lavanya'), 1)
    assert.equal(quickKeyOf(roster, 'Alexey'), 2)
    assert.equal(quickKeyOf(roster, sentence), null)
    assert.equal(roster.order.length, 2 + 16, 'the 16 sentences come after them')
    assert.ok(roster.order.slice(roster.named).every((who) => who.split(' ').length > 3))
    // Typing a new name never picks a sentence that happens to contain it.
    assert.equal(resolveSpeakerName(roster, 'Dock'), 'Dock')
    assert.equal(resolveSpeakerName(roster, sentence), sentence, 'a sentence typed in full is that value')
  })

  it('numbers a new speaker written like a name, but not a speaker written wrong', () => {
    const { doc } = episode('mlops-kubeflow-model-monitoring.md')
    const withNew = setSpeaker(doc, doc.entries.findIndex((e) => textOf(e, 'who') === 'Theo'), 'Johanna')
    const roster = speakerRosterOf([...initialRoster(doc), 'Johanna'], withNew, site)
    assert.equal(quickKeyOf(roster, 'Johanna'), 3, 'a speaker the user adds gets the next number')
    assert.equal(quickKeyOf(roster, 'Theo:'), null, '`Theo:` is Theo written wrong: its fix, not a key, is offered')
    assert.equal(quickKeyOf(roster, 'Alexey:'), null)
  })

  it('after the guest is renamed to a first name and initial (Ruslan → Ruslan S), keeps that as the guest’s spelling, not a one-line typo of the old name', () => {
    const { doc } = episode('s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md')
    assert.equal(speakersOf(doc).get('Ruslanan'), 1, 'the file has one typo of the guest’s name')
    const renamed = renameSpeaker(doc, 'Ruslan', 'Ruslan S').doc
    const roster = rosterOf(renamed, site)
    assert.equal(roster.choiceOf('Ruslan S')?.role, 'guest')
    assert.equal(roster.nameOf('Ruslan S'), 'Ruslan Shchuchkin')
    assert.equal(roster.choiceOf('Ruslanan'), undefined, 'the typo is nobody’s spelling')
    assert.equal(quickKeyOf(roster, 'Ruslanan'), null, 'no quick key writes the typo')
    const typo = speakerLint(site)(renamed).filter((p) => p.code === 'unknown-speaker')
    assert.ok(typo.some((p) => renamed.entries[p.entry] && textOf(renamed.entries[p.entry]!, 'who') === 'Ruslanan'), 'the typo is still flagged')
  })

  it('takes the host from the settings over the workspace’s', () => {
    const { doc } = episode('building-data-team.md')
    const roster = rosterOf(doc, { ...site, hostOverride: 'Dat' })
    assert.equal(roster.choiceOf('Alexey')?.role, 'other')
    assert.equal(rosterOf(doc, site).choiceOf('Alexey')?.role, 'host')
  })

  it('without a checkout, shows speakers as written and a guest’s id never', () => {
    const { doc } = episode('data-interview-behavioral-and-portfolio-prep-guide.md')
    const roster = rosterOf(doc, noSpeakerKnowledge)
    assert.equal(roster.nameOf('Nick'), 'Nick')
    assert.ok(!roster.order.includes('nicksingh'))
  })
})

describe('the unknown-speaker problems and their fix', { skip: corpusDir === null ? 'needs ../shared/corpus/site' : false }, () => {
  it('fixes a misspelt speaker to the closest one, changing only that entry’s line', () => {
    const { doc, text } = episode('s23e05-inside-ai-engineer-role-tools-skills-and-career-path.md')
    const problem = speakerLint(site)(doc).find((p) => textOf(doc.entries[p.entry]!, 'who') === 'Alexeylexey')
    assert.ok(problem?.fix, 'the typo has a fix')
    assert.match(problem.fix.label, /“Alexey”/)
    const fixed = problem.fix.edit(doc)
    assert.equal(textOf(fixed.entries[problem.entry]!, 'who'), 'Alexey')
    const changed = changedLines(text, serializeEpisode(fixed))
    assert.equal(changed.length, 1)
    assert.match(text.split('\n')[changed[0]!]!, /who: Alexeylexey/)
  })

  it('fixes every line written with the same wrong value in one step (Theo: → Theo)', () => {
    const { doc, text } = episode('mlops-kubeflow-model-monitoring.md')
    const problems = speakerLint(site)(doc)
    const theo = problems.find((p) => textOf(doc.entries[p.entry]!, 'who') === 'Theo:')!
    const fixed = theo.fix!.edit(doc)
    const changed = changedLines(text, serializeEpisode(fixed))
    assert.equal(changed.length, 71)
    assert.ok(changed.every((i) => text.split('\n')[i]!.trim() === "who: 'Theo:'"))
    assert.ok(!speakerLint(site)(fixed).some((p) => p.fix?.label.includes('“Theo”')))
  })

  it('shows them with the linter’s problems, in entry order, and offers no fix for a sentence', () => {
    const { doc } = episode('applied-llm-research-and-career-growth-in-practice.md')
    const shown = problemsFor(doc, { disabled: new Set(), extra: [speakerLint(site)] })
    const speakers = shown.filter((p) => p.code === 'unknown-speaker')
    assert.ok(speakers.length >= 10)
    assert.ok(speakers.every((p) => p.fix === undefined))
    assert.deepEqual(shown.map((p) => p.entry), [...shown.map((p) => p.entry)].sort((a, b) => a - b))
    const flagged = new Set(speakers.map((p) => p.entry))
    assert.ok(!shown.some((p) => p.code === 'long-speaker' && flagged.has(p.entry)), 'a sentence in who is reported once')
    const clean = episode('data-interview-behavioral-and-portfolio-prep-guide.md').doc
    assert.ok(!problemsFor(clean, { disabled: new Set(), extra: [speakerLint(site)] }).some((p) => p.code === 'unknown-speaker'))
  })
})

describe('the editor with a site checkout open', { skip: corpusDir === null ? 'needs ../shared/corpus/site' : false }, () => {
  const FILE = 'data-interview-behavioral-and-portfolio-prep-guide.md'

  async function openWith(host: FakeHost) {
    const controller = createController(host, { schedule: new ManualClock().schedule })
    await controller.start()
    await controller.openFile(FILE)
    return controller
  }

  it('asks the host for the people and the host speaker, and writes the file’s spelling for a typed name', async () => {
    const host = new FakeHost({ [FILE]: episode(FILE).text })
    host.siteContext = { site: true, root: '/site', people: [{ id: 'nicksingh', name: 'Nick Singh' }], host: 'Alexey' }
    const controller = await openWith(host)
    const state = controller.store.getState()
    assert.equal(state.speakers.people.get('nicksingh'), 'Nick Singh')
    assert.equal(openRosterOf(state)!.nameOf('Nick'), 'Nick Singh')

    const doc = state.session!.editor.doc
    const row = doc.entries.findIndex((e) => textOf(e, 'who') === 'Alexey')
    controller.dispatch(setCursor(doc.entries[row]!.id, 'who'))
    controller.dispatch(startEdit('end', 'Nick Singh'))
    controller.dispatch(commitEdit(0))
    assert.equal(textOf(controller.store.getState().session!.editor.doc.entries[row]!, 'who'), 'Nick')
  })

  it('takes the host speaker from the settings, and back', async () => {
    const host = new FakeHost({ [FILE]: episode(FILE).text })
    host.siteContext = { site: true, root: '/site', people: [{ id: 'nicksingh', name: 'Nick Singh' }], host: 'Alexey' }
    const controller = await openWith(host)
    controller.dispatch(setHostSpeaker('Alexey Grigorev'))
    const roster = openRosterOf(controller.store.getState())!
    assert.equal(roster.choiceOf('Alexey Grigorev')?.role, 'host')
    assert.equal(roster.choiceOf('Alexey')?.role, 'other')
    assert.equal(roster.choiceOf('Nick')?.role, 'guest')
    controller.dispatch(setHostSpeaker(null))
    assert.equal(openRosterOf(controller.store.getState())!.choiceOf('Alexey')?.role, 'host')
  })

  it('Alt+3 in an episode of two speakers says in plain words that there is no third, and changes nothing', async () => {
    const host = new FakeHost({ [FILE]: episode(FILE).text })
    host.siteContext = { site: true, root: '/site', people: [{ id: 'nicksingh', name: 'Nick Singh' }], host: 'Alexey' }
    const controller = await openWith(host)
    const doc = controller.store.getState().session!.editor.doc
    const row = doc.entries.findIndex((e) => textOf(e, 'who') === 'Nick')
    controller.dispatch(setCursor(doc.entries[row]!.id, 'text'))
    controller.dispatch(assignNthSpeaker(3))
    const state = controller.store.getState()
    assert.equal(state.notice?.text, 'This episode has no third speaker, only two.')
    assert.equal(state.session!.editor.doc, doc)
    assert.equal(noNthSpeaker(5, 4), 'This episode has no fifth speaker, only four.')
    assert.equal(noNthSpeaker(1, 0), 'This episode has no speakers yet: type one in a Speaker cell.')
  })

  it('says so when the names cannot be read, and edits on without them', async () => {
    const host = new FakeHost({ [FILE]: episode(FILE).text })
    host.failing.set('getSiteContext', new Error('permission denied'))
    const controller = await openWith(host)
    const state = controller.store.getState()
    assert.match(state.failure?.text ?? '', /names of the speakers could not be read.*permission denied/)
    assert.ok(state.session)
    assert.equal(openRosterOf(state)!.nameOf('Nick'), 'Nick')
  })
})

describe('renaming a speaker and undoing it', { skip: corpusDir === null ? 'needs ../shared/corpus/site' : false }, () => {
  /** The episode with the guest Ruslan (written `Ruslan`) and the `Alexeylexey` typo. */
  const FILE = 's23e05-inside-ai-engineer-role-tools-skills-and-career-path.md'

  it('gives back the speakers as they were: no chip for the new name with no line left, the old name in its place', async () => {
    const host = new FakeHost({ [FILE]: episode(FILE).text })
    host.siteContext = { site: true, root: '/site', people: [{ id: 'ruslanshchuchkin', name: 'Ruslan Shchuchkin' }], host: 'Alexey' }
    const controller = createController(host, { schedule: new ManualClock().schedule })
    await controller.start()
    await controller.openFile(FILE)
    const order = () => openRosterOf(controller.store.getState())!.order
    const before = order()
    assert.ok(before.includes('Ruslan'))

    controller.dispatch(renameSpeakerEverywhere('Ruslan', 'Ruslan S'))
    const renamed = order()
    assert.ok(renamed.includes('Ruslan S') && !renamed.includes('Ruslan'), 'the rename shows the new name instead of the old')

    controller.dispatch(undoCommand)
    assert.equal(speakersOf(controller.store.getState().session!.settled).get('Ruslan S'), undefined, 'nobody speaks as Ruslan S after the undo')
    assert.deepEqual(order(), before, 'the undo gives back the chips (and their Alt keys) as they were')

    controller.dispatch(redoCommand)
    assert.deepEqual(order(), renamed, 'and the redo the renamed ones')
  })
})
