import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { hostChannels, hostEventChannel, type HostApi, type HostBridge, type HostEvent } from '../shared/api/contract'
import type { HostCallOutcome } from './host/host-dispatch'

// Sandboxed preloads cannot import modules: build-electron.ts bundles this file (with the
// channel table) into one CommonJS file. Only the contract's methods are exposed, never ipcRenderer.

const invoke =
  (channel: string) =>
  async (...args: unknown[]): Promise<unknown> => {
    const outcome = (await ipcRenderer.invoke(channel, ...args)) as HostCallOutcome
    if (!outcome.ok) throw new Error(outcome.error.message)
    return outcome.value
  }

const methods = Object.fromEntries(
  Object.entries(hostChannels).map(([method, channel]) => [method, invoke(channel)]),
) as unknown as Required<HostApi>

const transcriptHost: HostBridge = {
  ...methods,
  onEvent(listener: (event: HostEvent) => void): () => void {
    const forward = (_event: IpcRendererEvent, hostEvent: HostEvent) => listener(hostEvent)
    ipcRenderer.on(hostEventChannel, forward)
    return () => void ipcRenderer.removeListener(hostEventChannel, forward)
  },
}

contextBridge.exposeInMainWorld('transcriptHost', transcriptHost)
