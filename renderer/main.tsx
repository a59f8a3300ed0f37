import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import { getHostBridge } from './platform/host-bridge'
import { createController } from './state/controller'
import { ControllerContext } from './state/hooks'
import { createDomView } from './view/dom-view'
import { keepDraftsOnLeave } from './view/keep-drafts-on-leave'

// In the desktop app the main process asks before closing with unsaved changes and has native
// open dialogs; a browser tab needs beforeunload and has no dialogs.
const desktop = window.transcriptHost !== undefined
const controller = createController(getHostBridge(), { nativeDialogs: desktop, view: createDomView({ confirmUnload: !desktop }) })
// Unsaved changes are journalled at once when the page is left or hidden, not a second later.
keepDraftsOnLeave(() => controller.flushDrafts())
const root = createRoot(document.getElementById('root')!)
root.render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
)
void controller.start()
