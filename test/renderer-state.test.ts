import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseEpisode, serializeEpisode, setLine, textOf, valueOf } from '../shared/episode/index'
import { createController, type Controller } from '../renderer/state/controller'
import { deleteSelectedRows, mergeUp, redoCommand, setCursor, setEditDraft, setEntryText, showDraftDiff, splitAt, startEdit, tryEdit, undoCommand } from '../renderer/state/commands'
import { conflictRows } from '../renderer/state/merge-with-disk'
import { createConnectionMonitor } from '../renderer/state/connection'
import { createDraftJournal } from '../renderer/state/draft-journal'
import { dirtyOf, workSinceDraftOffer } from '../renderer/state/selectors'
import { initialAppState, type AppState } from '../renderer/state/app-state'
import { createFailureReporter, dismissFailure } from '../renderer/state/failures'
import { createOpenEpisodes } from '../renderer/state/open-episodes'
import { createStore } from '../renderer/state/store'
import { FakeHost, ManualClock, settle } from './helpers/fake-host'

const EPISODE = [
  '---',
  'title: Test episode',
  'transcript:',
  '- header: Intro',
  '- line: Hello.World',
  '  sec: 10',
  "  time: '0:10'",
  '  who: Alexey',
  '- line: Second line',
  '  sec: 20',
  "  time: '0:20'",
  '  who: Tim',
  '---',
  'Body',
  '',
].join('\n')

const FILE = 'ep.md'

/** The episode with both lines Alexey's: Backspace at the start of the second merges it. */
const ONE_SPEAKER = EPISODE.replace('  who: Tim', '  who: Alexey')

async function openEpisode(host = new FakeHost({ [FILE]: EPISODE })) {
  const clock = new ManualClock()
  const controller = createController(host, { schedule: clock.schedule, reconnectMs: 1000 })
  await controller.start()
  await controller.openFile(FILE)
  assert.ok(controller.store.getState().session, 'the episode opened')
  return { host, clock, controller }
}

function session(controller: Controller) {
  const s = controller.store.getState().session
  assert.ok(s)
  return s
}

/** The id of entry `index` of the open document. */
function idOf(controller: Controller, index: number): number {
  return session(controller).editor.doc.entries[index]!.id
}

function lineOf(controller: Controller, index: number): string | undefined {
  return textOf(session(controller).editor.doc.entries[index]!, 'line')
}

/** Types `text` into entry `id`'s open text cell, which hands it to the store only when asked (as after painting). */
function typeUnhanded(controller: Controller, id: number, text: string): void {
  let typed: string | null = text
  controller.setActiveTextEditor({
    id,
    caret: () => ({ offset: 0, empty: true, length: 0, selected: '' }),
    flush: () => {
      if (typed === null) return
      const handed = typed
      typed = null
      controller.dispatch(setEntryText(id, handed))
    },
  })
}

