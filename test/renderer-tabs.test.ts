import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { WorkspaceFile } from '../shared/api/contract'
import { parseEpisode, serializeEpisode, setLine, textOf } from '../shared/episode/index'
import { setEntryText, undoCommand } from '../renderer/state/commands'
import { createController } from '../renderer/state/controller'
import { quickOpenMatches } from '../renderer/state/quick-open'
import { dirtyOf } from '../renderer/state/selectors'
import { closeTab, cycleTab, dirtySessions, sessionOf } from '../renderer/state/tabs'
import { FakeHost, ManualClock, settle } from './helpers/fake-host'

const episode = (title: string, line: string) =>
  ['---', `title: ${title}`, 'transcript:', `- line: ${line}`, '  sec: 10', "  time: '0:10'", '  who: Alexey', '- line: Second line', '  who: Tim', '---', ''].join('\n')

const A = 'a.md'
const B = 'b.md'
const C = 'c.md'

async function openTwo() {
  const host = new FakeHost({ [A]: episode('Alpha', 'First of A'), [B]: episode('Beta', 'First of B'), [C]: episode('Gamma', 'First of C') })
  const controller = createController(host, { schedule: new ManualClock().schedule })
  await controller.start()
  await controller.openFile(A)
  await controller.openFile(B)
  return { host, controller }
}

const lineIn = (controller: ReturnType<typeof createController>, handle: string, index = 0) => textOf(sessionOf(controller.store.getState(), handle)!.editor.doc.entries[index]!, 'line')

describe('several open episodes', () => {
  it('opens each episode in its own tab after the active one, and shows an open one again instead of reading it twice', async () => {
    const { host, controller } = await openTwo()
    const state = controller.store.getState()
    assert.deepEqual(state.tabs, [A, B])
    assert.equal(state.session?.handle, B)
    assert.ok(state.parked.has(A))
    host.calls.length = 0
    await controller.openFile(A)
    assert.equal(controller.store.getState().session?.handle, A)
    assert.deepEqual(host.calls, [], 'switching to an open tab reads nothing')
  })

  it('keeps one undo history per episode', async () => {
    const { controller } = await openTwo()
    const idB = controller.store.getState().session!.editor.doc.entries[0]!.id
    controller.dispatch(setEntryText(idB, 'Edited B'))
    await controller.openFile(A)
    const idA = controller.store.getState().session!.editor.doc.entries[0]!.id
    controller.dispatch(setEntryText(idA, 'Edited A'))
    controller.dispatch(undoCommand)
    assert.equal(lineIn(controller, A), 'First of A')
    assert.equal(lineIn(controller, B), 'Edited B', 'undo in A leaves B alone')
    assert.equal(controller.dispatch(undoCommand), false, 'A has nothing more to undo')
  })

  it('cycles through tabs and, closing the active one, shows its right neighbour', async () => {
    const { controller } = await openTwo()
    await controller.openFile(C)
    assert.deepEqual(controller.store.getState().tabs, [A, B, C])
    controller.dispatch(cycleTab(1))
    assert.equal(controller.store.getState().session?.handle, A, 'wraps around')
    controller.dispatch(closeTab(A))
    assert.equal(controller.store.getState().session?.handle, B)
    assert.deepEqual(controller.store.getState().tabs, [B, C])
  })

  it('asks before closing a tab with unsaved changes, naming it, and closes a clean one at once', async () => {
    const { controller } = await openTwo()
    await controller.closeTab(A)
    assert.deepEqual(controller.store.getState().tabs, [B])
    const id = controller.store.getState().session!.editor.doc.entries[0]!.id
    controller.dispatch(setEntryText(id, 'Unsaved'))
    await controller.closeTab()
    const dialog = controller.store.getState().dialog
    assert.equal(dialog?.kind, 'leave')
    assert.deepEqual(dialog?.kind === 'leave' && dialog.episodes, [B])
  })

  it('Save All saves every unsaved episode; a conflict in a background tab becomes its banner and is reported by name', async () => {
    const { host, controller } = await openTwo()
    await controller.editEpisodes([A, B, C], (doc) => setLine(doc, 0, `${textOf(doc.entries[0]!, 'line')} (fixed)`), 'Replace')
    assert.deepEqual(controller.store.getState().tabs, [A, B, C], 'C opened as a background tab')
    assert.equal(controller.store.getState().session?.handle, B, 'the active tab stays')
    assert.equal(dirtySessions(controller.store.getState()).length, 3)
    assert.equal(host.files.get(C), episode('Gamma', 'First of C'), 'nothing is written before saving')
    host.files.set(A, serializeEpisode(setLine(parseEpisode(host.files.get(A)!), 1, 'Their change')))
    assert.equal(await controller.saveAll(), false)
    assert.match(host.files.get(B)!, /First of B \(fixed\)/)
    assert.match(host.files.get(C)!, /First of C \(fixed\)/)
    assert.match(host.files.get(A)!, /Their change/, 'their file is not overwritten')
    const state = controller.store.getState()
    assert.ok(state.parked.get(A)?.diskChange, 'A shows the changed-on-disk banner with its choices')
    assert.match(state.failure?.text ?? '', /a\.md: it changed on disk/)
    assert.equal(state.dialog, null, 'no dialog about a tab that is not shown')
  })

  it('a replace across episodes is one undo step in each', async () => {
    const { controller } = await openTwo()
    await controller.editEpisodes([A, B], (doc) => setLine(doc, 1, 'Replaced'), 'Replace')
    controller.dispatch(undoCommand)
    assert.equal(lineIn(controller, B, 1), 'Second line')
    assert.equal(lineIn(controller, A, 1), 'Replaced', 'the other episode keeps its replacement until undone there')
    assert.equal(dirtyOf(controller.store.getState().session!.editor), false)
  })

  it('tells the host which episodes are unsaved, so closing the window can name them', async () => {
    const { host, controller } = await openTwo()
    const told: (readonly string[])[] = []
    host.setDirty = async (unsaved) => void told.push(unsaved)
    await controller.editEpisodes([A, B], (doc) => setLine(doc, 1, 'Replaced'), 'Replace')
    await settle()
    assert.deepEqual(told.at(-1), [A, B])
  })
})

describe('the quick switcher', () => {
  const file = (relPath: string, title: string, season?: number, episode?: number): WorkspaceFile => ({
    handle: relPath,
    relPath,
    title,
    ...(season !== undefined ? { season } : {}),
    ...(episode !== undefined ? { episode } : {}),
    entries: 0,
    lines: 0,
    headers: 0,
    speakers: [],
    problems: 0,
  })
  const files = [file('building-data-team.md', 'Building a Data Team', 1, 3), file('crisp-dm.md', 'CRISP-DM and ML projects', 1, 1), file('team-topologies.md', 'Team Topologies', 10, 4)]

  it('finds an episode by its s01e03 code in any spelling', () => {
    for (const q of ['s01e03', 'S1E3', 's1e03', '1x3']) assert.equal(quickOpenMatches(files, q)[0]?.relPath, 'building-data-team.md', q)
    assert.equal(quickOpenMatches(files, 's10e04')[0]?.relPath, 'team-topologies.md')
  })

  it('matches every word in the title or file name, those starting with the query first', () => {
    assert.deepEqual(
      quickOpenMatches(files, 'team').map((f) => f.relPath),
      ['team-topologies.md', 'building-data-team.md'],
    )
    assert.deepEqual(
      quickOpenMatches(files, 'data team').map((f) => f.relPath),
      ['building-data-team.md'],
    )
    assert.deepEqual(quickOpenMatches(files, 'nothing like this'), [])
  })
})
