import { useEffect, useRef } from 'react'
import type { EntryId } from '../../shared/episode/index'
import { commitEdit, setEditDraft } from '../state/commands'
import { useController } from '../state/hooks'

/** The time cell's editor: a text field taking `1:02:31`, `62:31` or seconds; Enter applies, Escape cancels. */
export function TimeCellEditor(props: { id: EntryId; draft: string; error: string | undefined }) {
  const { id, draft, error } = props
  const controller = useController()
  const ref = useRef<HTMLInputElement>(null)
  const errorId = `time-error-${id}`

  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
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
        onBlur={() => {
          // Clicking away applies a valid time and drops an invalid one.
          controller.dispatch((state) => {
            const editing = state.session?.editing
            if (!editing || editing.id !== id || editing.column !== 'time') return null
            const next = commitEdit(0)(state)
            if (next?.session?.editing) return { ...state, session: { ...state.session!, editing: null } }
            return next
          })
        }}
      />
      {error && (
        <div className="cell-error" id={errorId} role="alert">
          {error}
        </div>
      )}
    </div>
  )
}
