import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { popupPlace } from '../renderer/components/popup-place'

describe('popupPlace', () => {
  const view = { top: 0, bottom: 400 }
  it('puts a popup below its cell when it fits there', () => {
    assert.deepEqual(popupPlace({ top: 100, bottom: 130 }, view, 200, 8), { above: false, maxHeight: 262 })
  })
  it('puts it above when there is not room below and more room above (a row near the bottom)', () => {
    assert.deepEqual(popupPlace({ top: 300, bottom: 330 }, view, 200, 8), { above: true, maxHeight: 292 })
  })
  it('keeps it below, shorter, when there is less room above than below', () => {
    assert.deepEqual(popupPlace({ top: 120, bottom: 150 }, { top: 0, bottom: 300 }, 260, 8), { above: false, maxHeight: 142 })
  })
  it('never makes it shorter than the least height asked for', () => {
    assert.deepEqual(popupPlace({ top: 10, bottom: 390 }, view, 200, 8, 40), { above: false, maxHeight: 40 })
  })
})
