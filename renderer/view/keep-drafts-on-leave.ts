/** The page events `keepDraftsOnLeave` listens to (the window and the document by default; tests pass fakes). */
export interface LeaveTargets {
  readonly window: Pick<Window, 'addEventListener' | 'removeEventListener'>
  readonly document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>
}

/**
 * Calls `flushDrafts` as soon as the page is being left or hidden: before it unloads (the browser
 * may still ask "Leave site?", and the write goes on meanwhile), as it is hidden for good
 * (`pagehide`: reload, close, navigation, bfcache) and when its tab or window is hidden (the
 * browser or the system may end it unasked from there). Returns the undo.
 */
export function keepDraftsOnLeave(
  flushDrafts: () => Promise<void>,
  targets: LeaveTargets = { window, document },
): () => void {
  const flush = () => void flushDrafts()
  const onVisibility = () => {
    if (targets.document.visibilityState === 'hidden') flush()
  }
  targets.window.addEventListener('beforeunload', flush)
  targets.window.addEventListener('pagehide', flush)
  targets.document.addEventListener('visibilitychange', onVisibility)
  return () => {
    targets.window.removeEventListener('beforeunload', flush)
    targets.window.removeEventListener('pagehide', flush)
    targets.document.removeEventListener('visibilitychange', onVisibility)
  }
}
