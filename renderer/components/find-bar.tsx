import { useEffect, useRef } from 'react'
import { shortcutLabel } from '../keymap'
import { focusCursor } from '../state/commands'
import { closeFind, findNext, replaceAll, replaceCurrent, setFindOptions, setFindQuery, setReplacement, toggleReplace } from '../state/find-commands'
import { compiledFind, gridMatches, indexOfMatch } from '../state/find-matches'
import { useAppState, useController } from '../state/hooks'
import { ReplaceToggle, SearchFlags, SearchScopes } from './search-options'

/** Find and replace within the episode: options, scopes, a match count, next/previous, replace one or all. */
export function FindBar() {
  const controller = useController()
  const find = useAppState((s) => s.find)
  const doc = useAppState((s) => s.session!.editor.doc)
  const ref = useRef<HTMLInputElement>(null)
  const { compiled, error } = compiledFind(find)
  const matches = gridMatches(doc, compiled)
  const current = indexOfMatch(matches, find.current)

  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
  }, [find.focusSeq])

  const count = error
    ? error
    : !find.query
      ? ''
      : matches.length === 0
        ? 'No matches'
        : current >= 0
          ? `${current + 1} of ${matches.length}`
          : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`
  const close = () => controller.dispatch(closeFind) && controller.dispatch(focusCursor)
  const escape = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      close()
      return true
    }
    return false
  }
  const onOptions = (patch: Parameters<typeof setFindOptions>[0]) => controller.dispatch(setFindOptions(patch))

  return (
    <div className="find-bar" role="search" aria-label="Find and replace in this episode">
      <div className="find-row">
        <ReplaceToggle open={find.replaceOpen} shortcut={shortcutLabel('replace')} onToggle={() => controller.dispatch(toggleReplace(!find.replaceOpen))} />
        <input
          ref={ref}
          type="search"
          className={`find-input${error ? ' invalid' : ''}`}
          placeholder="Find in lines, speakers and sections"
          aria-label="Find in this episode"
          aria-invalid={error !== null}
          value={find.query}
          spellCheck={false}
          onChange={(e) => controller.dispatch(setFindQuery(e.target.value))}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              controller.dispatch(findNext(e.shiftKey ? -1 : 1))
            } else escape(e)
          }}
        />
        <SearchFlags options={find} onChange={onOptions} idPrefix="find" />
        <span className={`find-count${error ? ' error' : ''}`} role="status" aria-live="polite" data-testid="find-count">
          {count}
        </span>
        <button type="button" className="tool" onClick={() => controller.dispatch(findNext(-1))} disabled={matches.length === 0} title="Previous match (Shift+Enter)">
          Previous
        </button>
        <button type="button" className="tool" onClick={() => controller.dispatch(findNext(1))} disabled={matches.length === 0} title="Next match (Enter)">
          Next
        </button>
        <SearchScopes options={find} onChange={onOptions} />
        <button type="button" className="tool icon-only find-close" onClick={close} aria-label="Close find" title="Close (Esc)">
          ✕
        </button>
      </div>
      {find.replaceOpen && (
        <div className="find-row">
          <span className="find-toggle-space" />
          <input
            type="text"
            className="find-input"
            placeholder={find.regex ? 'Replace with ($1 for a group)' : 'Replace with'}
            aria-label="Replace with"
            value={find.replacement}
            spellCheck={false}
            onChange={(e) => controller.dispatch(setReplacement(e.target.value))}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                controller.dispatch(e.ctrlKey || e.metaKey ? replaceAll : replaceCurrent)
              } else escape(e)
            }}
          />
          <button type="button" className="tool" disabled={matches.length === 0} onClick={() => controller.dispatch(replaceCurrent)} title={`Replace this match and go to the next (Enter; ${shortcutLabel('replace-current')})`}>
            Replace
          </button>
          <button type="button" className="tool" disabled={matches.length === 0} onClick={() => controller.dispatch(replaceAll)} title={`Replace every match in this episode, one undo step (Ctrl+Enter; ${shortcutLabel('replace-all')})`}>
            Replace all
          </button>
        </div>
      )}
    </div>
  )
}
