import { memo, useDeferredValue, useEffect, useRef } from 'react'
import type { Episode } from '../../shared/episode/index'
import { shortcutLabel } from '../keymap'
import { jumpTo, showSidePanel } from '../state/commands'
import { useAppState, useController, useDeferredProblems, useSettledDoc } from '../state/hooks'
import { applyProblemFix } from '../state/problem-commands'
import type { EditorProblem } from '../state/problems'
import { displayTime, indexOfId, outlineOf, problemColumn, type OutlineItem } from '../state/selectors'

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

/** Which fixable problem of its row and code each problem is (what `applyProblemFix` takes), -1 without a fix. */
function fixOrdinals(problems: readonly EditorProblem[]): number[] {
  const seen = new Map<string, number>()
  return problems.map((p) => {
    if (!p.fix) return -1
    const key = `${p.entry} ${p.code}`
    const n = seen.get(key) ?? 0
    seen.set(key, n + 1)
    return n
  })
}

const ProblemList = memo(function ProblemList(props: { doc: Episode; problems: readonly EditorProblem[] }) {
  const controller = useController()
  const { doc, problems } = props
  if (problems.length === 0) return <p className="panel-empty">No problems found in this episode.</p>
  const ordinals = fixOrdinals(problems)
  const typography = problems.filter((p) => p.fix && p.code.startsWith('typography-')).length
  return (
    <>
      {typography > 1 && (
        <div className="problem-actions">
          <button type="button" className="button small" title={`Fix every switched-on typography rule in every entry (${shortcutLabel('fix-typography') || 'one undo step'})`} onClick={() => controller.run('fix-typography')}>
            Fix all typography in this episode
          </button>
        </div>
      )}
      <ul className="problem-list">
        {problems.map((p, i) => {
          const entry = doc.entries[p.entry]
          if (!entry) return null
          const time = displayTime(entry)
          return (
            <li key={`${entry.id}-${p.code}-${i}`} className={p.fix ? 'problem fixable' : 'problem'}>
              <button type="button" className={`problem-item ${p.severity}`} onClick={() => controller.dispatch(jumpTo(entry.id, problemColumn(p.code), true))}>
                <span className="problem-where">
                  Row {p.entry + 1}
                  {time ? ` · ${time}` : ''}
                </span>
                <span className="problem-message">{p.message}</span>
              </button>
              {p.fix && (
                <button
                  type="button"
                  className="button small problem-fix"
                  title={`${p.fix.label} (row ${p.entry + 1}; ${shortcutLabel('quick-fix')} on the row)`}
                  aria-label={`Fix row ${p.entry + 1}: ${p.fix.label}`}
                  onClick={() => controller.dispatch(applyProblemFix(entry.id, p.code, ordinals[i]))}
                >
                  Fix
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </>
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
  const checked = useDeferredProblems()
  const problems = checked?.problems ?? []
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
          {checked ? <ProblemList doc={checked.doc} problems={checked.problems} /> : <p className="panel-empty">Checking the episode…</p>}
        </div>
      )}
    </aside>
  )
}
