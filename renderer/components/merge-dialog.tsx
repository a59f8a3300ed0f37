import { useMemo, useState } from 'react'
import { isHeader, textOf, type Entry } from '../../shared/episode/index'
import type { ConflictChoice } from '../../shared/episode/merge-episodes'
import type { MergeDialog as MergeDialogState } from '../state/app-state'
import { setDialog } from '../state/commands'
import { useController } from '../state/hooks'
import { conflictRows } from '../state/merge-with-disk'
import { Modal } from './modal'

/** An entry in words: a header's text, or a line's speaker, time and text; null when that side removed it. */
function describeEntry(entry: Entry | null): string {
  if (!entry) return '(removed)'
  if (isHeader(entry)) return `Header: ${textOf(entry, 'header') ?? ''}`
  const who = textOf(entry, 'who') ?? 'no speaker'
  const time = textOf(entry, 'time')
  return `${who}${time ? ` at ${time}` : ''}: ${textOf(entry, 'line') ?? ''}`
}

/**
 * The entries both sides changed in a merge with the file on disk: each with its row and the
 * version as last saved (or loaded), yours and theirs, a choice per entry (radio buttons), and Apply.
 */
export function MergeDialog(props: MergeDialogState) {
  const controller = useController()
  const close = () => controller.dispatch(setDialog(null))
  const { conflicts } = props.result
  const rows = useMemo(() => conflictRows(props.result), [props.result])
  const [choices, setChoices] = useState<readonly (ConflictChoice | null)[]>(() => conflicts.map(() => null))
  const missing = choices.filter((choice) => choice === null).length
  const apply = () => {
    if (missing === 0) controller.applyMerge(choices as ConflictChoice[])
  }
  const choose = (k: number, choice: ConflictChoice) => setChoices((all) => all.map((c, i) => (i === k ? choice : c)))
  return (
    <Modal
      title="Choose between your version and theirs"
      wide
      onCancel={close}
      describedBy="merge-intro"
      footer={
        <>
          <span className="merge-remaining" role="status" aria-live="polite">
            {missing > 0 ? `Choose a version for ${missing} more ${missing === 1 ? 'entry' : 'entries'}.` : 'Every entry has a version.'}
          </span>
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form="merge-form" className="button primary" disabled={missing > 0}>
            Apply
          </button>
        </>
      }
    >
      <p id="merge-intro">
        Your other changes are re-applied on top of the file on disk. You and the other program both changed {conflicts.length === 1 ? 'this entry' : `these ${conflicts.length} entries`}: choose which version to keep. Nothing is saved until you save.
      </p>
      <form
        id="merge-form"
        onSubmit={(e) => {
          e.preventDefault()
          apply()
        }}
      >
        {conflicts.map((conflict, k) => (
          <fieldset key={k} className="merge-conflict" data-testid="merge-conflict">
            <legend>Row {rows[k]}</legend>
            <p className="merge-base">
              <span className="merge-side">As last saved</span> {describeEntry(conflict.base)}
            </p>
            {(['mine', 'theirs'] as const).map((side) => (
              <label key={side} className="merge-option">
                <input
                  type="radio"
                  name={`merge-${k}`}
                  value={side}
                  checked={choices[k] === side}
                  onChange={() => choose(k, side)}
                  {...(k === 0 && side === 'mine' ? { 'data-autofocus': true } : {})}
                />
                <span className="merge-side">{side === 'mine' ? 'Yours' : 'Theirs'}</span> {describeEntry(side === 'mine' ? conflict.mine : conflict.theirs)}
              </label>
            ))}
          </fieldset>
        ))}
      </form>
    </Modal>
  )
}
