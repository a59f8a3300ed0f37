import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createController } from '../renderer/state/controller'
import { redoCommand, renameSpeakerEverywhere, setEntryText, undoCommand } from '../renderer/state/commands'
import { openWorkspaceSearch, setWorkspaceSearch } from '../renderer/state/workspace-search'
import { FakeHost, ManualClock, settle } from './helpers/fake-host'

const EPISODE = [
  '---',
  'title: Test episode',
  'transcript:',
  '- line: First words.',
  '  sec: 54',
  '  time: 0:54',
  '  who: Alexey',
  '- line: Second line',
  '  sec: 62',
  "  time: '1:02'",
  '  who: Tim',
  '---',
  'Body',
  '',
].join('\n')

async function openEpisode(files: Record<string, string> = { 'ep.md': EPISODE }) {
  const clock = new ManualClock()
  const controller = createController(new FakeHost(files), { schedule: clock.schedule, reconnectMs: 1000 })
  await controller.start()
  await controller.openFile('ep.md')
  const idOf = (index: number) => controller.store.getState().session!.editor.doc.entries[index]!.id
  return { clock, controller, idOf }
}

describe('the notice of values an edit also wrote in another form', () => {
  it('tells, lastingly, that editing a line quoted the unquoted time of its entry', async () => {
    const { clock, controller, idOf } = await openEpisode()
    controller.dispatch(setEntryText(idOf(0), 'First words, edited.'))
    const notice = controller.store.getState().notice
    assert.match(notice?.text ?? '', /^Also quoted time '0:54' in this entry: unquoted, YAML readers disagree on it/)
    assert.equal(notice?.tone, 'warning')
    // It lasts longer than the info messages, which fade after 2.5 s.
    await clock.advance(5000)
    assert.equal(controller.store.getState().notice?.seq, notice?.seq)
    await clock.advance(10000)
    assert.equal(controller.store.getState().notice, null, 'and then fades')
  })

  it('says nothing extra when the rest of the entry is written as before, when typing on, and on undo', async () => {
    const { controller, idOf } = await openEpisode()
    controller.dispatch(setEntryText(idOf(1), 'Second line, edited'))
    assert.equal(controller.store.getState().notice, null)
    controller.dispatch(setEntryText(idOf(0), 'First'))
    const first = controller.store.getState().notice
    controller.dispatch(setEntryText(idOf(0), 'First words'))
    assert.equal(controller.store.getState().notice, first, 'typing on in the same entry is no new rewrite')
    controller.dispatch(undoCommand)
    assert.equal(controller.store.getState().notice, null, 'undoing writes the entry as the file has it, and takes back the notice of it')
    controller.dispatch(redoCommand)
    assert.match(controller.store.getState().notice?.text ?? '', /^Also quoted time '0:54'/, 'redoing quotes it again, and says so')
  })

  it('goes when undo takes back the edit it describes, and stays while that edit stands', async () => {
    const { controller, idOf } = await openEpisode()
    controller.dispatch(renameSpeakerEverywhere('Alexey', 'Alex'))
    const notice = controller.store.getState().notice
    assert.match(notice?.text ?? '', /Also quoted time '0:54' in this entry/)
    controller.dispatch(setEntryText(idOf(1), 'Second line, edited'))
    controller.dispatch(undoCommand)
    assert.equal(controller.store.getState().notice?.seq, notice?.seq, 'undoing a later edit leaves the rename, and its notice')
    controller.dispatch(undoCommand)
    assert.equal(controller.store.getState().notice, null, 'back to the saved text: no save will quote it')
  })

  it('says it in the summary of a replace across episodes, for the episodes in the background too', async () => {
    const other = EPISODE.replace('0:54', '0:57').replace('sec: 54', 'sec: 57')
    const { controller } = await openEpisode({ 'ep.md': EPISODE, 'other.md': other })
    controller.dispatch(openWorkspaceSearch(true))
    controller.dispatch(setWorkspaceSearch({ query: 'First words', scopes: ['lines'], replacement: 'Opening words' }))
    await controller.searchWorkspace()
    await controller.previewReplace(['ep.md', 'other.md'])
    await controller.applyReplace()
    await settle()
    const notice = controller.store.getState().notice
    assert.match(notice?.text ?? '', /changed 2 episodes .*\. Also quoted time '0:54' and '0:57' in 2 of the edited entries: unquoted, YAML readers disagree on them/)
    assert.equal(notice?.tone, 'warning')
  })
})