describe('an episode session', () => {
  // The list is asked for once after the save: the host re-lists that one file (no folder scan, see host-services.test).
  it('saves the edited document, then is clean, and asks for the list once', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world'))
    host.calls.length = 0
    assert.equal(await controller.save(), true)
    await settle()
    assert.match(host.files.get(FILE)!, /- line: Hello, world\n/)
    assert.equal(dirtyOf(session(controller).editor), false)
    assert.deepEqual(host.calls.filter((m) => m === 'getWorkspace'), ['getWorkspace'])
  })

  it('takes the text typed in the open cell before saving, though the cell hands it over only after painting', async () => {
    const { host, controller } = await openEpisode()
    typeUnhanded(controller, idOf(controller, 1), 'Hello, typed just now')
    assert.equal(lineOf(controller, 1), 'Hello.World', 'the store has not seen the keystrokes yet')
    assert.equal(await controller.save(), true)
    assert.match(host.files.get(FILE)!, /- line: Hello, typed just now\n/)
  })

  it('does not say "Saved" in the status line once the document changed again (one source: the save state)', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world'))
    await controller.save()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world!'))
    assert.equal(dirtyOf(session(controller).editor), true)
    assert.notEqual(controller.store.getState().notice?.text, 'Saved')
  })

  it('journals a draft after a pause in editing, and forgets it after the save', async () => {
    const { host, clock, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Draft text'))
    await clock.advance(2000)
    assert.match(host.drafts.get(FILE) ?? '', /Draft text/)
    await controller.save()
    await settle()
    assert.equal(host.drafts.has(FILE), false)
  })

  it('journals the text being typed at once when the page is left, once however many leave events come', async () => {
    const { host, controller } = await openEpisode()
    const id = idOf(controller, 1)
    typeUnhanded(controller, id, 'Typed just before leaving')
    host.calls.length = 0
    // No time passes: the quiet time of the journal is not waited for.
    await controller.flushDrafts()
    assert.match(host.drafts.get(FILE) ?? '', /Typed just before leaving/)
    await controller.flushDrafts()
    await controller.flushDrafts()
    assert.deepEqual(host.calls.filter((m) => m === 'writeDraft'), ['writeDraft'], 'the same text is not written again')
    controller.dispatch(setEntryText(id, 'Then changed again'))
    await controller.flushDrafts()
    assert.match(host.drafts.get(FILE) ?? '', /Then changed again/)
  })

  it('leaving with nothing unsaved writes no draft', async () => {
    const { host, controller } = await openEpisode()
    await controller.flushDrafts()
    assert.equal(host.drafts.has(FILE), false)
    assert.equal(host.calls.includes('writeDraft'), false)
  })

  it('marks the episode in the list while the host keeps its draft, and unmarks it once the draft is gone', async () => {
    const { clock, controller } = await openEpisode()
    const listed = () => controller.store.getState().workspace?.files.find((f) => f.handle === FILE)
    assert.equal(listed()?.draft, undefined)
    controller.dispatch(setEntryText(idOf(controller, 1), 'Draft text'))
    await clock.advance(2000)
    assert.equal(listed()?.draft, true)
    await controller.save()
    await settle()
    assert.equal(listed()?.draft, undefined)
  })

  it('shows what the episode list could not show as a lasting notice, once, and again when it changes', async () => {
    const host = new FakeHost({ [FILE]: EPISODE })
    host.listProblem = 'The unsaved changes kept from last time could not be read for ep.md (it is a folder); they are not marked in the list'
    const { controller } = await openEpisode(host)
    const failure = () => controller.store.getState().failure
    assert.equal(failure()?.text, host.listProblem)
    controller.dispatch(dismissFailure(failure()!.seq))
    host.emit({ type: 'workspace-changed' })
    await settle()
    assert.equal(failure(), null, 'the same problem is not shown again at each listing')
    host.listProblem = 'The unsaved changes kept from last time could not be looked up, so none are marked in the list: permission denied'
    host.emit({ type: 'workspace-changed' })
    await settle()
    assert.equal(failure()?.text, host.listProblem)
  })

  it('shows a failed draft write as a lasting notice, in plain words', async () => {
    const host = new FakeHost({ [FILE]: EPISODE })
    host.failing.set('writeDraft', new Error('the disk is full'))
    const { clock, controller } = await openEpisode(host)
    controller.dispatch(setEntryText(idOf(controller, 1), 'Draft text'))
    await clock.advance(2000)
    assert.equal(controller.store.getState().failure?.text, 'The recovery draft could not be written: the disk is full')
    await clock.advance(60_000)
    assert.ok(controller.store.getState().failure, 'the notice lasts until dismissed')
  })

  it('commits a typed time before saving (Ctrl+S with the time editor open)', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 2), 'time'))
    controller.dispatch(startEdit('end', '3:05'))
    controller.run('save')
    await settle()
    const saved = parseEpisode(host.files.get(FILE)!)
    assert.equal(valueOf(saved.entries[2]!, 'sec'), 185)
    assert.equal(session(controller).editing, null)
  })

  it('commits a typed speaker before saving, as the picker offers it', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 2), 'who'))
    controller.dispatch(startEdit('end', 'ale'))
    controller.run('save')
    await settle()
    assert.equal(valueOf(parseEpisode(host.files.get(FILE)!).entries[2]!, 'who'), 'Alexey')
  })

  it('does not save over a time that cannot be applied; it says why', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 2), 'time'))
    controller.dispatch(startEdit('end', '3:x'))
    assert.equal(await controller.save(), false)
    assert.equal(host.files.get(FILE), EPISODE)
    assert.match(controller.store.getState().notice?.text ?? '', /^Not saved: "3:x" is not a time/)
  })

  it('applies a typed time when the user clicks another cell', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 2), 'time'))
    controller.dispatch(startEdit('end', '3:0'))
    controller.dispatch(setEditDraft('3:05'))
    controller.dispatch(setCursor(idOf(controller, 1), 'text'))
    assert.equal(valueOf(session(controller).editor.doc.entries[2]!, 'sec'), 185)
  })
})

describe('changes on disk', () => {
  it('reload a clean episode, and offer a choice to a dirty one; "keep mine" then saves over theirs', async () => {
    const { host, controller } = await openEpisode()
    host.files.set(FILE, EPISODE.replace('Second line', 'Their edit'))
    host.emit({ type: 'file-changed', handle: FILE })
    await settle()
    assert.equal(lineOf(controller, 2), 'Their edit')
    assert.equal(controller.store.getState().notice?.text, 'The file changed on disk and was reloaded')

    controller.dispatch(setEntryText(idOf(controller, 1), 'My edit'))
    host.files.set(FILE, EPISODE.replace('Second line', 'Their second edit'))
    host.emit({ type: 'file-changed', handle: FILE })
    await settle()
    assert.equal(lineOf(controller, 1), 'My edit', 'unsaved work is not replaced')
    assert.match(session(controller).diskChange?.text ?? '', /Their second edit/)
    controller.keepMineAfterChange()
    assert.equal(await controller.save(), true)
    assert.match(host.files.get(FILE)!, /My edit/)
    assert.doesNotMatch(host.files.get(FILE)!, /Their second edit/)
  })

  it('refuse a save over a change it has not seen, as a conflict', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'My edit'))
    host.files.set(FILE, EPISODE.replace('Second line', 'Their edit'))
    assert.equal(await controller.save(), false)
    assert.equal(controller.store.getState().dialog?.kind, 'conflict')
    await controller.keepMine()
    assert.match(host.files.get(FILE)!, /My edit/)
  })
})

describe('the episode list after a save', () => {
  it('is asked for again once the file is saved, so its git mark and problem count follow', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world.'))
    const before = host.calls.filter((call) => call === 'getWorkspace').length
    assert.equal(await controller.save(), true)
    await settle()
    assert.equal(host.calls.filter((call) => call === 'getWorkspace').length, before + 1, 'the host listed the saved file afresh')
  })

  it('is not asked for when there was nothing to save', async () => {
    const { host, controller } = await openEpisode()
    const before = host.calls.filter((call) => call === 'getWorkspace').length
    assert.equal(await controller.save(), true)
    await settle()
    assert.equal(host.calls.filter((call) => call === 'getWorkspace').length, before)
  })
})

