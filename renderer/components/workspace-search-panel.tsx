import { useEffect, useRef } from 'react'
import type { FindMatch } from '../../shared/api/contract'
import { shortcutLabel } from '../keymap'
import type { SearchOptions } from '../state/app-state'
import { useAppState, useController } from '../state/hooks'
import { closeWorkspaceSearch, setWorkspaceSearch, toggleEpisodeChecked, type ResultEpisode, type SearchSource } from '../state/workspace-search'
import { FIELD_NAMES } from '../state/workspace-search-controller'
import { basename } from './path-name'
import { ReplaceToggle, SearchFlags, SearchScopes } from './search-options'

/** Pause in typing before the search runs again. */
const TYPING_PAUSE_MS = 250

function MatchText(props: { match: FindMatch; replacing: boolean }) {
  const { match, replacing } = props
  return (
    <span className="result-text">
      {match.before}
      {replacing && match.replacement !== undefined ? (
        <>
          <del>{match.match}</del>
          <ins>{match.replacement}</ins>
        </>
      ) : (
        <mark>{match.match}</mark>
      )}
      {match.after}
    </span>
  )
}

function EpisodeResults(props: { episode: ResultEpisode; checked: boolean; replacing: boolean }) {
  const controller = useController()
  const { episode, checked, replacing } = props
  const name = episode.title ?? basename(episode.relPath)
  const more = episode.count - episode.matches.length
  return (
    <li className="result-episode" data-testid="result-episode" data-handle={episode.handle} data-file={basename(episode.relPath)}>
      <div className="result-episode-head">
        {replacing && (
          <input type="checkbox" checked={checked} aria-label={`Include ${name}`} onChange={() => controller.dispatch(toggleEpisodeChecked(episode.handle))} />
        )}
        <span className="result-episode-name" title={episode.relPath}>
          {name}
        </span>
        {episode.inEditor && (
          <span className="result-open" title="Searched in the open episode, with its unsaved changes">
            open
          </span>
        )}
        <span className="result-count" aria-label={`${episode.count} matches`}>
          {episode.count}
        </span>
        {replacing && (
          <button type="button" className="tool small" title={`Replace every match in ${name}, after a preview`} onClick={() => void controller.previewReplace([episode.handle])}>
            Replace all
          </button>
        )}
      </div>
      <ul className="result-matches">
        {episode.matches.map((m) => (
          <li key={`${m.entry}:${m.field}:${m.start}`} className="result-match">
            <button
              type="button"
              className="result-open-match"
              title={`Entry ${m.entry + 1}, ${FIELD_NAMES[m.field]}: open here`}
              onClick={() => void controller.openResult(episode.handle, m)}
            >
              {m.field !== 'line' && <span className="result-field">{FIELD_NAMES[m.field]}</span>}
              <MatchText match={m} replacing={replacing} />
            </button>
            {replacing && (
              <button
                type="button"
                className="tool small icon-only"
                aria-label={`Replace this match in ${name}`}
                title="Replace this match, after a preview"
                onClick={() => void controller.previewReplace([episode.handle], { handle: episode.handle, match: m })}
              >
                ⇄
              </button>
            )}
          </li>
        ))}
        {more > 0 && <li className="result-more">{`${more} more in this episode: open it to see them`}</li>}
      </ul>
    </li>
  )
}

