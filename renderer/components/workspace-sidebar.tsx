import { useMemo, useState } from 'react'
import type { WorkspaceFile } from '../../shared/api/contract'
import { useAppState, useController } from '../state/hooks'
import { dirtyOf } from '../state/selectors'
import { basename } from './path-name'

function fileLabel(f: WorkspaceFile): string {
  return f.title ?? basename(f.relPath)
}

/** The opened folder's episodes: title, lines, problems, and files that do not parse. */
export function WorkspaceSidebar() {
  const controller = useController()
  const workspace = useAppState((s) => s.workspace)
  const current = useAppState((s) => s.session?.handle ?? s.opening)
  const dirty = useAppState((s) => (s.session ? dirtyOf(s.session.editor) : false))
  const [filter, setFilter] = useState('')
  const files = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase()
    const list = workspace?.files ?? []
    return q ? list.filter((f) => `${f.title ?? ''} ${f.relPath} ${f.speakers.join(' ')}`.toLocaleLowerCase().includes(q)) : list
  }, [workspace, filter])
  if (!workspace) return null
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
      <ul className="file-list" data-testid="episode-list">
        {files.map((f) => {
          const active = f.handle === current
          return (
            <li key={f.handle}>
              <button
                type="button"
                className={`file-item${active ? ' active' : ''}${f.error ? ' broken' : ''}`}
                aria-current={active ? 'page' : undefined}
                title={f.relPath}
                onClick={() => void controller.openFile(f.handle)}
              >
                <span className="file-title">
                  {active && dirty && (
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