describe('a file that goes away and comes back', () => {
  for (const edited of [false, true]) {
    it(`clears the "deleted or moved" banner when the file is back as the tab loaded it${edited ? ', keeping my unsaved edit' : ''}`, async () => {
      const { host, controller } = await openEpisode()
      if (edited) controller.dispatch(setEntryText(idOf(controller, 1), 'Mine'))
      host.files.delete(FILE)
      host.emit({ type: 'file-changed', handle: FILE })
      await settle()
      assert.deepEqual(session(controller).diskChange, { text: null, hash: null }, 'the banner says it is gone')
      host.files.set(FILE, EPISODE)
      host.emit({ type: 'file-changed', handle: FILE })
      await settle()
      assert.equal(session(controller).diskChange, null, 'the banner is gone: the file is what the tab loaded')
      assert.equal(lineOf(controller, 1), edited ? 'Mine' : 'Hello.World')
      assert.equal(await controller.save(), true, 'saving is not a conflict')
    })
  }

  it('offers their version when the file comes back changed', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Mine'))
    host.files.delete(FILE)
    host.emit({ type: 'file-changed', handle: FILE })
    await settle()
    host.files.set(FILE, EPISODE.replace('Second line', 'Theirs'))
    host.emit({ type: 'file-changed', handle: FILE })
    await settle()
    assert.equal(session(controller).diskChange?.text, EPISODE.replace('Second line', 'Theirs'))
  })
})

describe('merging with the file on disk', () => {
  it('keeps their header and my line when they touch different entries; the next save is not a conflict', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world.'))
    host.files.set(FILE, EPISODE.replace('header: Intro', 'header: Welcome'))
    assert.equal(await controller.save(), false)
    const dialog = controller.store.getState().dialog
    assert.equal(dialog?.kind, 'conflict')
    assert.ok(dialog?.kind === 'conflict' && dialog.diskText !== null && dialog.diskHash !== null)
    controller.mergeWithDisk(dialog.diskText, dialog.diskHash)
    assert.equal(controller.store.getState().dialog, null)
    assert.equal(textOf(session(controller).editor.doc.entries[0]!, 'header'), 'Welcome')
    assert.equal(lineOf(controller, 1), 'Hello, world.')
    assert.equal(dirtyOf(session(controller).editor), true, 'the merge waits for the user to save it')
    assert.equal(controller.store.getState().notice?.text, 'Merged: 1 of your changes re-applied on top of the file on disk')
    assert.equal(await controller.save(), true, 'based on the file on disk: no conflict')
    assert.equal(host.files.get(FILE), EPISODE.replace('header: Intro', 'header: Welcome').replace('line: Hello.World', 'line: Hello, world.'))
  })

  it('merges cleanly an entry I edited, saved and edited again, when they changed another one', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello AAA'))
    assert.equal(await controller.save(), true)
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello AAA BBB'))
    host.files.set(FILE, host.files.get(FILE)!.replace('Second line', 'THEIRS Second line'))
    assert.equal(await controller.save(), false)
    const dialog = controller.store.getState().dialog
    assert.ok(dialog?.kind === 'conflict' && dialog.diskText !== null && dialog.diskHash !== null)
    controller.mergeWithDisk(dialog.diskText, dialog.diskHash)
    assert.equal(controller.store.getState().dialog, null, 'no entry to choose: they never touched mine')
    assert.equal(lineOf(controller, 1), 'Hello AAA BBB')
    assert.equal(lineOf(controller, 2), 'THEIRS Second line')
  })

  it('is one undo step back to the file on disk', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world.'))
    const theirs = EPISODE.replace('header: Intro', 'header: Welcome')
    host.files.set(FILE, theirs)
    host.emit({ type: 'file-changed', handle: FILE })
    await settle()
    const change = session(controller).diskChange
    assert.ok(change?.text && change.hash, 'the banner offers the change')
    controller.mergeWithDisk(change.text, change.hash)
    assert.equal(session(controller).diskChange, null, 'the banner is gone')
    controller.dispatch(undoCommand)
    assert.equal(serializeEpisode(session(controller).editor.doc), theirs, 'undo gives the file on disk')
    assert.equal(dirtyOf(session(controller).editor), false)
    controller.dispatch(redoCommand)
    assert.equal(lineOf(controller, 1), 'Hello, world.')
    assert.equal(controller.dispatch(undoCommand), true)
    assert.equal(controller.dispatch(undoCommand), false, 'nothing to undo before the merge: it was made to another version of the file')
  })

  it('says in plain words when the file on disk is no longer an episode, and changes nothing', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello, world.'))
    controller.mergeWithDisk('---\ntranscript: [unclosed\n---\n', 'hash')
    assert.match(controller.store.getState().notice?.text ?? '', /^Not merged: the file on disk can no longer be read as an episode: /)
    assert.equal(lineOf(controller, 1), 'Hello, world.')
    assert.equal(session(controller).baseHash === 'hash', false)
  })

  it('lists an entry both sides changed, and the choice per entry gives mine or theirs', async () => {
    for (const choice of ['mine', 'theirs'] as const) {
      const { host, controller } = await openEpisode()
      controller.dispatch(setEntryText(idOf(controller, 2), 'My second line'))
      controller.dispatch(setEntryText(idOf(controller, 0), 'My intro'))
      host.files.set(FILE, EPISODE.replace('Second line', 'Their second line').replace('Hello.World', 'Hello, World!'))
      assert.equal(await controller.save(), false)
      const conflict = controller.store.getState().dialog
      assert.ok(conflict?.kind === 'conflict' && conflict.diskText !== null && conflict.diskHash !== null)
      controller.mergeWithDisk(conflict.diskText, conflict.diskHash)
      const dialog = controller.store.getState().dialog
      assert.equal(dialog?.kind, 'merge')
      assert.ok(dialog?.kind === 'merge')
      assert.equal(dialog.result.conflicts.length, 1)
      assert.deepEqual(conflictRows(dialog.result), [3])
      const [c] = dialog.result.conflicts
      assert.equal(textOf(c!.base, 'line'), 'Second line')
      assert.equal(textOf(c!.mine!, 'line'), 'My second line')
      assert.equal(textOf(c!.theirs!, 'line'), 'Their second line')
      assert.equal(lineOf(controller, 2), 'My second line', 'nothing changes before Apply')

      controller.applyMerge([choice])
      assert.equal(controller.store.getState().dialog, null)
      assert.equal(lineOf(controller, 2), choice === 'mine' ? 'My second line' : 'Their second line')
      assert.equal(lineOf(controller, 1), 'Hello, World!', 'their change elsewhere is kept')
      assert.equal(textOf(session(controller).editor.doc.entries[0]!, 'header'), 'My intro', 'my change elsewhere is kept')
      assert.match(controller.store.getState().notice?.text ?? '', new RegExp(`^Merged: ${choice === 'mine' ? 2 : 1} of your changes re-applied on top of the file on disk`))
      assert.equal(await controller.save(), true)
      const saved = parseEpisode(host.files.get(FILE)!)
      assert.equal(textOf(saved.entries[2]!, 'line'), choice === 'mine' ? 'My second line' : 'Their second line')
      assert.equal(textOf(saved.entries[1]!, 'line'), 'Hello, World!')
    }
  })
})