/** Search and replace across the folder's episodes: options, results grouped by episode, replace with a preview. */
export function WorkspaceSearchPanel() {
  const controller = useController()
  const search = useAppState((s) => s.search)
  const glossary = useAppState((s) => s.glossary)
  const inputRef = useRef<HTMLInputElement>(null)
  const { results, busy, error, source } = search
  const replacing = search.replaceOpen || source === 'glossary'

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [search.focusSeq])

  // Search again when the query or an option changes (typing waits for a pause).
  const key = JSON.stringify([search.query, search.regex, search.matchCase, search.wholeWord, search.scopes, source, search.replaceOpen ? search.replacement : null, glossary.glossary?.source ?? null])
  useEffect(() => {
    if (source === 'text' && search.query === '') return
    const timer = setTimeout(() => void controller.searchWorkspace(), TYPING_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [key])

  const set = (patch: Parameters<typeof setWorkspaceSearch>[0]) => controller.dispatch(setWorkspaceSearch(patch))
  const onOptions = (patch: Partial<SearchOptions>) => {
    if (patch.scopes?.length === 0) return
    set(patch)
  }
  const checked = (results?.episodes ?? []).filter((e) => !search.unchecked.has(e.handle))
  const matchesChecked = checked.reduce((n, e) => n + e.count, 0)
  const summary = busy
    ? 'Searching…'
    : error
      ? error
      : results
        ? results.total === 0
          ? `No matches in ${results.searched} episodes`
          : `${results.total} ${results.total === 1 ? 'match' : 'matches'} in ${results.episodes.length} ${results.episodes.length === 1 ? 'episode' : 'episodes'}`
        : ''
  const sourceButton = (value: SearchSource, label: string) => (
    <button type="button" role="tab" aria-selected={source === value} className={source === value ? 'tab active' : 'tab'} onClick={() => set({ source: value })}>
      {label}
    </button>
  )

  return (
    <aside
      className="sidebar search-panel"
      aria-label="Search all episodes"
      role="search"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault()
          controller.dispatch(closeWorkspaceSearch)
        }
      }}
    >
      <div className="search-panel-head">
        <div className="search-panel-title">
          <h2>Search episodes</h2>
          <button
            type="button"
            className="tool icon-only"
            aria-label="Close search (back to the episode list)"
            title="Close (Esc)"
            onClick={() => controller.dispatch(closeWorkspaceSearch)}
          >
            ✕
          </button>
        </div>
        <div className="tabs search-tabs" role="tablist" aria-label="Search for">
          {sourceButton('text', 'Text')}
          {sourceButton('glossary', 'Glossary')}
        </div>
        {source === 'text' ? (
          <>
            <div className="search-panel-row">
              <ReplaceToggle open={search.replaceOpen} shortcut={shortcutLabel('workspace-replace')} onToggle={() => set({ replaceOpen: !search.replaceOpen })} />
              <input
                ref={inputRef}
                type="search"
                className={`find-input${error ? ' invalid' : ''}`}
                placeholder="Search all episodes"
                aria-label="Search all episodes"
                spellCheck={false}
                value={search.query}
                onChange={(e) => set({ query: e.target.value })}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault()
                    void controller.searchWorkspace()
                  }
                }}
              />
            </div>
            {search.replaceOpen && (
              <div className="search-panel-row">
                <span className="find-toggle-space" />
                <input
                  type="text"
                  className="find-input"
                  placeholder={search.regex ? 'Replace with ($1 for a group)' : 'Replace with'}
                  aria-label="Replace in episodes with"
                  spellCheck={false}
                  value={search.replacement}
                  onChange={(e) => set({ replacement: e.target.value })}
                />
              </div>
            )}
            <div className="search-panel-row options">
              <SearchFlags options={search} onChange={onOptions} idPrefix="search" />
              <SearchScopes options={search} onChange={onOptions} />
            </div>
          </>
        ) : (
          <p className="search-panel-note">
            {glossary.glossary
              ? `Every known misspelling of the ${glossary.glossary.terms.length} ${glossary.glossary.terms.length === 1 ? 'term' : 'terms'} in the glossary, in lines and headers.`
              : (glossary.error ?? (glossary.file && 'reason' in glossary.file ? glossary.file.reason : 'No glossary yet: select a misheard word in a line and press Alt+G.'))}
          </p>
        )}
        <div className="search-panel-status">
          <span role="status" aria-live="polite" className={error ? 'error' : ''} data-testid="search-summary">
            {summary}
          </span>
          {replacing && results && results.episodes.length > 0 && (
            <button
              type="button"
              className="button primary small"
              disabled={checked.length === 0}
              onClick={() => void controller.previewReplace(checked.map((e) => e.handle))}
              title="Shows every change first; nothing is saved until you save"
            >
              {source === 'glossary' ? `Fix ${matchesChecked} in ${checked.length} selected` : `Replace ${matchesChecked} in ${checked.length} selected`}
            </button>
          )}
        </div>
        {results && results.failed.length > 0 && (
          <p className="search-panel-note error">{`${results.failed.length} ${results.failed.length === 1 ? 'file does' : 'files do'} not read as episodes and were not searched: ${results.failed.map((f) => f.relPath).join(', ')}`}</p>
        )}
      </div>
      <ul className="search-results" aria-label="Results by episode" data-testid="search-results">
        {(results?.episodes ?? []).map((e) => (
          <EpisodeResults key={e.handle} episode={e} checked={!search.unchecked.has(e.handle)} replacing={replacing} />
        ))}
      </ul>
    </aside>
  )
}
