import { useEffect, useRef } from 'react'
import { closeFind, findNext, focusCursor, setFindQuery } from '../state/commands'
import { useAppState, useController, useSettledDoc } from '../state/hooks'
import { findMatches, indexOfId } from '../state/selectors'

/** Find within the episode: lines, speakers and headers, with a match count and next/previous. */
export function FindBar() {
  const controller = useController()
  const query = useAppState((s) => s.find.query)
  const focusSeq = useAppState((s) => s.find.focusSeq)
  const doc = useSettledDoc()
  const cursor = useAppState((s) => s.session!.cursor)
  const ref = useRef<HTMLInputElement>(null)
  const matches = findMatches(doc, query)
  const here = cursor ? indexOfId(doc, cursor.id) : -1
  const current = matches.findIndex((m) => m.index === here && m.field === cursor?.column)

  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
  }, [focusSeq])

  const count = !query.trim() ? '' : matches.length === 0 ? 'No matches' : current >= 0 ? `${current + 1} of ${matches.length}` : `${matches.length} matches`

  return (
    <div className="find-bar" role="search">
      <input
        ref={ref}
        type="search"
        className="find-input"
        placeholder="Find in lines, speakers and sections"
        aria-label="Find in this episode"
        value={query}
        onChange={(e) => controller.dispatch(setFindQuery(e.target.value))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            controller.dispatch(findNext(e.shiftKey ? -1 : 1))
          } else if (e.key === 'Escape') {
            e.preventDefault()
            controller.dispatch(closeFind)
            controller.dispatch(focusCursor)
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite" data-testid="find-count">
        {count}
      </span>
      <button type="button" className="tool" onClick={() => controller.dispatch(findNext(-1))} disabled={matches.length === 0} title="Previous match (Shift+Enter)">
        Previous
      </button>
      <button type="button" className="tool" onClick={() => controller.dispatch(findNext(1))} disabled={matches.length === 0} title="Next match (Enter)">
        Next
      </button>
      <button type="button" className="tool icon-only" onClick={() => controller.dispatch(closeFind) && controller.dispatch(focusCursor)} aria-label="Close find" title="Close (Esc)">
        ✕
      </button>
    </div>
  )
}