describe('a recovery draft', () => {
  it('is offered with the differences between the file and the draft', async () => {
    const host = new FakeHost({ [FILE]: EPISODE })
    const draft = EPISODE.replace('Second line', 'Second line, recovered')
    host.drafts.set(FILE, draft)
    const { controller } = await openEpisode(host)
    assert.equal(session(controller).draftOffer?.text, draft)
    assert.equal(controller.dispatch(showDraftDiff), true)
    const dialog = controller.store.getState().dialog
    assert.ok(dialog?.kind === 'diff')
    assert.equal(dialog.before, EPISODE)
    assert.equal(dialog.after, draft)
    assert.deepEqual([dialog.beforeLabel, dialog.afterLabel], ['The file', 'The draft'])
  })
})

describe('a recovery draft kept before the file changed on disk', () => {
  // The draft changed the second line; then another program (a git pull) changed the first.
  const DRAFT = EPISODE.replace('Second line', 'Second line, recovered')
  const PULLED = EPISODE.replace('Hello.World', 'Hello, world, from a pull.')

  async function openChangedSince(disk: string) {
    const host = new FakeHost({ [FILE]: disk })
    host.drafts.set(FILE, DRAFT)
    host.draftBases.set(FILE, EPISODE)
    return openEpisode(host)
  }

  it('is journalled with the text of the file its changes were made to', async () => {
    const host = new FakeHost({ [FILE]: EPISODE })
    const { controller, clock } = await openEpisode(host)
    controller.dispatch(setEntryText(idOf(controller, 2), 'Second line, typed'))
    await clock.advance(2000)
    assert.match(host.drafts.get(FILE) ?? '', /Second line, typed/)
    assert.equal(host.draftBases.get(FILE), EPISODE)
  })

  it('restores onto the file as it is now: the file\'s own changes since stay, as one undo step', async () => {
    const { controller } = await openChangedSince(PULLED)
    assert.equal(session(controller).draftOffer?.fileChanged, true, 'the banner can say the file changed since')
    controller.restoreDraft()
    assert.equal(serializeEpisode(session(controller).editor.doc), PULLED.replace('Second line', 'Second line, recovered'))
    assert.match(controller.store.getState().notice?.text ?? '', /changes made to the file since the draft was kept stay/)
    controller.dispatch(undoCommand)
    assert.equal(serializeEpisode(session(controller).editor.doc), PULLED)
  })

  it('where both changed the same line, the draft\'s version is restored and the notice names its row', async () => {
    const both = EPISODE.replace('Second line', 'Second line, edited elsewhere')
    const { controller } = await openChangedSince(both)
    controller.restoreDraft()
    assert.equal(serializeEpisode(session(controller).editor.doc), DRAFT)
    assert.match(controller.store.getState().notice?.text ?? '', /row 3/)
  })

  it('work done since the offer is replaced once confirmed, as the banner says; the file\'s changes stay', async () => {
    const { controller } = await openChangedSince(PULLED)
    controller.dispatch(setEntryText(idOf(controller, 1), 'My new words'))
    controller.restoreDraft()
    controller.restoreDraft()
    assert.equal(serializeEpisode(session(controller).editor.doc), PULLED.replace('Second line', 'Second line, recovered'))
  })

  it('a draft over the very file on disk restores as the draft, and its offer says nothing changed', async () => {
    const { controller } = await openChangedSince(EPISODE)
    assert.equal(session(controller).draftOffer?.fileChanged, false)
    controller.restoreDraft()
    assert.equal(serializeEpisode(session(controller).editor.doc), DRAFT)
  })
})

