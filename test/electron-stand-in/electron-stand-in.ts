import { EventEmitter } from 'node:events'
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  MenuItemConstructorOptions,
  MessageBoxSyncOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
} from 'electron'

// A stand-in for the `electron` module, for tests only: the subset of Electron's main-process
// API that electron/main.ts and its modules call, recording every call and letting the test
// fire the events Electron would. It follows Electron's rules where a wiring mistake would
// otherwise pass unseen: `protocol.registerSchemesAsPrivileged` only before ready,
// `protocol.handle` only after, `registerSchemesAsPrivileged` only once, a second
// `ipcMain.handle` for one channel throws, and a second `webRequest` listener of one event
// replaces the first.

/** One recorded call to the stand-in: which API, with which arguments. */
export interface RecordedCall {
  readonly api: string
  readonly args: readonly unknown[]
}

/** An Electron event object as handlers receive it: `preventDefault` is what the tests check. */
export interface StandInEvent {
  defaultPrevented: boolean
  preventDefault(): void
}

/** Makes an event as Electron passes to `on(...)` listeners. */
export function standInEvent(): StandInEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

/** The frame that sent an IPC message (the fields the shell's sender check reads). */
export interface StandInFrame {
  url: string
  readonly processId: number
  readonly routingId: number
  readonly parent: StandInFrame | null
}

/** The IPC event `ipcMain.handle` handlers receive. */
export interface StandInInvokeEvent {
  readonly sender: StandInWebContents
  readonly senderFrame: StandInFrame | null
}

/** A web contents as the tests see it: its main frame, its handlers, what was sent to it. */
export interface StandInWebContents extends EventEmitter {
  readonly id: number
  readonly mainFrame: StandInFrame
  readonly sent: { channel: string; args: unknown[] }[]
  readonly windowOpenHandler: WindowOpenHandler | null
  isDestroyed(): boolean
}

/** A window as the tests see it: the options it was created with and its state. */
export interface StandInWindow extends EventEmitter {
  readonly webContents: StandInWebContents
  readonly options: BrowserWindowConstructorOptions
  minimized: boolean
  readonly focused: boolean
  readonly destroyed: boolean
  close(): void
}

type InvokeHandler = (event: StandInInvokeEvent, ...args: unknown[]) => unknown
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }
type PermissionRequestHandler = (contents: StandInWebContents | null, permission: string, callback: (granted: boolean) => void, details: object) => void
type PermissionCheckHandler = (contents: StandInWebContents | null, permission: string, origin: string, details: object) => boolean
type DevicePermissionHandler = (details: object) => boolean
type ProtocolHandler = (request: Request) => Response | Promise<Response>
/** What `webRequest.onBeforeSendHeaders` listeners get and answer (the fields the shell uses). */
type BeforeSendHeadersListener = (
  details: { url: string; requestHeaders: Record<string, string> },
  callback: (response: { cancel?: boolean; requestHeaders?: Record<string, string> }) => void,
) => void

/** What a test configures: the app's folders and the single-instance lock (dialogs answer through `dialogAnswers`). */
export interface StandInOptions {
  /** `app.getAppPath()`: the folder with `dist/renderer`. */
  readonly appPath: string
  /** `app.getPath('userData')`. */
  readonly userData: string
  /** Whether this instance gets the single-instance lock (default true). */
  readonly singleInstanceLock?: boolean
}

/** The stand-in module and the test's handles on it. */
export type ElectronStandIn = ReturnType<typeof createElectronStandIn>

