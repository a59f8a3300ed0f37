import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { shortcuts, shownKeys } from '../renderer/keymap'

describe('the keys the shortcuts overlay lists', () => {
  it('names a key once where two spellings mean the same key on this platform', () => {
    const nextTab = shortcuts.find((s) => s.action === 'next-tab')!
    assert.deepEqual(shownKeys(nextTab.keys, false), ['Ctrl+PgDn', 'Ctrl+Tab'])
    assert.deepEqual(shownKeys(nextTab.keys, true), ['⌘PgDn', '⌘Tab', '⌃Tab'])
  })
})