describe('a recovery draft on offer while the user works', () => {
  const DRAFT = EPISODE.replace('Second line', 'Second line, recovered')

  async function openWithDraft() {
    const host = new FakeHost({ [FILE]: EPISODE })
    host.drafts.set(FILE, DRAFT)
    return openEpisode(host)
  }

  it('restores as one undo step, and the notice says Ctrl+Z brings the previous text back', async () => {
    const { controller } = await openWithDraft()
    controller.restoreDraft()
    assert.equal(serializeEpisode(session(controller).editor.doc), DRAFT)
    assert.equal(session(controller).draftOffer, null)
    assert.match(controller.store.getState().notice?.text ?? '', /Ctrl\+Z brings the previous text back/)
    controller.dispatch(undoCommand)
    assert.equal(serializeEpisode(session(controller).editor.doc), EPISODE)
  })

  it('once the document was edited, says so and asks before Restore replaces that work', async () => {
    const { controller } = await openWithDraft()
    assert.equal(workSinceDraftOffer(session(controller)), false)
    controller.dispatch(setEntryText(idOf(controller, 1), 'My new words'))
    assert.equal(workSinceDraftOffer(session(controller)), true)
    controller.restoreDraft()
    assert.equal(lineOf(controller, 1), 'My new words', 'nothing is replaced before the user confirms')
    assert.equal(session(controller).draftOffer?.confirming, true)
    controller.cancelRestoreDraft()
    assert.equal(session(controller).draftOffer?.confirming, false)
    assert.equal(lineOf(controller, 1), 'My new words')
    controller.restoreDraft()
    controller.restoreDraft()
    assert.equal(serializeEpisode(session(controller).editor.doc), DRAFT, 'confirmed: the draft replaces the work')
    controller.dispatch(undoCommand)
    assert.equal(lineOf(controller, 1), 'My new words', 'Ctrl+Z brings the work back')
  })

  it('once the document was saved, still counts the saved work and asks first', async () => {
    const { controller } = await openWithDraft()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Saved words'))
    assert.equal(await controller.save(), true)
    assert.equal(workSinceDraftOffer(session(controller)), true)
    controller.restoreDraft()
    assert.equal(lineOf(controller, 1), 'Saved words')
    assert.equal(session(controller).draftOffer?.confirming, true)
  })

  it('keeps the host\'s draft while its banner shows: typing does not overwrite it, saving does not delete it', async () => {
    const { host, clock, controller } = await openWithDraft()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Saved words'))
    await clock.advance(12_000)
    assert.equal(host.drafts.get(FILE), DRAFT, 'the journal did not write over the recovered draft')
    assert.equal(await controller.save(), true)
    await settle()
    assert.equal(host.drafts.get(FILE), DRAFT, 'the save did not delete the recovered draft')
    controller.discardDraft()
    await settle()
    assert.equal(host.drafts.has(FILE), false, 'discarded on the user\'s word')
  })

  it('keeps the offered draft, on the host and in its banner, when the user reloads theirs or leaves without saving', async () => {
    const { host, controller } = await openWithDraft()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Unsaved words'))
    host.files.set(FILE, EPISODE.replace('Test episode', 'Changed elsewhere'))
    await controller.reloadFromDisk()
    await settle()
    assert.equal(host.drafts.get(FILE), DRAFT, 'reloading theirs did not delete the recovered draft')
    assert.equal(session(controller).draftOffer?.text, DRAFT, 'and its banner still offers it')
    controller.dispatch(setEntryText(idOf(controller, 1), 'Unsaved words'))
    await controller.closeTab()
    await controller.resolveLeave('discard')
    await settle()
    assert.equal(host.drafts.get(FILE), DRAFT, 'leaving the unsaved words did not delete the recovered draft')
  })

  it('journals the unsaved work once the offered draft is discarded', async () => {
    const { host, clock, controller } = await openWithDraft()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Unsaved words'))
    controller.discardDraft()
    await clock.advance(2000)
    assert.match(host.drafts.get(FILE) ?? '', /Unsaved words/)
  })
})

describe('a lost host (browser mode: the server stopped)', () => {
  it('keeps the edits, shows the banner, retries, then journals the draft and clears the banner', async () => {
    const { host, clock, controller } = await openEpisode()
    host.down = true
    controller.dispatch(setEntryText(idOf(controller, 1), 'Typed while the host was away'))
    await clock.advance(2000)
    assert.equal(controller.store.getState().connection, 'lost')
    assert.equal(controller.store.getState().failure, null, 'an unreachable host is the banner, not a failure notice')
    controller.dispatch(setEntryText(idOf(controller, 1), 'Typed while the host was away, still'))
    assert.equal(lineOf(controller, 1), 'Typed while the host was away, still')

    await clock.advance(5000)
    assert.equal(controller.store.getState().connection, 'lost', 'still lost while the probes fail')
    host.down = false
    await clock.advance(10_000)
    assert.equal(controller.store.getState().connection, 'online')
    assert.match(host.drafts.get(FILE) ?? '', /Typed while the host was away, still/)
  })

  it('says a save could not reach the host, and keeps the unsaved changes', async () => {
    const { host, controller } = await openEpisode()
    controller.dispatch(setEntryText(idOf(controller, 1), 'Unsaved'))
    host.down = true
    assert.equal(await controller.save(), false)
    assert.equal(controller.store.getState().connection, 'lost')
    assert.match(controller.store.getState().notice?.text ?? '', /cannot reach its host/)
    assert.equal(controller.store.getState().dialog, null)
    assert.equal(dirtyOf(session(controller).editor), true)
  })
})

