import { shortcutLabel } from '../keymap'
import { useAppState, useController } from '../state/hooks'
import { indexOfId } from '../state/selectors'

/** The bottom line: where the cursor is, how many rows are selected, the last message, Settings. */
export function StatusBar() {
  const controller = useController()
  const total = useAppState((s) => s.session?.editor.doc.entries.length ?? 0)
  const cursor = useAppState((s) => s.session?.cursor ?? null)
  const row = useAppState((s) => (s.session?.cursor ? indexOfId(s.session.editor.doc, s.session.cursor.id) + 1 : 0))
  const selected = useAppState((s) => s.session?.selection.size ?? 0)
  const editing = useAppState((s) => s.session?.editing ?? null)
  const notice = useAppState((s) => s.notice)
  const col = cursor ? { time: 'Time', who: 'Speaker', text: 'Text' }[cursor.column] : ''
  return (
    <footer className="status-bar">
      <span className="status-position">
        {cursor ? `Row ${row} of ${total} · ${col}` : ''}
        {selected > 1 ? ` · ${selected} rows selected` : ''}
        {editing ? ' · Editing' : ''}
      </span>
      <span
        className={`status-notice ${notice?.tone ?? ''}`}
        role={notice?.tone === 'error' ? 'alert' : 'status'}
        aria-live="polite"
        data-testid="notice"
        {...(notice ? { title: notice.text } : {})}
      >
        {notice?.text ?? ''}
      </span>
      <button type="button" className="link-button status-settings" title={`Settings: checks switched on, host speaker (${shortcutLabel('settings')})`} onClick={() => controller.run('settings')}>
        Settings
      </button>
      <span className="status-hint">F1 or ? for shortcuts</span>
    </footer>
  )
}
