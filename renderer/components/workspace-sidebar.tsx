import { useEffect, useMemo, useRef, useState } from 'react'
import type { WorkspaceFile } from '../../shared/api/contract'
import { useAppState, useController } from '../state/hooks'
import { dirtyOf } from '../state/selectors'
import { sessionOf } from '../state/tabs'
import { listKeyTarget } from './list-keys'
import { basename } from './path-name'

/** What the git badge of an episode says, in words. */
const gitLabels: Readonly<Record<NonNullable<WorkspaceFile['git']>, string>> = {
  modified: 'Modified on disk since the last commit (git)',
  added: 'Added to git, not committed yet',
  untracked: 'Not in git yet (untracked)',
}

/** What the draft mark of an episode says, in words (its tooltip and what a screen reader hears). */
export const DRAFT_MARK_LABEL = 'Unsaved changes kept from last time: open to recover them'

function fileLabel(f: WorkspaceFile): string {
  return f.title ?? basename(f.relPath)
}

/**
 * The opened folder's episodes: title, lines, problems, and files that do not parse.
 * The list is one Tab stop (a roving tabindex): the item last moved to, else the open episode, else the first,
 * takes focus; Up, Down, Home and End move within the list and Enter opens.
 */
export function WorkspaceSidebar() {
  const controller = useController()
  const workspace = useAppState((s) => s.workspace)
  const current = useAppState((s) => s.session?.handle ?? s.opening)
  // Joined into one string, so typing (which changes no unsaved mark) re-renders nothing here.
  const openMarks = useAppState((s) => s.tabs.map((h) => `${h}${dirtyOf(sessionOf(s, h)!.editor) ? '*' : ''}`).join('\n'))
  const marks = useMemo(() => new Map(openMarks.split('\n').filter(Boolean).map((m) => (m.endsWith('*') ? [m.slice(0, -1), 'dirty'] : [m, 'open']))), [openMarks])
  const [filter, setFilter] = useState('')
  const files = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase()
    const list = workspace?.files ?? []
    return q ? list.filter((f) => `${f.title ?? ''} ${f.relPath} ${f.speakers.join(' ')}`.toLocaleLowerCase().includes(q)) : list
  }, [workspace, filter])
  // The item arrows moved to; opening another episode gives the Tab stop back to the open one.
  const [roving, setRoving] = useState<string | null>(null)
  useEffect(() => setRoving(null), [current])
  const listRef = useRef<HTMLUListElement>(null)
  if (!workspace) return null
  const tabStop = [roving, current].find((h) => h !== null && files.some((f) => f.handle === h)) ?? files[0]?.handle
  const onListKey = (event: React.KeyboardEvent) => {
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('.file-item') ?? [])]
    const next = listKeyTarget(event.key, items.indexOf(event.target as HTMLElement), items.length)
    if (next === null || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    items[next]!.focus()
  }
  return (
    <nav className="sidebar" aria-label="Episodes">
      <div className="sidebar-head">
        <div className="sidebar-root" title={workspace.root ?? undefined}>
          {workspace.root ? basename(workspace.root) : 'Open files'}
        </div>
        <div className="sidebar-count">{workspace.files.length} episodes</div>
        <input
          type="search"
          className="text-field sidebar-filter"
          placeholder="Filter episodes"
          aria-label="Filter episodes"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      <ul className="file-list" data-testid="episode-list" ref={listRef} onKeyDown={onListKey}>
        {files.map((f) => {
          const active = f.handle === current
          const mark = marks.get(f.handle)
          return (
            <li key={f.handle}>
              <button
                type="button"
                className={`file-item${active ? ' active' : ''}${mark ? ' open' : ''}${f.error ? ' broken' : ''}`}
                aria-current={active ? 'page' : undefined}
                tabIndex={f.handle === tabStop ? 0 : -1}
                title={f.relPath}
                onFocus={() => setRoving(f.handle)}
                onClick={() => void controller.openFile(f.handle)}
              >
                <span className="file-title">
                  {mark === 'dirty' && (
                    <>
                      <span className="dirty-dot" aria-hidden="true" />
                      <span className="sr-only">Unsaved changes: </span>
                    </>
                  )}
                  {fileLabel(f)}
                </span>
                {f.error ? (
                  <span className="file-error">
                    Can’t open: {f.error.message} (line {f.error.line})
                  </span>
                ) : (
                  <span className="file-meta">
                    {f.season !== undefined && f.episode !== undefined ? <span>S{f.season} E{f.episode}</span> : null}
                    <span>{f.lines} lines</span>
                    {f.problems > 0 ? <span className="file-problems">{f.problems} {f.problems === 1 ? 'problem' : 'problems'}</span> : null}
                    {f.git && (
                      <span className={`file-git ${f.git}`} title={gitLabels[f.git]}>
                        <span aria-hidden="true">{f.git === 'modified' ? 'M' : f.git === 'added' ? 'A' : 'U'}</span>
                        <span className="sr-only">{gitLabels[f.git]}</span>
                      </span>
                    )}
                  </span>
                )}
                {f.draft && !mark && (
                  <span className="file-draft" title={DRAFT_MARK_LABEL}>
                    <span aria-hidden="true">Unsaved changes kept</span>
                    <span className="sr-only">{DRAFT_MARK_LABEL}</span>
                  </span>
                )}
              </button>
            </li>
          )
        })}
        {files.length === 0 && <li className="panel-empty">{workspace.files.length ? 'No episode matches.' : 'No episode files in this folder.'}</li>}
      </ul>
    </nav>
  )
}
