import type { SearchScope } from '../../shared/workspace/find-query'
import type { SearchOptions } from '../state/app-state'

const SCOPE_LABELS: Readonly<Record<SearchScope, string>> = { lines: 'Lines', headers: 'Headers', speakers: 'Speakers' }

/** The toggles of a search: match case, whole word, regular expression. */
export function SearchFlags(props: { options: SearchOptions; onChange: (patch: Partial<SearchOptions>) => void; idPrefix: string }) {
  const { options, onChange } = props
  const flag = (key: 'matchCase' | 'wholeWord' | 'regex', text: string, label: string) => (
    <button
      type="button"
      className={`tool flag${options[key] ? ' on' : ''}`}
      aria-pressed={options[key]}
      aria-label={label}
      title={label}
      data-testid={`${props.idPrefix}-${key}`}
      onClick={() => onChange({ [key]: !options[key] })}
    >
      {text}
    </button>
  )
  return (
    <span className="search-flags" role="group" aria-label="Search options">
      {flag('matchCase', 'Aa', 'Match case')}
      {flag('wholeWord', 'W', 'Whole word')}
      {flag('regex', '.*', 'Regular expression')}
    </span>
  )
}

/** Where to search: lines, headers, speakers (at least one stays on). */
export function SearchScopes(props: { options: SearchOptions; onChange: (patch: Partial<SearchOptions>) => void }) {
  const { options, onChange } = props
  return (
    <span className="search-scopes" role="group" aria-label="Search in">
      {(['lines', 'headers', 'speakers'] as const).map((scope) => {
        const on = options.scopes.includes(scope)
        return (
          <label key={scope} className="scope-toggle">
            <input
              type="checkbox"
              checked={on}
              onChange={() => onChange({ scopes: on ? options.scopes.filter((s) => s !== scope) : [...options.scopes, scope] })}
            />
            {SCOPE_LABELS[scope]}
          </label>
        )
      })}
    </span>
  )
}

/** The ▸/▾ button that shows or hides a replace field, with its shortcut in the tooltip. */
export function ReplaceToggle(props: { open: boolean; shortcut: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      className="tool icon-only find-toggle"
      aria-expanded={props.open}
      aria-label={props.open ? 'Hide replace' : 'Show replace'}
      title={`Replace (${props.shortcut})`}
      onClick={props.onToggle}
    >
      {props.open ? '▾' : '▸'}
    </button>
  )
}