describe('editing commands', () => {
  it('split then merge gives back the original text, also next to punctuation', async () => {
    const { controller } = await openEpisode()
    for (const offset of [6, 5]) {
      controller.dispatch(splitAt(idOf(controller, 1), offset))
      assert.equal(session(controller).editor.doc.entries.length, 4)
      controller.dispatch(mergeUp(idOf(controller, 2)))
      assert.equal(lineOf(controller, 1), 'Hello.World')
    }
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello. World'))
    controller.dispatch(splitAt(idOf(controller, 1), 7))
    assert.equal(lineOf(controller, 2), 'World')
    controller.dispatch(mergeUp(idOf(controller, 2)))
    assert.equal(lineOf(controller, 1), 'Hello. World')
  })

  it('says in plain words why a line cannot be split at its start or end, without entry numbers or offsets', async () => {
    const { controller } = await openEpisode()
    for (const offset of [0, 'Hello.World'.length]) {
      controller.dispatch(splitAt(idOf(controller, 1), offset))
      assert.equal(session(controller).editor.doc.entries.length, 3)
      const text = controller.store.getState().notice?.text ?? ''
      assert.match(text, /^To split a line, put the caret inside its text/)
      assert.doesNotMatch(text, /entry|offset|\d/)
    }
  })

  it('deletes the selected rows, lines and headers alike, as one undo step, saying what went', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 0), 'text'))
    controller.dispatch(setCursor(idOf(controller, 1), 'text', 'extend'))
    controller.dispatch(deleteSelectedRows)
    assert.deepEqual(session(controller).editor.doc.entries.map((e) => textOf(e, 'line')), ['Second line'])
    assert.equal(controller.store.getState().notice?.text, 'Deleted 1 line and 1 section header (Ctrl+Z brings them back)')
    controller.dispatch(undoCommand)
    assert.equal(serializeEpisode(session(controller).editor.doc), EPISODE)
  })

  it('says whose words changed speaker when merging two speakers', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(mergeUp(idOf(controller, 2)))
    assert.equal(lineOf(controller, 1), 'Hello.World Second line')
    assert.match(controller.store.getState().notice?.text ?? '', /Tim's words are now Alexey's/)
  })

  it('Backspace at the start of a line does not merge two speakers\' lines: nothing changes and the notice says why and how to merge anyway', async () => {
    const { controller } = await openEpisode()
    const before = session(controller).editor.doc
    assert.equal(controller.dispatch(mergeUp(idOf(controller, 2), { sameSpeakerOnly: true })), true)
    assert.equal(session(controller).editor.doc, before, 'the document is unchanged')
    const text = controller.store.getState().notice?.text ?? ''
    assert.match(text, /^Not merged: the line above is Alexey's and this one is Tim's/)
    assert.match(text, /Merge up \(Ctrl\+Backspace\)/)
  })

  it('Backspace at the start of a line still merges lines of the same speaker, or where one has no speaker', async () => {
    for (const [upper, lower] of [['Tim', 'Tim'], ['', 'Tim'], ['Alexey', '']]) {
      const text = EPISODE.replace('  who: Alexey', upper ? `  who: ${upper}` : '').replace('  who: Tim', lower ? `  who: ${lower}` : '').replace(/\n\n/g, '\n')
      const { controller } = await openEpisode(new FakeHost({ [FILE]: text }))
      controller.dispatch(mergeUp(idOf(controller, 2), { sameSpeakerOnly: true }))
      assert.equal(lineOf(controller, 1), 'Hello.World Second line', `${upper || 'nobody'} then ${lower || 'nobody'}`)
    }
  })

  it('shows a refused edit as a message, and throws anything else on (a defect, not a user mistake)', async () => {
    const { controller } = await openEpisode()
    assert.equal(controller.dispatch(mergeUp(idOf(controller, 1))), true)
    assert.match(controller.store.getState().notice?.text ?? '', /header/)
    const broken = tryEdit(() => {
      throw new TypeError('x is undefined')
    })
    assert.throws(() => controller.dispatch(broken), TypeError)
  })
})

