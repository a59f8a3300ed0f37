import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { hostChannels, hostEventChannel, type HostApi, type HostEvent } from '../shared/api/contract'
import { dispatchHostCall, type HostCallOutcome } from './host/host-dispatch'
import { isAppUrl } from './window'

/** What the IPC layer needs: the API to dispatch to and a way to tell our window from any other. */
export interface IpcOptions {
  readonly api: Required<HostApi>
  readonly window: () => BrowserWindow | null
  readonly devServerUrl: string | undefined
}

/**
 * Registers one handler per channel of the contract's table. Each call is answered only when
 * it comes from the main frame of our window showing our UI (Electron security checklist,
 * item 17), and only after its arguments pass the contract's validators.
 */
export function registerHostIpc(options: IpcOptions): void {
  for (const [method, channel] of Object.entries(hostChannels)) {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<HostCallOutcome> => {
      if (!isTrustedSender(event, options.window(), options.devServerUrl)) {
        return { ok: false, error: { code: 'refused', message: 'This request did not come from the editor window.' } }
      }
      return dispatchHostCall(options.api, method, args)
    })
  }
}

/** Pushes a host event to our window, if it is open. */
export function sendHostEvent(window: BrowserWindow | null, event: HostEvent): void {
  if (window && !window.isDestroyed()) window.webContents.send(hostEventChannel, event)
}

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null, devServerUrl: string | undefined): boolean {
  if (!window || window.isDestroyed() || event.sender !== window.webContents) return false
  const frame = event.senderFrame
  const main = window.webContents.mainFrame
  if (!frame || frame.parent !== null || frame.processId !== main.processId || frame.routingId !== main.routingId) return false
  return isAppUrl(frame.url, devServerUrl)
}
