import { useState } from 'react'
import { useAppState, useController } from '../state/hooks'
import { basename } from './path-name'

/** Shown when nothing is open: a path field, the native dialogs (desktop), and the recent list. */
export function StartScreen() {
  const controller = useController()
  const recent = useAppState((s) => s.recent)
  const error = useAppState((s) => s.openError)
  const [path, setPath] = useState('')
  const open = (p: string) => {
    if (p.trim()) void controller.openPath(p.trim())
  }
  return (
    <main className="start-screen">
      <div className="start-card">
        <h1 className="start-title">Transcript Editor</h1>
        <p className="start-lede">Fix transcript lines, speakers and section headers in podcast episode files, and save them back without touching anything else.</p>
        <form
          className="open-form"
          onSubmit={(e) => {
            e.preventDefault()
            open(path)
          }}
        >
          <label htmlFor="open-path">Open a folder of episodes or one episode file</label>
          <div className="open-row">
            <input id="open-path" className="text-field" placeholder="/path/to/site/_podcast" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoFocus />
            <button type="submit" className="button primary" disabled={!path.trim()}>
              Open
            </button>
          </div>
          {controller.nativeDialogs && (
          <div className="open-dialogs">
            <button type="button" className="link-button" onClick={() => void controller.openFolderDialog()}>
              Choose folder…
            </button>
            <button type="button" className="link-button" onClick={() => void controller.openFileDialog()}>
              Choose file…
            </button>
          </div>
          )}
        </form>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <section className="recent" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent</h2>
          {recent.length === 0 ? (
            <p className="panel-empty">Nothing opened yet.</p>
          ) : (
            <ul className="recent-list">
              {recent.map((item) => (
                <li key={item.kind + item.path}>
                  <button type="button" className="recent-item" onClick={() => open(item.path)} title={item.path}>
                    <span className="recent-kind" aria-label={item.kind === 'folder' ? 'Folder' : 'File'}>
                      {item.kind === 'folder' ? '▸' : '≡'}
                    </span>
                    <span className="recent-name">{basename(item.path)}</span>
                    <span className="recent-path">{item.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  )
}
