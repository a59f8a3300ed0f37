import { useEffect } from 'react'
import { Dialogs } from './components/dialogs'
import { EpisodeView } from './components/episode-view'
import { HostNotices } from './components/host-notices'
import { StartScreen } from './components/start-screen'
import { StatusBar } from './components/status-bar'
import { TabBar } from './components/tab-bar'
import { WorkspaceSidebar } from './components/workspace-sidebar'
import { WorkspaceSearchPanel } from './components/workspace-search-panel'
import { basename } from './components/path-name'
import { useAppState, useController } from './state/hooks'
import { dirtyOf, summaryOf } from './state/selectors'
import { dirtySessions } from './state/tabs'

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  if (!el || !el.tagName) return false
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT'
}

function PlaceholderPane() {
  const opening = useAppState((s) => s.opening)
  const error = useAppState((s) => s.openError)
  // Episodes whose recovery draft waits in the host (after a reload or a crash, nothing is open).
  const kept = useAppState((s) => s.workspace?.files.filter((f) => f.draft && !s.tabs.includes(f.handle)).length ?? 0)
  return (
    <main className="placeholder-pane">
      {/* The page's one level-one heading until an episode's title takes its place. */}
      <h1 className="sr-only">Transcript Editor</h1>
      {error ? (
        <div className="open-error" role="alert">
          <h2>This file can’t be opened</h2>
          <p>{error}</p>
        </div>
      ) : opening ? (
        <p className="panel-empty">Opening…</p>
      ) : (
        <div className="placeholder-text">
          <p className="panel-empty">Choose an episode from the list.</p>
          {kept > 0 && (
            <p className="panel-empty kept-drafts">
              Unsaved changes from last time are kept for {kept === 1 ? '1 episode' : `${kept} episodes`}, marked in the list: open{' '}
              {kept === 1 ? 'it' : 'one'} to recover them.
            </p>
          )}
        </div>
      )}
    </main>
  )
}

/** The whole window: start screen, or the workspace sidebar beside the open episode. */
export function App() {
  const controller = useController()
  const phase = useAppState((s) => s.phase)
  const hasWorkspace = useAppState((s) => s.workspace !== null)
  const hasSession = useAppState((s) => s.session !== null)
  const title = useAppState((s) => (s.session ? (summaryOf(s.session.settled).title ?? basename(s.session.path)) : null))
  const dirty = useAppState((s) => (s.session ? dirtyOf(s.session.editor) : false))
  const othersDirty = useAppState((s) => dirtySessions(s).some((d) => d !== s.session))
  const searching = useAppState((s) => s.search.open && s.workspace !== null)

  useEffect(() => {
    document.title = title ? `${dirty || othersDirty ? '• ' : ''}${title} — Transcript Editor` : 'Transcript Editor'
  }, [title, dirty, othersDirty])

  useEffect(() => {
    // Global shortcuts (save, undo, find, speakers…) run before any cell or editor sees the key.
    const onKey = (event: KeyboardEvent) => {
      controller.handleKey(event, 'global', isTextField(event.target))
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [controller])

  if (phase === 'starting') return <div className="app-loading" aria-busy="true" />
  if (!hasWorkspace && !hasSession) {
    return (
      <div className="app app-start">
        <HostNotices />
        <StartScreen />
        <Dialogs />
      </div>
    )
  }
  return (
    <div className={hasWorkspace ? `app with-sidebar${searching ? ' searching' : ''}` : 'app'}>
      {searching ? <WorkspaceSearchPanel /> : hasWorkspace && <WorkspaceSidebar />}
      <div className="main-column">
        <HostNotices />
        <TabBar />
        {hasSession ? <EpisodeView /> : <PlaceholderPane />}
        <StatusBar />
      </div>
      <Dialogs />
    </div>
  )
}
