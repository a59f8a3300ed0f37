import { memo, useDeferredValue, useEffect, useRef } from 'react'
import type { Episode } from '../../shared/episode/index'
import { shortcutLabel } from '../keymap'
import { jumpTo, showSidePanel } from '../state/commands'
import { useAppState, useController, useSettledDoc } from '../state/hooks'
import { displayTime, indexOfId, outlineOf, type OutlineItem } from '../state/selectors'
import { applyProblemFix, columnOfProblem, shownProblemsOf, type EditorProblem } from '../state/speaker-names'

const OutlineList = memo(function OutlineList(props: { items: readonly OutlineItem[]; current: number }) {
  const controller = useController()
  const listRef = useRef<HTMLOListElement>(null)
  useEffect(() => {
    // Keep the section being edited visible in the outline.
    listRef.current?.querySelector('.outline-item.current')?.scrollIntoView({ block: 'nearest' })
  }, [props.current])
  if (props.items.length === 0) return <p className="panel-empty">No sections yet. Insert one above the current row with {shortcutLabel('insert-header')}.</p>
  return (
    <ol className="outline-list" ref={listRef}>
      {props.items.map((item) => (
        <li key={item.id}>
          <button
            type="button"
            className={item.index === props.current ? 'outline-item current' : 'outline-item'}
            aria-current={item.index === props.current ? 'location' : undefined}
            onClick={() => controller.dispatch(jumpTo(item.id, 'text', true))}
          >
            <span className="outline-text">{item.text || 'Untitled section'}</span>
            {item.time && <span className="outline-time">{item.time}</span>}
          </button>
        </li>
      ))}
    </ol>
  )
})

const ProblemList = memo(function ProblemList(props: { doc: Episode; problems: readonly EditorProblem[] }) {
  const controller = useController()
  const { doc, problems } = props
  if (problems.length === 0) return <p className="panel-empty">No problems found in this episode.</p>
  return (
    <ul className="problem-list">
      {problems.map((p, i) => {
        const entry = doc.entries[p.entry]
        if (!entry) return null
        const time = displayTime(entry)
        return (
          <li key={`${entry.id}-${p.code}-${i}`} className="problem-row">
            <button type="button" className={`problem-item ${p.severity}`} onClick={() => controller.dispatch(jumpTo(entry.id, columnOfProblem(p.code), true))}>
              <span className="problem-where">
                Row {p.entry + 1}
                {time ? ` · ${time}` : ''}
              </span>
              <span className="problem-message">{p.message}</span>
            </button>
            {p.fix && (
              <button type="button" className="problem-fix" data-testid="problem-fix" onClick={() => controller.dispatch(applyProblemFix(p, entry.id))}>
                {p.fix.label}
              </button>
            )}
          </li>
        )
      })}
    </ul>
  )
})

/** The right-hand panel: the outline of section headers, or the list of lint problems. */
export function SidePanel() {
  const controller = useController()
  const panel = useAppState((s) => s.sidePanel)
  // A long episode's outline holds thousands of elements: on open it renders just after the
  // grid's first rows have painted (null until then).
  const doc = useDeferredValue(useSettledDoc(), null)
  const cursorIndex = useAppState((s) => (s.session?.cursor ? indexOfId(s.session.settled, s.session.cursor.id) : -1))
  const outline = doc ? outlineOf(doc) : []
  const knowledge = useAppState((s) => s.speakers)
  const problems = doc ? shownProblemsOf(doc, knowledge) : []
  // The section containing the cursor is highlighted in the outline.
  let currentSection = -1
  for (const item of outline) if (item.index <= cursorIndex) currentSection = item.index

  return (
    <aside className="side-panel" aria-label="Outline and problems">
      <div className="tabs" role="tablist" aria-label="Panels">
        {(
          [
            ['outline', 'Outline', outline.length, ''],
            ['problems', 'Problems', problems.length, problems.length ? ' warn' : ''],
          ] as const
        ).map(([id, label, count, tone]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={panel === id}
            aria-controls={`panel-${id}`}
            className={panel === id ? 'tab active' : 'tab'}
            onClick={() => controller.dispatch(showSidePanel(id))}
          >
            {label} <span className={`tab-count${tone}`}>{doc ? count : ''}</span>
          </button>
        ))}
      </div>
      {panel === 'outline' ? (
        <div className="panel-body" role="tabpanel" id="panel-outline" aria-labelledby="tab-outline">
          {doc && <OutlineList items={outline} current={currentSection} />}
        </div>
      ) : (
        <div className="panel-body" role="tabpanel" id="panel-problems" aria-labelledby="tab-problems">
          {doc && <ProblemList doc={doc} problems={problems} />}
        </div>
      )}
    </aside>
  )
}
