import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyTransaction, createEditorState, isDirty, markSaved, redo, undo } from '../shared/editing/editor-state'
import { insertHeader, parseEpisode, setLine, setSpeaker, textOf } from '../shared/episode/index'

const doc = parseEpisode('---\ntranscript:\n- line: Hello\n  who: A\n- line: World\n  who: B\n---\n')

describe('the undo history', () => {
  it('counts a document read from other text as a change even when its entries are the same (clips synced, a draft restored)', () => {
    const withDuration = parseEpisode('---\nduration: PT00H01M00S\ntranscript:\n- line: Hello\n  who: A\n- line: World\n  who: B\n---\n')
    let state = applyTransaction(createEditorState(doc), { doc: withDuration, userEvent: 'structure', time: 1 })
    assert.ok(isDirty(state))
    state = undo(state)!
    assert.equal(isDirty(state), false)
  })

  it('joins typing in one cell into one step, and undoing it clears the dirty mark', () => {
    let state = createEditorState(doc)
    for (const [i, text] of ['Hello!', 'Hello!!', 'Hello!!!'].entries()) {
      state = applyTransaction(state, { doc: setLine(state.doc, 0, text), userEvent: 'input', group: 'line:1', time: 1000 + i * 100 })
    }
    assert.equal(state.done.length, 1)
    assert.ok(isDirty(state))
    state = undo(state)!
    assert.equal(textOf(state.doc.entries[0]!, 'line'), 'Hello')
    assert.equal(isDirty(state), false)
    state = redo(state)!
    assert.equal(textOf(state.doc.entries[0]!, 'line'), 'Hello!!!')
  })

  it('starts a new step after a pause, in another cell, or for another kind of edit', () => {
    let state = createEditorState(doc)
    state = applyTransaction(state, { doc: setLine(state.doc, 0, 'a'), userEvent: 'input', group: 'line:1', time: 0 })
    state = applyTransaction(state, { doc: setLine(state.doc, 0, 'ab'), userEvent: 'input', group: 'line:1', time: 5000 })
    state = applyTransaction(state, { doc: setLine(state.doc, 1, 'x'), userEvent: 'input', group: 'line:2', time: 5100 })
    state = applyTransaction(state, { doc: setSpeaker(state.doc, 1, 'A'), userEvent: 'speaker', time: 5200 })
    state = applyTransaction(state, { doc: insertHeader(state.doc, 0, 'H'), userEvent: 'structure', time: 5300 })
    assert.equal(state.done.length, 5)
  })

  it('drops the redo branch on a new edit, and counts a saved document as clean', () => {
    let state = createEditorState(doc)
    state = applyTransaction(state, { doc: setLine(state.doc, 0, 'a'), userEvent: 'input', group: 'line:1', time: 0 })
    state = markSaved(state)
    assert.equal(isDirty(state), false)
    state = undo(state)!
    assert.ok(isDirty(state), 'undoing past the save makes it dirty again')
    state = applyTransaction(state, { doc: setSpeaker(state.doc, 0, 'B'), userEvent: 'speaker', time: 10 })
    assert.equal(redo(state), null)
  })

  it('does not record loads', () => {
    const state = applyTransaction(createEditorState(doc), { doc: setLine(doc, 0, 'reloaded'), userEvent: 'load', time: 0 })
    assert.equal(undo(state), null)
  })
})
