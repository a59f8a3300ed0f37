import { focusNextPane } from '../components/pane-focus'
import type { ViewEffects } from '../state/view-effects'

/** The state layer's focus and window effects over the real page. `confirmUnload`: ask before leaving with unsaved work (browser tabs). */
export function createDomView(options: { confirmUnload: boolean }): ViewEffects {
  return {
    focusNextPane,
    guardUnload(pending) {
      if (!options.confirmUnload) return () => {}
      const onBeforeUnload = (event: BeforeUnloadEvent) => {
        if (pending()) event.preventDefault()
      }
      window.addEventListener('beforeunload', onBeforeUnload)
      return () => window.removeEventListener('beforeunload', onBeforeUnload)
    },
    onLeave(run) {
      // pagehide, not unload: it fires on every way out, bfcache included.
      window.addEventListener('pagehide', run)
      return () => window.removeEventListener('pagehide', run)
    },
    whenIdle(run) {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 })
      else setTimeout(run, 0)
    },
  }
}