describe('the action table', () => {
  /** Opens the text editor on entry `index` (a line or a header) with a fake CodeMirror whose caret is at `offset`. */
  function editText(controller: Controller, index: number, offset: number) {
    const id = idOf(controller, index)
    controller.dispatch(setCursor(id, 'text'))
    controller.dispatch(startEdit(offset))
    const length = (lineOf(controller, index) ?? textOf(session(controller).editor.doc.entries[index]!, 'header'))!.length
    controller.setActiveTextEditor({ id, caret: () => ({ offset, empty: true, length, selected: '' }), flush: () => undefined })
  }

  it('Enter in the middle of a line stops editing and moves down; it does not split', async () => {
    const { controller } = await openEpisode()
    editText(controller, 1, 5)
    assert.equal(controller.run('enter'), true)
    assert.equal(session(controller).editor.doc.entries.length, 3)
    assert.equal(session(controller).editing, null)
    assert.equal(session(controller).cursor?.id, idOf(controller, 2))
  })

  it('split splits at the caret of the open text editor; without one it says how', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 1), 'text'))
    assert.equal(controller.run('split'), true)
    assert.match(controller.store.getState().notice?.text ?? '', /Open the line for editing/)
    editText(controller, 1, 6)
    assert.equal(controller.run('split'), true)
    assert.deepEqual([lineOf(controller, 1), lineOf(controller, 2)], ['Hello.', 'World'])
  })

  it('Backspace merges up only with the caret at the very start of a line', async () => {
    const { controller } = await openEpisode(new FakeHost({ [FILE]: ONE_SPEAKER }))
    editText(controller, 2, 3)
    assert.equal(controller.run('merge-at-start'), false)
    editText(controller, 2, 0)
    assert.equal(controller.run('merge-at-start'), true)
    assert.equal(lineOf(controller, 1), 'Hello.World Second line')
  })

  it('undo and redo scroll the grid to the row they changed, where they put the cursor', async () => {
    const { controller } = await openEpisode()
    const id = idOf(controller, 2)
    controller.dispatch(setEntryText(id, 'Second line, edited'))
    controller.dispatch(setCursor(idOf(controller, 0), 'text'))
    const before = session(controller).reveal
    controller.dispatch(undoCommand)
    assert.deepEqual(session(controller).cursor, { id, column: 'text' })
    const undone = session(controller).reveal
    assert.equal(undone?.id, id, 'the grid is asked to show the row the status bar and the outline show')
    assert.notEqual(undone?.seq, before?.seq, 'as a new request')
    controller.dispatch(setCursor(idOf(controller, 0), 'text'))
    controller.dispatch(redoCommand)
    assert.equal(session(controller).reveal?.id, id)
    assert.notEqual(session(controller).reveal?.seq, undone?.seq)
  })

  it('Esc in a text cell editor cancels the edit as one undo step; undo brings the typed text back', async () => {
    const { controller } = await openEpisode()
    editText(controller, 1, 11)
    const id = idOf(controller, 1)
    controller.dispatch(setEntryText(id, 'Hello.World and more'))
    const steps = session(controller).editor.done.length
    assert.equal(controller.run('leave'), true)
    assert.equal(lineOf(controller, 1), 'Hello.World')
    assert.equal(session(controller).editing, null)
    assert.deepEqual(session(controller).cursor, { id, column: 'text' })
    assert.equal(session(controller).reveal?.focus, true, 'focus goes back to the cell')
    assert.equal(serializeEpisode(session(controller).editor.doc), EPISODE, 'the file is as it was')
    assert.equal(dirtyOf(session(controller).editor), false)
    assert.equal(session(controller).editor.done.length, steps + 1, 'the cancel is a step of its own')
    assert.equal(controller.store.getState().notice?.text, 'Edit cancelled (Ctrl+Z brings it back)')
    controller.dispatch(undoCommand)
    assert.equal(lineOf(controller, 1), 'Hello.World and more')
    controller.dispatch(undoCommand)
    assert.equal(lineOf(controller, 1), 'Hello.World')
  })

  it('Esc in a text cell editor with nothing typed closes it without a history step or a notice', async () => {
    const { controller } = await openEpisode()
    editText(controller, 0, 0)
    const id = idOf(controller, 0)
    controller.dispatch(setEntryText(id, 'Intro!'))
    controller.dispatch(setEntryText(id, 'Intro'))
    const steps = session(controller).editor.done.length
    const notice = controller.store.getState().notice
    assert.equal(controller.run('leave'), true)
    assert.equal(session(controller).editing, null)
    assert.equal(session(controller).editor.done.length, steps)
    assert.equal(controller.store.getState().notice, notice)
  })

  it('Esc reverts a header to its text as the editor opened it', async () => {
    const { controller } = await openEpisode()
    editText(controller, 0, 5)
    controller.dispatch(setEntryText(idOf(controller, 0), 'Intro and welcome'))
    assert.equal(controller.run('leave'), true)
    assert.equal(textOf(session(controller).editor.doc.entries[0]!, 'header'), 'Intro')
    assert.equal(serializeEpisode(session(controller).editor.doc), EPISODE)
  })

  it('Esc after a split in the same editing session keeps the split and reverts only what was typed since', async () => {
    const { controller } = await openEpisode()
    editText(controller, 1, 6)
    controller.dispatch(setEntryText(idOf(controller, 1), 'Hello.World'))
    assert.equal(controller.run('split'), true)
    const second = idOf(controller, 2)
    assert.equal(session(controller).editing?.id, second)
    assert.equal(controller.run('leave'), true, 'nothing typed since the split: Esc just closes')
    assert.deepEqual([lineOf(controller, 1), lineOf(controller, 2)], ['Hello.', 'World'])
    assert.equal(controller.store.getState().notice, null)
    controller.dispatch(startEdit('end'))
    controller.dispatch(setEntryText(second, 'World, again'))
    controller.dispatch(splitAt(second, 6))
    const third = idOf(controller, 3)
    controller.dispatch(setEntryText(third, 'again and again'))
    assert.equal(controller.run('leave'), true)
    assert.deepEqual([lineOf(controller, 1), lineOf(controller, 2), lineOf(controller, 3)], ['Hello.', 'World,', 'again'])
  })

  it('Esc after a merge at the start of a line keeps the merge and reverts what was typed since', async () => {
    const { controller } = await openEpisode(new FakeHost({ [FILE]: ONE_SPEAKER }))
    editText(controller, 2, 0)
    assert.equal(controller.run('merge-at-start'), true)
    const merged = idOf(controller, 1)
    controller.dispatch(setEntryText(merged, 'Hello.World Second line, typed'))
    assert.equal(controller.run('leave'), true)
    assert.equal(lineOf(controller, 1), 'Hello.World Second line')
    assert.equal(session(controller).editor.doc.entries.length, 2)
  })

  it('Esc in the time editor still drops its draft', async () => {
    const { controller } = await openEpisode()
    controller.dispatch(setCursor(idOf(controller, 1), 'time'))
    controller.dispatch(startEdit('end'))
    controller.dispatch(setEditDraft('0:42'))
    assert.equal(controller.run('leave'), true)
    assert.equal(session(controller).editing, null)
    assert.equal(valueOf(session(controller).editor.doc.entries[1]!, 'time'), '0:10')
    assert.equal(controller.store.getState().notice, null)
  })

  it('moving between panes is a view effect the state layer asks for', async () => {
    const moves: number[] = []
    const host = new FakeHost({ [FILE]: EPISODE })
    const controller = createController(host, { view: { focusNextPane: (d) => (moves.push(d), true), guardUnload: () => () => {}, onLeave: () => () => {}, whenIdle: (run) => run() } })
    await controller.start()
    assert.equal(controller.run('next-pane'), true)
    assert.equal(controller.run('previous-pane'), true)
    assert.deepEqual(moves, [1, -1])
  })
})

