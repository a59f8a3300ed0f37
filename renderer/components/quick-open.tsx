import { useId, useMemo, useState } from 'react'
import { focusCursor, setDialog } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { episodeCode, quickOpenMatches } from '../state/quick-open'
import { Modal } from './modal'
import { basename } from './path-name'

/** The quick switcher (Ctrl/Cmd+P): find an episode by title, file name or `s10e04`, Enter opens it. */
export function QuickOpenDialog() {
  const controller = useController()
  const files = useAppState((s) => s.workspace?.files ?? [])
  const [query, setQuery] = useState('')
  const [picked, setPicked] = useState(0)
  const listId = useId()
  const matches = useMemo(() => quickOpenMatches(files, query), [files, query])
  const current = Math.min(picked, matches.length - 1)
  const close = () => controller.dispatch(setDialog(null))
  const open = (index: number) => {
    const file = matches[index]
    if (!file) return
    close()
    // Wherever quick open was started from (the episode list, its filter), focus goes to the opened episode's grid.
    void controller.openFile(file.handle).then(() => {
      if (controller.store.getState().session?.handle === file.handle) controller.dispatch(focusCursor)
    })
  }
  return (
    <Modal title="Go to episode" onCancel={close}>
      <input
        type="text"
        role="combobox"
        className="text-field quick-open-input"
        aria-label="Episode title, file name or s10e04"
        placeholder="Title, file name or s10e04"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current >= 0 ? `${listId}-${current}` : undefined}
        data-autofocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setPicked(0)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault()
            setPicked(Math.max(0, Math.min(matches.length - 1, current + (e.key === 'ArrowDown' ? 1 : -1))))
          } else if (e.key === 'Enter') {
            e.preventDefault()
            open(current)
          }
        }}
      />
      <ul className="quick-open-list" role="listbox" id={listId} aria-label="Episodes">
        {matches.map((file, i) => (
          <li
            key={file.handle}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'quick-open-item current' : 'quick-open-item'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => open(i)}
          >
            <span className="quick-open-title">{file.title ?? basename(file.relPath)}</span>
            <span className="quick-open-meta">
              {episodeCode(file) ?? ''} {basename(file.relPath)}
            </span>
          </li>
        ))}
        {matches.length === 0 && <li className="panel-empty">No episode matches “{query}”.</li>}
      </ul>
    </Modal>
  )
}
