import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { serializeEpisode, textOf } from '../shared/episode/index'
import { createController, type Controller } from '../renderer/state/controller'
import { redoCommand, setCursor, undoCommand } from '../renderer/state/commands'
import { findNext, openReplace, replaceAll, replaceCurrent, replacedNotice, setFindOptions, setFindQuery, setReplacement } from '../renderer/state/find-commands'
import { openWorkspaceSearch, setWorkspaceSearch, toggleEpisodeChecked } from '../renderer/state/workspace-search'
import { dirtyOf } from '../renderer/state/selectors'
import { FakeHost, ManualClock, settle } from './helpers/fake-host'

const episode = (lines: readonly string[]) =>
  ['---', 'title: Test episode', 'transcript:', '- header: About Grifana', ...lines.flatMap((l, i) => [`- line: ${l}`, `  sec: ${i * 10}`, `  time: '0:${i}0'`, '  who: Alexey']), '---', ''].join('\n')

const A = episode(['We use Grifana daily.', 'Grifana and grifana again.', 'Nothing here.'])
const B = episode(['Grifana dashboards.'])

async function open(files: Record<string, string> = { 'a.md': A, 'b.md': B }) {
  const host = new FakeHost(files)
  const controller = createController(host, { schedule: new ManualClock().schedule })
  await controller.start()
  await controller.openFile('a.md')
  return { host, controller }
}

function lines(controller: Controller): (string | undefined)[] {
  return controller.store.getState().session!.editor.doc.entries.map((e) => textOf(e, 'line') ?? textOf(e, 'header'))
}

/** Opens the replace bar on "Grifana" (match case, lines only), replacing it with "Grafana". */
function replaceCaseGrifana(controller: Controller): void {
  controller.dispatch(openReplace)
  controller.dispatch(setFindQuery('Grifana'))
  controller.dispatch(setFindOptions({ matchCase: true, scopes: ['lines'] }))
  controller.dispatch(setReplacement('Grafana'))
}

describe('find and replace in the open episode', () => {
  it('Replace first shows the match, then replaces it alone as one undo step and moves to the next', async () => {
    const { controller } = await open()
    replaceCaseGrifana(controller)
    controller.dispatch(setCursor(0, 'text'))
    controller.dispatch(replaceCurrent)
    assert.deepEqual(controller.store.getState().find.current, { entry: 1, field: 'line', start: 7 })
    assert.equal(lines(controller)[1], 'We use Grifana daily.', 'the first press only moves to the match')
    controller.dispatch(replaceCurrent)
    assert.equal(lines(controller)[1], 'We use Grafana daily.')
    assert.deepEqual(controller.store.getState().find.current, { entry: 2, field: 'line', start: 0 })
    controller.dispatch(undoCommand)
    assert.equal(lines(controller)[1], 'We use Grifana daily.')
    assert.equal(dirtyOf(controller.store.getState().session!.editor), false)
  })

  it('replacing the last match below the cursor says how many remain above, and "the last match" only when none do', async () => {
    const { controller } = await open()
    replaceCaseGrifana(controller)
    // The cursor on the last line with a match: the one in entry 1 is above it.
    controller.dispatch(setCursor(controller.store.getState().session!.editor.doc.entries[2]!.id, 'text'))
    controller.dispatch(replaceCurrent)
    assert.deepEqual(controller.store.getState().find.current, { entry: 2, field: 'line', start: 0 })
    controller.dispatch(replaceCurrent)
    assert.equal(lines(controller)[2], 'Grafana and grifana again.')
    assert.equal(controller.store.getState().notice?.text, 'Replaced this match; 1 more above (Enter wraps to it)')
    // Enter wraps to the one above, then replaces it: now none remains.
    controller.dispatch(replaceCurrent)
    assert.deepEqual(controller.store.getState().find.current, { entry: 1, field: 'line', start: 7 })
    controller.dispatch(replaceCurrent)
    assert.equal(lines(controller)[1], 'We use Grafana daily.')
    assert.equal(controller.store.getState().notice?.text, 'Replaced the last match')
  })

  it('names the count of matches left above when there are several', () => {
    assert.equal(replacedNotice(0), 'Replaced the last match')
    assert.equal(replacedNotice(1), 'Replaced this match; 1 more above (Enter wraps to it)')
    assert.equal(replacedNotice(3), 'Replaced this match; 3 more above (Enter wraps to the first)')
  })

  it('Replace all is one undo step over every match of the scopes, and case as set', async () => {
    const { controller } = await open()
    controller.dispatch(openReplace)
    controller.dispatch(setFindQuery('grifana'))
    controller.dispatch(setReplacement('Grafana'))
    controller.dispatch(replaceAll)
    assert.deepEqual(lines(controller), ['About Grafana', 'We use Grafana daily.', 'Grafana and Grafana again.', 'Nothing here.'])
    controller.dispatch(undoCommand)
    assert.deepEqual(lines(controller), ['About Grifana', 'We use Grifana daily.', 'Grifana and grifana again.', 'Nothing here.'])
    controller.dispatch(redoCommand)
    controller.dispatch(undoCommand)
    controller.dispatch(setFindQuery('Grifana'))
    controller.dispatch(setFindOptions({ matchCase: true, wholeWord: true, scopes: ['lines'] }))
    controller.dispatch(replaceAll)
    assert.deepEqual(lines(controller), ['About Grifana', 'We use Grafana daily.', 'Grafana and grifana again.', 'Nothing here.'])
  })

  it('a regular expression replaces with its groups; next and previous wrap around', async () => {
    const { controller } = await open()
    controller.dispatch(openReplace)
    controller.dispatch(setFindOptions({ regex: true, matchCase: true, scopes: ['lines'] }))
    controller.dispatch(setFindQuery('(G)rif(ana)'))
    controller.dispatch(findNext(-1))
    assert.deepEqual(controller.store.getState().find.current, { entry: 2, field: 'line', start: 0 })
    controller.dispatch(setReplacement('$1raf$2'))
    controller.dispatch(replaceAll)
    assert.deepEqual(lines(controller).slice(1, 3), ['We use Grafana daily.', 'Grafana and grifana again.'])
  })
})