describe('the open episodes (open-episodes.ts, on a store without a controller)', () => {
  const A = 'a.md'
  const B = 'b.md'
  async function openAB() {
    const host = new FakeHost({ [A]: EPISODE, [B]: EPISODE.replace('Test episode', 'Other episode') })
    const store = createStore<AppState>(initialAppState)
    const clock = new ManualClock()
    const opened: string[] = []
    let flushes = 0
    const episodes = createOpenEpisodes({
      host,
      store,
      failures: createFailureReporter(store.dispatch, () => {}),
      schedule: clock.schedule,
      flushTyping: () => void flushes++,
      openPath: async (path) => {
        opened.push(path)
        episodes.dropAll()
      },
    })
    await episodes.load(A)
    await episodes.load(B)
    const edit = (handle: string, text: string) => episodes.editEpisodes([handle], (doc) => setLine(doc, 2, text), 'Edit')
    return { host, store, episodes, opened, edit, flushes: () => flushes }
  }

  it('opens each episode once, in its own tab, the last one active', async () => {
    const { host, store, episodes } = await openAB()
    assert.deepEqual(store.getState().tabs, [A, B])
    assert.equal(episodes.active()?.handle, B)
    host.calls.length = 0
    await episodes.load(A)
    assert.equal(episodes.active()?.handle, A)
    assert.deepEqual(host.calls, [], 'an open episode is shown again, not read again')
  })

  it('Save All reports the episode it could not save by name and saves the others', async () => {
    const { host, store, episodes, edit } = await openAB()
    assert.deepEqual((await edit(A, 'Mine in A')).failed, [])
    assert.deepEqual((await edit(B, 'Mine in B')).failed, [])
    host.files.set(A, EPISODE.replace('Second line', 'Their line'))
    assert.equal(await episodes.saveAll(), false)
    assert.match(host.files.get(B)!, /Mine in B/)
    assert.match(host.files.get(A)!, /Their line/, 'their change is not overwritten')
    assert.match(store.getState().failure?.text ?? '', /One episode was not saved.*a\.md: it changed on disk/)
  })

  it('asks before closing a dirty tab; cancel keeps it, discard closes it and forgets its draft', async () => {
    const { host, store, episodes, edit, flushes } = await openAB()
    await edit(B, 'Unsaved')
    host.drafts.set(B, 'draft')
    const before = flushes()
    await episodes.closeTab()
    assert.ok(flushes() > before, 'the cell being typed in is taken first')
    const dialog = store.getState().dialog
    assert.deepEqual(dialog?.kind === 'leave' && dialog.episodes, [B])
    await episodes.resolveLeave('cancel')
    assert.deepEqual(store.getState().tabs, [A, B])
    await episodes.closeTab(B)
    await episodes.resolveLeave('discard')
    await settle()
    assert.deepEqual(store.getState().tabs, [A])
    assert.equal(episodes.get(B), null)
    assert.ok(!host.drafts.has(B), 'the draft of the discarded changes is gone')
  })

  it('opening another path asks about every unsaved episode, saves them on "save", then opens it', async () => {
    const { host, store, episodes, edit, opened } = await openAB()
    await edit(A, 'Unsaved A')
    await edit(B, 'Unsaved B')
    await episodes.requestLeave({ kind: 'open-path', path: '/elsewhere' })
    assert.deepEqual(opened, [], 'nothing is opened before the answer')
    await episodes.resolveLeave('save')
    assert.match(host.files.get(A)!, /Unsaved A/)
    assert.match(host.files.get(B)!, /Unsaved B/)
    assert.deepEqual(opened, ['/elsewhere'])
    assert.deepEqual(store.getState().tabs, [])
  })
})

describe('the draft journal', () => {
  it('waits for a pause in typing, but journals at least every ten seconds while typing goes on', async () => {
    const clock = new ManualClock()
    const host = new FakeHost({})
    const view = { doc: parseEpisode(EPISODE), saved: parseEpisode(EPISODE), dirty: true, draftOffered: false }
    const journal = createDraftJournal({ handle: FILE, host, read: () => view, failures: { report: () => undefined }, schedule: clock.schedule })
    const writes = () => host.calls.filter((m) => m === 'writeDraft').length
    // A keystroke every second: no pause long enough, so nothing until the ten-second deadline.
    for (let second = 0; second < 9; second++) {
      journal.changed()
      await clock.advance(1000)
    }
    assert.equal(writes(), 0, 'typing without a pause is not interrupted by a journal')
    journal.changed()
    await clock.advance(1000)
    assert.equal(writes(), 1, 'the deadline journals during continuous typing')
    journal.changed()
    await clock.advance(1600)
    assert.equal(writes(), 2, 'a pause of a second and a half journals')
  })
  it('counts a draft as written only once the host took it', async () => {
    const clock = new ManualClock()
    const host = new FakeHost({})
    const reports: string[] = []
    let view = { doc: parseEpisode(EPISODE), saved: parseEpisode(EPISODE), dirty: true, draftOffered: false }
    const journal = createDraftJournal({ handle: FILE, host, read: () => view, failures: { report: (what) => reports.push(what) }, schedule: clock.schedule })
    host.failing.set('writeDraft', new Error('the disk is full'))
    journal.changed()
    await clock.advance(2000)
    assert.equal(journal.written, false)
    assert.deepEqual(reports, ['The recovery draft could not be written'])
    // Clean again with nothing written: nothing to discard.
    view = { ...view, dirty: false }
    journal.changed()
    await settle()
    assert.deepEqual(host.calls.filter((m) => m === 'discardDraft'), [])
    host.failing.clear()
    view = { ...view, dirty: true }
    journal.changed()
    await clock.advance(2000)
    assert.equal(journal.written, true)
    view = { ...view, dirty: false }
    journal.changed()
    await settle()
    assert.deepEqual(host.calls.filter((m) => m === 'discardDraft'), ['discardDraft'])
  })
})

describe('the connection monitor', () => {
  it('probes a lost host with growing pauses until it answers, once per loss', async () => {
    const clock = new ManualClock()
    const events: string[] = []
    let up = false
    let probes = 0
    const monitor = createConnectionMonitor({
      probe: async () => {
        probes++
        if (!up) throw new Error('no answer')
      },
      onLost: () => events.push('lost'),
      onRestored: () => events.push('restored'),
      retryMs: 1000,
      maxRetryMs: 4000,
      schedule: clock.schedule,
    })
    monitor.lost()
    monitor.lost()
    assert.deepEqual(events, ['lost'])
    await clock.advance(1000 + 2000 + 4000 + 4000)
    assert.equal(probes, 4, 'pauses of 1, 2, 4, 4 seconds')
    up = true
    await clock.advance(4000)
    assert.deepEqual(events, ['lost', 'restored'])
    assert.equal(monitor.isLost, false)
    await clock.advance(60_000)
    assert.equal(probes, 5, 'no probing while the host answers')
    monitor.dispose()
  })
})
