import { useEffect, useRef } from 'react'
import type { EntryId } from '../../shared/episode/index'
import { commitPendingEdit, setEditDraft } from '../state/commands'
import { useController } from '../state/hooks'
import { usePopupPlace } from './popup-place'

/** The error message's distance from the cell and its greatest height (px). */
const ERROR_GAP = 4
const ERROR_MAX_HEIGHT = 160

/** The time cell's editor: a text field taking `1:02:31`, `62:31` or seconds; Enter applies, Escape cancels. */
export function TimeCellEditor(props: { id: EntryId; draft: string; error: string | undefined }) {
  const { id, draft, error } = props
  const controller = useController()
  const ref = useRef<HTMLInputElement>(null)
  const errorId = `time-error-${id}`
  const errorRef = useRef<HTMLDivElement>(null)
  // Below the cell, or above it when the grid's view has no room below (it would be cut off).
  const place = usePopupPlace(errorRef, ERROR_GAP, ERROR_MAX_HEIGHT, error)

  useEffect(() => {
    const input = ref.current
    if (!input) return
    input.focus()
    // Opened by typing (type-ahead): keep what was typed and go on after it; otherwise select all.
    const editing = controller.store.getState().session?.editing
    if (editing && editing.draft !== editing.initial) input.setSelectionRange(input.value.length, input.value.length)
    else input.select()
    // Runs once, when the editor opens.
  }, [])

  return (
    <div className="time-editor" onMouseDown={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <input
        ref={ref}
        className={error ? 'cell-input invalid' : 'cell-input'}
        aria-label="Time (1:02:31, 62:31 or seconds)"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        spellCheck={false}
        inputMode="numeric"
        value={draft}
        onChange={(e) => controller.dispatch(setEditDraft(e.target.value))}
        onKeyDown={(e) => controller.handleKey(e.nativeEvent, 'editing')}
        // Clicking away applies a valid time; an invalid one is dropped with a message.
        onBlur={() => controller.dispatch(commitPendingEdit(id))}
      />
      {error && (
        <div
          ref={errorRef}
          className={place?.above ? 'cell-error above' : 'cell-error'}
          style={place ? { maxHeight: place.maxHeight } : undefined}
          id={errorId}
          role="alert"
        >
          {error}
        </div>
      )}
    </div>
  )
}
