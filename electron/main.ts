import { join } from 'node:path'
import { app, BrowserWindow, dialog, Menu, session } from 'electron'
import type { MenuCommand } from '../shared/api/contract'
import { bindHostApi, type HostDialogs } from './host/host-dispatch'
import { createHostServices, type HostServices } from './host/host-services'
import { registerHostIpc, sendHostEvent } from './ipc'
import { mediaFromArgv, pathsFromArgv } from './launch-args'
import { rememberLaunchMedia } from './host/launch-media'
import { pickMediaFile } from './media-dialog'
import { mediaUrlOf, serveMediaScheme } from './media-scheme'
import { denyAllPermissions } from './permissions'
import { appMenuTemplate } from './menu'
import { identifyToYouTube } from './youtube-referer'
import {
  appEntryUrl,
  applyDevServerCsp,
  createMainWindow,
  lockDownWebContents,
  registerAppScheme,
  serveRenderer,
} from './window'

// The desktop app's lifecycle: one instance, one window, the host services behind IPC.
// Everything that touches files lives in ./host (plain Node, tested without Electron).

const devServerUrl = app.isPackaged ? undefined : process.env['VITE_DEV_SERVER_URL'] || undefined
let services: HostServices | undefined
let mainWindow: BrowserWindow | null = null
let confirmedClose = false
/** Paths from the command line or the OS that arrived before the app was ready. */
const pending: string[] = pathsFromArgv(process.argv, process.cwd(), app.isPackaged)
/** `--media FILE`: the recording to remember for the one episode on the command line. */
const launchMedia = pending.length === 1 ? mediaFromArgv(process.argv, process.cwd()) : undefined

registerAppScheme()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
    for (const path of pathsFromArgv(argv, workingDirectory, app.isPackaged)) void openAndAnnounce(path)
  })
  // macOS: files dropped on the dock icon or opened from Finder.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    if (services) void openAndAnnounce(path)
    else pending.push(path)
  })
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, devServerUrl))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) void openWindow()
  })
  app.on('will-quit', () => void services?.close())
  app.whenReady().then(start, (error: unknown) => {
    console.error(error)
    app.exit(1)
  })
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession)
  identifyToYouTube(session.defaultSession)
  const host = createHostServices({ dataDir: app.getPath('userData'), mediaUrl: mediaUrlOf })
  // Opening anything adds a recent item, which the Open Recent menu shows.
  services = { ...host, openPath: (path) => host.openPath(path).finally(() => void refreshMenu()) }
  const dialogs: HostDialogs = {
    pickFile: () => pick(['openFile']),
    pickFolder: () => pick(['openDirectory']),
    pickMedia: () => pickMediaFile(mainWindow),
  }
  registerHostIpc({
    api: bindHostApi(services, dialogs),
    window: () => mainWindow,
    devServerUrl,
  })
  host.onEvent((event) => sendHostEvent(mainWindow, event))
  serveRenderer(join(app.getAppPath(), 'dist', 'renderer'))
  serveMediaScheme(host)
  if (devServerUrl) applyDevServerCsp(devServerUrl)
  // Opened before the window loads, so the UI finds them in its first getWorkspace().
  for (const path of pending.splice(0)) {
    const opened = await services.openPath(path).catch((error: unknown) => reportOpenError(path, error))
    if (opened && launchMedia !== undefined) {
      await rememberLaunchMedia(host, opened, launchMedia).catch((error: unknown) => reportOpenError(launchMedia, error))
    }
  }
  await refreshMenu()
  await openWindow()
}

async function openWindow(): Promise<void> {
  const window = await createMainWindow({
    preloadPath: join(__dirname, 'preload.cjs'),
    stateFile: join(app.getPath('userData'), 'window-state.json'),
    url: devServerUrl ?? appEntryUrl,
  })
  mainWindow = window
  confirmedClose = false
  window.on('close', (event) => {
    if (confirmedClose || !services?.isDirty()) return
    event.preventDefault()
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: ['Close Without Saving', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'You have unsaved changes.',
      detail: unsavedDetail(services.unsavedNames()),
    })
    if (choice === 0) {
      confirmedClose = true
      window.close()
    }
  })
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
}

/** Opens a path from the OS, a second launch or the menu, and tells the UI what to show. */
async function openAndAnnounce(path: string): Promise<void> {
  if (!services) return
  try {
    const workspace = await services.openPath(path)
    services.emitEvent({ type: 'workspace-changed', ...(workspace.opened ? { opened: workspace.opened } : {}) })
  } catch (error) {
    reportOpenError(path, error)
  }
}

async function pick(properties: ('openFile' | 'openDirectory')[]): Promise<string | null> {
  const options = {
    properties,
    ...(properties.includes('openFile') ? { filters: [{ name: 'Episodes', extensions: ['md'] }] } : {}),
  }
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options)
  return (result.canceled ? undefined : result.filePaths[0]) ?? null
}

async function pickAndOpen(properties: ('openFile' | 'openDirectory')[]): Promise<void> {
  const path = await pick(properties)
  if (path !== null) await openAndAnnounce(path)
}

async function refreshMenu(): Promise<void> {
  if (!services) return
  const recent = await services.listRecent().catch(() => [])
  const send = (command: MenuCommand) => services?.emitEvent({ type: 'menu', command })
  const template = appMenuTemplate(
    {
      send,
      openFile: () => void pickAndOpen(['openFile']),
      openFolder: () => void pickAndOpen(['openDirectory']),
      openRecent: (item) => void openAndAnnounce(item.path),
    },
    recent,
    { platform: process.platform, dev: !app.isPackaged, appName: app.getName() },
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

function reportOpenError(path: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error)
  if (mainWindow) void dialog.showMessageBox(mainWindow, { type: 'error', message: `Cannot open ${path}`, detail: message })
  else console.error(`Cannot open ${path}: ${message}`)
}

/** The close question's detail: which episodes would lose their unsaved changes. */
function unsavedDetail(names: readonly string[]): string {
  const lost = 'If you close the window now, the changes that are not saved are lost.'
  return names.length === 0 ? lost : `Unsaved: ${names.join(', ')}.\n${lost}`
}