/** Creates a fresh stand-in: one per loaded main process. */
export function createElectronStandIn(options: StandInOptions) {
  const calls: RecordedCall[] = []
  const record = (api: string, args: readonly unknown[]) => void calls.push({ api, args })
  let ready = false
  let markReady: () => void = () => undefined
  const whenReady = new Promise<void>((resolve) => (markReady = resolve))
  const requireReady = (api: string, mustBe: boolean) => {
    if (ready !== mustBe) throw new Error(`${api} must be called ${mustBe ? 'after' : 'before'} the app is ready`)
  }

  let nextId = 1

  /** A web contents: its events, its main frame, what was sent to it. */
  class WebContents extends EventEmitter implements StandInWebContents {
    readonly id = nextId++
    // Each window's page runs in a renderer process of its own; frames are numbered within it.
    readonly mainFrame: StandInFrame = { url: '', processId: 100 + this.id, routingId: 1, parent: null }
    readonly sent: { channel: string; args: unknown[] }[] = []
    windowOpenHandler: WindowOpenHandler | null = null
    destroyed = false
    setWindowOpenHandler(handler: WindowOpenHandler): void {
      record('webContents.setWindowOpenHandler', [handler])
      this.windowOpenHandler = handler
    }
    send(channel: string, ...args: unknown[]): void {
      record('webContents.send', [channel, ...args])
      this.sent.push({ channel, args })
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
  }

  const windows: StandInWindow[] = []

  /** A window: its options, state flags and events; `close()` runs the close sequence as Electron does. */
  class BrowserWindow extends EventEmitter implements StandInWindow {
    static getAllWindows(): StandInWindow[] {
      return [...windows]
    }
    readonly webContents = new WebContents()
    readonly options: BrowserWindowConstructorOptions
    minimized = false
    maximized = false
    focused = false
    visible = false
    destroyed = false
    constructor(windowOptions: BrowserWindowConstructorOptions) {
      super()
      record('new BrowserWindow', [windowOptions])
      this.options = windowOptions
      windows.push(this)
      app.emit('web-contents-created', standInEvent(), this.webContents)
    }
    async loadURL(url: string): Promise<void> {
      record('BrowserWindow.loadURL', [url])
      this.webContents.mainFrame.url = url
    }
    isMinimized(): boolean {
      return this.minimized
    }
    restore(): void {
      record('BrowserWindow.restore', [])
      this.minimized = false
    }
    focus(): void {
      record('BrowserWindow.focus', [])
      this.focused = true
    }
    show(): void {
      this.visible = true
    }
    maximize(): void {
      this.maximized = true
    }
    isMaximized(): boolean {
      return this.maximized
    }
    getNormalBounds(): { x: number; y: number; width: number; height: number } {
      return { x: 10, y: 10, width: this.options.width ?? 800, height: this.options.height ?? 600 }
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    /** Emits `close`; unless a listener prevents it, destroys the window and emits `closed`. */
    close(): void {
      record('BrowserWindow.close', [])
      if (this.destroyed) return
      const event = standInEvent()
      this.emit('close', event)
      if (event.defaultPrevented) return
      this.destroyed = true
      this.webContents.destroyed = true
      windows.splice(windows.indexOf(this), 1)
      this.emit('closed')
      if (windows.length === 0) app.emit('window-all-closed')
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    quitCalls: 0,
    exitCode: undefined as number | undefined,
    requestSingleInstanceLock(): boolean {
      record('app.requestSingleInstanceLock', [])
      return options.singleInstanceLock ?? true
    },
    whenReady(): Promise<void> {
      record('app.whenReady', [])
      return whenReady
    },
    isReady: () => ready,
    getPath(name: string): string {
      if (name !== 'userData') throw new Error(`The stand-in knows no app path "${name}"`)
      return options.userData
    },
    getAppPath: () => options.appPath,
    getName: () => 'Transcript Editor',
    quit(): void {
      record('app.quit', [])
      app.quitCalls++
    },
    exit(code?: number): void {
      record('app.exit', [code])
      app.exitCode = code ?? 0
    },
  })

  const ipcHandlers = new Map<string, InvokeHandler>()
  const ipcMain = {
    handle(channel: string, handler: InvokeHandler): void {
      record('ipcMain.handle', [channel])
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      ipcHandlers.set(channel, handler)
    },
  }

  const privilegedSchemes: CustomScheme[] = []
  const protocolHandlers = new Map<string, ProtocolHandler>()
  const protocol = {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
      record('protocol.registerSchemesAsPrivileged', [schemes])
      requireReady('protocol.registerSchemesAsPrivileged', false)
      if (calls.filter((call) => call.api === 'protocol.registerSchemesAsPrivileged').length > 1) {
        throw new Error('protocol.registerSchemesAsPrivileged can be called only once')
      }
      privilegedSchemes.push(...schemes)
    },
    handle(scheme: string, handler: ProtocolHandler): void {
      record('protocol.handle', [scheme])
      requireReady('protocol.handle', true)
      if (protocolHandlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`)
      protocolHandlers.set(scheme, handler)
    },
  }

  const beforeSendHeaders = { current: null as { urls: string[]; listener: BeforeSendHeadersListener } | null }
  const permissions = {
    request: null as PermissionRequestHandler | null,
    check: null as PermissionCheckHandler | null,
    device: null as DevicePermissionHandler | null,
  }
  const defaultSession = {
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
      record('session.setPermissionRequestHandler', [handler])
      permissions.request = handler
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
      record('session.setPermissionCheckHandler', [handler])
      permissions.check = handler
    },
    setDevicePermissionHandler(handler: DevicePermissionHandler | null): void {
      record('session.setDevicePermissionHandler', [handler])
      permissions.device = handler
    },
    webRequest: {
      onHeadersReceived(...args: unknown[]): void {
        record('session.webRequest.onHeadersReceived', args)
      },
      onBeforeSendHeaders(filter: { urls: string[] }, listener: BeforeSendHeadersListener | null): void {
        record('session.webRequest.onBeforeSendHeaders', [filter, listener])
        beforeSendHeaders.current = listener === null ? null : { urls: filter.urls, listener }
      },
    },
  }

  /** The answers the next dialogs give, set by the test. */
  const dialogAnswers = { messageBox: 1, openPaths: [] as string[] }
  const dialog = {
    showMessageBoxSync(...args: [unknown, MessageBoxSyncOptions] | [MessageBoxSyncOptions]): number {
      record('dialog.showMessageBoxSync', args)
      return dialogAnswers.messageBox
    },
    async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
      record('dialog.showMessageBox', args)
      return { response: 0, checkboxChecked: false }
    },
    async showOpenDialog(...args: [unknown, OpenDialogOptions] | [OpenDialogOptions]): Promise<OpenDialogReturnValue> {
      record('dialog.showOpenDialog', args)
      const filePaths = dialogAnswers.openPaths.splice(0)
      return { canceled: filePaths.length === 0, filePaths }
    },
  }

  /** A built menu keeps its template, so tests can click its items. */
  interface StandInMenu {
    readonly template: MenuItemConstructorOptions[]
  }
  const menus = { application: null as StandInMenu | null }
  const Menu = {
    buildFromTemplate(template: MenuItemConstructorOptions[]): StandInMenu {
      record('Menu.buildFromTemplate', [template])
      return { template }
    },
    setApplicationMenu(menu: StandInMenu | null): void {
      record('Menu.setApplicationMenu', [menu])
      menus.application = menu
    },
  }

  const screen = {
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  }

  // These parts have the very signatures of the Electron APIs they stand in for (checked by tsc);
  // the others pass their own, smaller web contents, frames and menus.
  app satisfies Pick<Electron.App, 'isPackaged' | 'requestSingleInstanceLock' | 'whenReady' | 'isReady' | 'getPath' | 'getAppPath' | 'getName' | 'quit' | 'exit'>
  protocol satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>
  dialog satisfies Pick<Electron.Dialog, 'showMessageBoxSync' | 'showMessageBox' | 'showOpenDialog'>

  /** The module object `require('electron')` returns to the shell. */
  const module = { app, BrowserWindow, ipcMain, protocol, session: { defaultSession }, dialog, Menu, screen }

  return {
    module,
    calls,
    windows,
    dialogAnswers,
    permissions,
    privilegedSchemes,
    menus,
    /** Calls of one API, in order. */
    callsOf: (api: string) => calls.filter((call) => call.api === api),
    /** Makes the app ready, as Electron does once it has initialised. */
    ready(): void {
      ready = true
      markReady()
    },
    /** The channels handled by `ipcMain.handle`. */
    ipcChannels: () => [...ipcHandlers.keys()],
    /** Sends an `ipcRenderer.invoke` as it would arrive from `sender`'s frame. */
    async invoke(channel: string, event: StandInInvokeEvent, ...args: unknown[]): Promise<unknown> {
      const handler = ipcHandlers.get(channel)
      if (!handler) throw new Error(`No handler for '${channel}'`)
      return handler(event, ...args)
    },
    /** Fetches a URL of a handled scheme, as the renderer would (`init` for headers such as Range). */
    async fetch(url: string, init?: RequestInit): Promise<Response> {
      const handler = protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''))
      if (!handler) throw new Error(`No protocol handler for ${url}`)
      return handler(new Request(url, init))
    },
    /**
     * The headers a request to `url` leaves with, as the default session's
     * `onBeforeSendHeaders` listener (if its filter matches the URL) leaves them.
     */
    async sendHeaders(url: string, requestHeaders: Record<string, string>): Promise<Record<string, string>> {
      const current = beforeSendHeaders.current
      if (!current || !current.urls.some((pattern) => matchesUrlPattern(pattern, url))) return requestHeaders
      return new Promise((resolve) =>
        current.listener({ url, requestHeaders: { ...requestHeaders } }, (response) => resolve(response.requestHeaders ?? requestHeaders)),
      )
    },
  }
}

/**
 * Whether `url` matches a `webRequest` filter pattern (Chromium's match patterns:
 * `scheme://host/path`, a host of `*.example.com` matching it and its subdomains, `*` in the path
 * matching anything).
 */
export function matchesUrlPattern(pattern: string, url: string): boolean {
  const parts = /^(\*|[a-z][a-z0-9+.-]*):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern)
  if (!parts) throw new Error(`Not a URL pattern: ${pattern}`)
  const [, scheme, host, path] = parts as unknown as [string, string, string, string]
  const target = new URL(url)
  if (scheme === '*' ? !['http:', 'https:'].includes(target.protocol) : target.protocol !== `${scheme}:`) return false
  if (host !== '*') {
    const base = host.startsWith('*.') ? host.slice(2) : host
    if (target.hostname !== base && !(host.startsWith('*.') && target.hostname.endsWith(`.${base}`))) return false
  }
  const glob = new RegExp(`^${path.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`)
  return glob.test(target.pathname + target.search)
}