describe('search and replace across the workspace', () => {
  it('keeps the episodes left out when the search runs again for a new replacement, and ticks all again for a new query', async () => {
    const { controller } = await open()
    controller.dispatch(openWorkspaceSearch(true))
    controller.dispatch(setWorkspaceSearch({ query: 'Grifana', matchCase: true, scopes: ['lines'], replacement: 'Grafana' }))
    await controller.searchWorkspace()
    controller.dispatch(toggleEpisodeChecked('b.md'))
    controller.dispatch(setWorkspaceSearch({ replacement: 'Grafana!' }))
    await controller.searchWorkspace()
    assert.deepEqual([...controller.store.getState().search.unchecked], ['b.md'], 'the same matches: what was left out stays out')
    controller.dispatch(setWorkspaceSearch({ query: 'dashboards' }))
    await controller.searchWorkspace()
    assert.deepEqual([...controller.store.getState().search.unchecked], [], 'another query: every episode is ticked')
  })

  it('searches the open episode in memory (unsaved edits included) and the others on disk, then replaces after a preview', async () => {
    const { host, controller } = await open()
    controller.dispatch(openReplace)
    controller.dispatch(setFindQuery('Nothing'))
    controller.dispatch(setReplacement('Grifana'))
    controller.dispatch(replaceAll)
    controller.dispatch(openWorkspaceSearch(true))
    controller.dispatch(setWorkspaceSearch({ query: 'Grifana', matchCase: true, scopes: ['lines'], replacement: 'Grafana' }))
    await controller.searchWorkspace()
    const results = controller.store.getState().search.results!
    assert.deepEqual(
      results.episodes.map((e) => [e.handle, e.count, e.inEditor]),
      [
        ['a.md', 3, true],
        ['b.md', 1, false],
      ],
    )
    await controller.previewReplace(['a.md'])
    const dialog = controller.store.getState().dialog
    assert.equal(dialog?.kind, 'replace-preview')
    assert.deepEqual(
      dialog.kind === 'replace-preview' && dialog.preview.episodes[0]!.changes.map((c) => [c.entry, c.before, c.after]),
      [
        [1, 'We use Grifana daily.', 'We use Grafana daily.'],
        [2, 'Grifana and grifana again.', 'Grafana and grifana again.'],
        [3, 'Grifana here.', 'Grafana here.'],
      ],
    )
    const before = host.files.get('a.md')
    await controller.applyReplace()
    await settle()
    assert.deepEqual(lines(controller).slice(1), ['We use Grafana daily.', 'Grafana and grifana again.', 'Grafana here.'])
    assert.equal(host.files.get('a.md'), before, 'nothing is written before a save')
    controller.dispatch(undoCommand)
    assert.equal(lines(controller)[3], 'Grifana here.', 'one undo step takes the replacement back')
    assert.equal(serializeEpisode(controller.store.getState().session!.editor.doc).includes('Grifana here.'), true)
  })
})
