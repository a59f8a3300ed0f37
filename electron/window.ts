import { readFile } from 'node:fs/promises'
import { app, BrowserWindow, protocol, screen, session, type WebContents } from 'electron'
import { mediaSchemePrivileges } from './media-scheme'
import { contentSecurityPolicy, securityHeaders } from './server/request-guard'
import { lookupRendererFile, mimeTypeOf } from './server/static-files'
import { fitToScreens, loadWindowState, minWindowSize, saveWindowState, type WindowState } from './window-state'

/** The UI's origin: a privileged custom scheme rather than file://, so it is an origin of its own. */
export const appScheme = 'app'
export const appHost = 'renderer'
export const appEntryUrl = `${appScheme}://${appHost}/index.html`

/** Declares the app scheme; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    // Electron takes one list of privileged schemes, once: the media scheme is declared here too.
    mediaSchemePrivileges,
  ])
}

/**
 * Serves the built renderer on `app://renderer/` with the same path checks and security
 * headers (strict CSP included) as browser mode. Paths of the single-page UI fall back to
 * index.html; nothing outside `rendererDir` is ever served.
 */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url)
    if (url.host !== appHost) return new Response('Not found', { status: 404, headers: securityHeaders })
    const found = await lookupRendererFile(rendererDir, url.pathname)
    if (found.kind !== 'file') {
      return new Response(found.kind === 'refused' ? 'Forbidden' : 'Not found', {
        status: found.kind === 'refused' ? 403 : 404,
        headers: securityHeaders,
      })
    }
    return new Response(await readFile(found.path), {
      headers: { ...securityHeaders, 'Content-Type': mimeTypeOf(found.path) },
    })
  })
}

/** True for a URL of our UI: the app scheme, or the dev server when one is used. */
export function isAppUrl(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith(`${appScheme}://${appHost}/`)) return true
  return devServerUrl !== undefined && url.startsWith(new URL(devServerUrl).origin + '/')
}

/**
 * Locks down every web contents: no new windows, no navigation away from the UI, no webviews
 * (Electron security checklist, items 13–15).
 */
export function lockDownWebContents(contents: WebContents, devServerUrl: string | undefined): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

/** Sends a CSP header with the dev server's pages too (relaxed only for Vite's hot reload). */
export function applyDevServerCsp(devServerUrl: string): void {
  const origin = new URL(devServerUrl).origin
  const devPolicy = contentSecurityPolicy
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${origin.replace(/^http/, 'ws')}`)
  session.defaultSession.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devPolicy] } })
  })
}

/** Options of `createMainWindow`. */
export interface MainWindowOptions {
  readonly preloadPath: string
  /** JSON file where the size and position are remembered. */
  readonly stateFile: string
  /** What to load: the app entry, or the dev server. */
  readonly url: string
}

/** Creates the one window, sandboxed, at its remembered size and position. */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const remembered = fitToScreens(
    await loadWindowState(options.stateFile),
    screen.getAllDisplays().map((display) => display.workArea),
  )
  const window = new BrowserWindow({
    ...(remembered.x !== undefined && remembered.y !== undefined ? { x: remembered.x, y: remembered.y } : {}),
    width: remembered.width,
    height: remembered.height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    show: false,
    title: app.getName(),
    webPreferences: {
      preload: options.preloadPath,
      // Written out even where they are the defaults, so a reviewer sees them.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  })
  if (remembered.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  rememberBounds(window, options.stateFile)
  await window.loadURL(options.url)
  return window
}

function rememberBounds(window: BrowserWindow, stateFile: string): void {
  const current = (): WindowState => ({ ...window.getNormalBounds(), maximized: window.isMaximized() })
  let timer: NodeJS.Timeout | undefined
  const saveSoon = () => {
    clearTimeout(timer)
    timer = setTimeout(() => void saveWindowState(stateFile, current()).catch(reportWindowStateFailure), 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('maximize', saveSoon)
  window.on('unmaximize', saveSoon)
  window.on('close', () => {
    clearTimeout(timer)
    void saveWindowState(stateFile, current()).catch(reportWindowStateFailure)
  })
}

/** The window's size and place are a convenience: a failed write is said on the console, not fatal. */
function reportWindowStateFailure(error: unknown): void {
  console.error(`The window's size and position could not be saved: ${error instanceof Error ? error.message : String(error)}`)
}
