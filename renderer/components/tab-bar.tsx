import { useLayoutEffect, useRef } from 'react'
import type { FileHandle } from '../../shared/api/contract'
import { formatKeys } from '../keymap'
import { useAppState, useController } from '../state/hooks'
import { dirtyOf, summaryOf } from '../state/selectors'
import { sessionOf } from '../state/tabs'
import { basename } from './path-name'

/** One open episode's tab: its title (else file name), unsaved mark and close button. */
function Tab(props: { handle: FileHandle; active: boolean }) {
  const controller = useController()
  const { handle, active } = props
  // Each value is a string or boolean, so typing in the active episode re-renders no tab.
  const path = useAppState((s) => sessionOf(s, handle)?.path ?? '')
  const title = useAppState((s) => {
    const session = sessionOf(s, handle)
    return session ? summaryOf(session.settled).title : undefined
  })
  const dirty = useAppState((s) => {
    const session = sessionOf(s, handle)
    return session ? dirtyOf(session.editor) : false
  })
  const name = basename(path)
  const label = title ?? name
  return (
    <li className={`tab${active ? ' active' : ''}`} data-file={name}>
      <button
        type="button"
        className="tab-label"
        aria-current={active ? 'page' : undefined}
        title={`${label}\n${path}${dirty ? '\nUnsaved changes' : ''}`}
        onClick={() => void controller.openFile(handle)}
        onAuxClick={(e) => e.button === 1 && void controller.closeTab(handle)}
      >
        {dirty && <span className="dirty-dot" aria-hidden="true" />}
        <span className="tab-text">{label}</span>
        {dirty && <span className="sr-only"> (unsaved changes)</span>}
      </button>
      <button type="button" className="tab-close" aria-label={`Close ${label}`} title={`Close (${formatKeys('Mod-w')})`} onClick={() => void controller.closeTab(handle)}>
        ×
      </button>
    </li>
  )
}

/** The open episodes, one tab each; shown once an episode is open. */
export function TabBar() {
  const tabs = useAppState((s) => s.tabs)
  const activeHandle = useAppState((s) => s.session?.handle ?? null)
  const bar = useRef<HTMLElement>(null)
  // With more tabs than fit, the bar scrolls: bring the active one into view.
  useLayoutEffect(() => {
    bar.current?.querySelector('.tab.active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
  }, [activeHandle, tabs])
  if (tabs.length === 0) return null
  return (
    <nav className="tab-bar" aria-label="Open episodes" ref={bar}>
      <ul className="tab-list">
        {tabs.map((handle) => (
          <Tab key={handle} handle={handle} active={handle === activeHandle} />
        ))}
      </ul>
    </nav>
  )
}
