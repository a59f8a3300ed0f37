import type { HostBridge } from '../../shared/api/contract'
import { createBrowserBridge } from './browser-bridge'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly transcriptHost?: HostBridge
  }
}

let bridge: HostBridge | undefined

/**
 * The host the UI talks to: the Electron preload's `window.transcriptHost` when running in
 * the desktop app, otherwise the browser-mode client of `transcript-editor serve`. The only
 * place in the renderer that knows which one it is.
 */
export function getHostBridge(): HostBridge {
  bridge ??= window.transcriptHost ?? createBrowserBridge()
  return bridge
}
