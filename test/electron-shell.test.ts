import assert from 'node:assert/strict'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MenuItemConstructorOptions, MessageBoxSyncOptions, OpenDialogOptions } from 'electron'
import { hostChannels, type HostEvent, type MenuCommand, type OpenedFile, type SaveResult, type Workspace } from '../shared/api/contract'
import { episodeDigest, isHeader, parseEpisode, serializeEpisode, setLine } from '../shared/episode/index'
import type { HostCallOutcome } from '../electron/host/host-dispatch'
import { appMenuTemplate } from '../electron/menu'
import { shortcuts, type ActionId } from '../renderer/keymap'
import { standInEvent, type StandInFrame, type StandInWindow } from './electron-stand-in/electron-stand-in'
import { loadMain, secretText, standInFolders, standInRenderer, until, type LoadedMain, type StandInFolders } from './electron-stand-in/load-main'
import { fixturesDir } from './helpers/corpus'

// The Electron shell (electron/main.ts and its modules), bundled as `npm run build` bundles it
// and run against a stand-in for the `electron` module (test/electron-stand-in/): each test
// drives it as Electron would and checks the wiring the binary would otherwise be needed for.
// (Importing electron/window.ts here would load the real `electron` package, so its constants
// are restated.)

const appEntryUrl = 'app://renderer/index.html'
const episodeName = 'ab-testing-and-product-experimentation.md'

describe('the main window', () => {
  let main: LoadedMain
  let window: StandInWindow
  before(async () => {
    main = await loadMain()
    window = await main.start()
  })
  after(() => main.dispose())

  it('is created sandboxed, isolated, without Node, with web security, and loads the app scheme', () => {
    assert.equal(main.electron.windows.length, 1)
    const prefs = window.options.webPreferences ?? {}
    assert.equal(prefs.contextIsolation, true)
    assert.equal(prefs.sandbox, true)
    assert.equal(prefs.nodeIntegration, false)
    assert.equal(prefs.nodeIntegrationInWorker, false)
    assert.equal(prefs.webSecurity, true)
    assert.equal(prefs.allowRunningInsecureContent, false)
    assert.equal(prefs.webviewTag, false)
    assert.match(prefs.preload ?? '', /[/\\]dist[/\\]electron[/\\]preload\.cjs$/)
    assert.deepEqual(main.electron.callsOf('BrowserWindow.loadURL').map((c) => c.args[0]), [appEntryUrl])
  })

  it('declares the app scheme privileged (standard, secure) before the app is ready', () => {
    assert.deepEqual(main.electron.privilegedSchemes, [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      // The media scheme (test/electron-media.test.ts) is declared in the same, only, call.
      { scheme: 'media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
    ])
  })

  it('refuses navigation and redirects to another origin, and allows its own pages', () => {
    for (const name of ['will-navigate', 'will-redirect']) {
      for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/index.html', 'app://renderer.evil.com/']) {
        const event = standInEvent()
        window.webContents.emit(name, event, url)
        assert.equal(event.defaultPrevented, true, `${name} ${url}`)
      }
      const own = standInEvent()
      window.webContents.emit(name, own, 'app://renderer/index.html')
      assert.equal(own.defaultPrevented, false, name)
    }
  })

  it('denies window.open', () => {
    const handler = window.webContents.windowOpenHandler
    assert.ok(handler, 'a window open handler is set')
    assert.deepEqual(handler({ url: 'https://example.com/' }), { action: 'deny' })
    assert.deepEqual(handler({ url: appEntryUrl }), { action: 'deny' })
  })

  it('refuses to attach a webview', () => {
    const event = standInEvent()
    window.webContents.emit('will-attach-webview', event, {}, {})
    assert.equal(event.defaultPrevented, true)
  })
})

describe('the app scheme', () => {
  let main: LoadedMain
  before(async () => {
    main = await loadMain()
    await main.start()
  })
  after(() => main.dispose())

  it('serves the built renderer with the CSP and the other security headers', async () => {
    for (const [url, name, type] of [
      ['app://renderer/index.html', 'index.html', 'text/html; charset=utf-8'],
      ['app://renderer/assets/app.js', 'assets/app.js', 'text/javascript; charset=utf-8'],
      // A route of the single-page UI gets the page.
      ['app://renderer/episodes/one', 'index.html', 'text/html; charset=utf-8'],
    ] as const) {
      const response = await main.electron.fetch(url)
      assert.equal(response.status, 200, url)
      assert.equal(await response.text(), standInRenderer[name], url)
      assert.equal(response.headers.get('content-type'), type, url)
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/, url)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', url)
    }
  })

  it('serves the same page the window loads', async () => {
    const loaded = main.electron.callsOf('BrowserWindow.loadURL')[0]!.args[0] as string
    assert.equal(await (await main.electron.fetch(loaded)).text(), standInRenderer['index.html'])
  })

  it('never serves a file outside the renderer folder', async () => {
    for (const url of [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/..%2fsecret.txt',
      'app://renderer/..%2Fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      `app://renderer/${encodeURIComponent(main.folders.secretFile)}`,
      `app://renderer/${main.folders.secretFile}`,
      `app://renderer//${main.folders.secretFile}`,
      'app://renderer/%00secret.txt',
    ]) {
      const response = await main.electron.fetch(url)
      const text = await response.text()
      assert.notEqual(text, secretText, url)
      // Refused, not found, or (a dot segment the URL parser removed) the page of a UI route.
      assert.ok([403, 404].includes(response.status) || text === standInRenderer['index.html'], `${url}: ${response.status}`)
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/, url)
    }
    // Encoded separators and absolute paths are refused outright.
    for (const url of ['app://renderer/..%2fsecret.txt', `app://renderer/${encodeURIComponent(main.folders.secretFile)}`]) {
      assert.equal((await main.electron.fetch(url)).status, 403, url)
    }
  })

  it('answers only for its own host', async () => {
    const response = await main.electron.fetch('app://elsewhere/index.html')
    assert.equal(response.status, 404)
    assert.notEqual(await response.text(), standInRenderer['index.html'])
  })
})

/** A copy of a real episode in the test's folder, to open on the command line. */
/** A handle of the host's format, for calls that only store it. */
const SOME_HANDLE = `h${'a'.repeat(32)}`

function episodeCopy(folders: StandInFolders, name = 'episode.md'): { path: string; text: string } {
  const text = readFileSync(join(fixturesDir, episodeName), 'utf8')
  const path = join(folders.root, name)
  writeFileSync(path, text)
  return { path, text }
}

/** Waits until the main process sends `window` a host event of this type, and returns it. */
async function hostEventSent<T extends HostEvent['type']>(window: StandInWindow, type: T): Promise<Extract<HostEvent, { type: T }>> {
  const find = () =>
    window.webContents.sent
      .filter((m) => m.channel === 'host:event')
      .map((m) => m.args[0] as HostEvent)
      .find((e): e is Extract<HostEvent, { type: T }> => e.type === type)
  await until(() => find() !== undefined, `a ${type} event`)
  return find()!
}

describe('IPC between the window and the host services', () => {
  let main: LoadedMain
  let window: StandInWindow
  let episode: { path: string; text: string }
  /** A call as the preload makes it from the window's main frame. */
  const call = (channel: string, ...args: unknown[]) =>
    main.electron.invoke(channel, { sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...args) as Promise<HostCallOutcome>
  before(async () => {
    const folders = standInFolders()
    episode = episodeCopy(folders)
    main = await loadMain({ folders, args: [episode.path] })
    window = await main.start()
  })
  after(() => main.dispose())

  it('registers every channel of the contract exactly once, and no other', () => {
    const registered = main.electron.callsOf('ipcMain.handle').map((c) => c.args[0])
    assert.deepEqual([...registered].sort(), Object.values(hostChannels).sort())
  })

  it('answers the main frame with what the host services return, and saves through them', async () => {
    const workspace = await call(hostChannels.getWorkspace)
    assert.equal(workspace.ok, true)
    const files = (workspace.ok ? workspace.value : null) as Workspace
    assert.equal(files.files.length, 1)
    const handle = files.files[0]!.handle
    const opened = await call(hostChannels.readFile, handle)
    assert.ok(opened.ok)
    const file = opened.value as OpenedFile
    assert.equal(file.text, episode.text)
    assert.equal(file.path, episode.path)

    const doc = parseEpisode(file.text)
    const index = doc.entries.findIndex((entry) => !isHeader(entry))
    const edited = setLine(doc, index, 'Edited through IPC.')
    const saved = await call(hostChannels.saveFile, {
      handle,
      text: serializeEpisode(edited),
      baseHash: file.hash,
      expectedDigest: episodeDigest(edited),
    })
    assert.deepEqual(saved.ok && (saved.value as SaveResult).ok, true)
    assert.equal(readFileSync(episode.path, 'utf8'), serializeEpisode(edited))
  })

  it('refuses calls from a subframe, another origin or another web contents', async () => {
    const main_ = window.webContents.mainFrame
    const subframe: StandInFrame = { url: main_.url, processId: main_.processId, routingId: main_.routingId + 100, parent: main_ }
    const foreignPage: StandInFrame = { ...main_, url: 'https://example.com/' }
    const other = new main.electron.module.BrowserWindow({})
    await other.loadURL(appEntryUrl)
    for (const [what, event] of [
      ['a subframe', { sender: window.webContents, senderFrame: subframe }],
      ['a frame showing another origin', { sender: window.webContents, senderFrame: foreignPage }],
      ['a frame that is gone', { sender: window.webContents, senderFrame: null }],
      ['another window', { sender: other.webContents, senderFrame: other.webContents.mainFrame }],
    ] as const) {
      const outcome = (await main.electron.invoke(hostChannels.listRecent, event)) as HostCallOutcome
      assert.deepEqual(outcome, { ok: false, error: { code: 'refused', message: 'This request did not come from the editor window.' } }, what)
    }
  })

  it('refuses invalid arguments before they reach a service', async () => {
    for (const [channel, args] of [
      [hostChannels.readFile, [42]],
      [hostChannels.readFile, []],
      [hostChannels.saveFile, [{ handle: 'h1', text: 1 }]],
      [hostChannels.writeDraft, ['h1']],
      [hostChannels.setDirty, ['yes']],
    ] as const) {
      const outcome = await call(channel, ...args)
      assert.equal(outcome.ok ? 'ok' : outcome.error.code, 'invalid-arguments', `${channel} ${JSON.stringify(args)}`)
    }
  })
})

describe('permissions', () => {
  let main: LoadedMain
  let window: StandInWindow
  before(async () => {
    main = await loadMain()
    window = await main.start()
  })
  after(() => main.dispose())

  /** A sample of what pages ask for; the handlers must not look at the name. */
  const asked = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'midiSysex', 'hid', 'serial', 'usb', 'unknown']

  it('denies every permission request, even from the app itself', async () => {
    const handler = main.electron.permissions.request
    assert.ok(handler, 'a permission request handler is set (without one Electron grants everything)')
    for (const permission of asked) {
      const granted = await new Promise<boolean>((resolve) => handler(window.webContents, permission, resolve, { requestingUrl: appEntryUrl }))
      assert.equal(granted, false, permission)
    }
  })

  it('denies every permission check, and every device', () => {
    const check = main.electron.permissions.check
    assert.ok(check, 'a permission check handler is set')
    for (const permission of asked) {
      assert.equal(check(window.webContents, permission, 'app://renderer', { requestingUrl: appEntryUrl }), false, permission)
      assert.equal(check(null, permission, 'https://example.com', {}), false, permission)
    }
    const device = main.electron.permissions.device
    assert.ok(device, 'a device permission handler is set')
    assert.equal(device({ deviceType: 'usb', origin: 'app://renderer' }), false)
  })

  it('is in place before the window loads anything', () => {
    const order = main.electron.calls.map((c) => c.api)
    const loaded = order.indexOf('BrowserWindow.loadURL')
    for (const api of ['session.setPermissionRequestHandler', 'session.setPermissionCheckHandler', 'session.setDevicePermissionHandler']) {
      assert.ok(order.indexOf(api) !== -1 && order.indexOf(api) < loaded, api)
    }
  })
})

/** Every item of a menu template, submenus included. */
function menuItems(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : [])])
}

/** A menu accelerator (`CmdOrCtrl+Shift+Z`) in the key map's notation (`Mod-Shift-z`), for one platform. */
function acceleratorAsKey(accelerator: string, mac: boolean): string {
  const parts = accelerator.split('+')
  const key = parts.pop()!
  const has = (...names: string[]) => parts.some((p) => names.includes(p))
  const mod = has('CmdOrCtrl', 'CommandOrControl') || (mac ? has('Cmd', 'Command') : has('Ctrl', 'Control'))
  const ctrl = mac && has('Ctrl', 'Control')
  return `${mod ? 'Mod-' : ''}${ctrl ? 'Ctrl-' : ''}${has('Alt', 'Option') ? 'Alt-' : ''}${has('Shift') ? 'Shift-' : ''}${key.length === 1 ? key.toLowerCase() : key}`
}

/**
 * The menu's commands and the key map's actions they stand for: the renderer's controller runs
 * that action for the menu command (test/e2e/menu.spec.ts checks it does so in the page).
 */
const menuTable: readonly { label: string; command: MenuCommand; action: ActionId }[] = [
  { label: 'Save', command: 'save', action: 'save' },
  { label: 'Save All', command: 'save-all', action: 'save-all' },
  { label: 'Review Changes…', command: 'review-changes', action: 'review-changes' },
  { label: 'Go to Episode…', command: 'quick-open', action: 'quick-open' },
  { label: 'Next Tab', command: 'next-tab', action: 'next-tab' },
  { label: 'Previous Tab', command: 'previous-tab', action: 'previous-tab' },
  { label: 'Revert', command: 'revert', action: 'revert' },
  { label: 'Close', command: 'close', action: 'close' },
  { label: 'Undo', command: 'undo', action: 'undo' },
  { label: 'Redo', command: 'redo', action: 'redo' },
  { label: 'Find', command: 'find', action: 'find' },
  { label: 'Replace', command: 'replace', action: 'find' },
]

describe('the application menu, as the main process installs it', () => {
  let main: LoadedMain
  let window: StandInWindow
  before(async () => {
    main = await loadMain()
    window = await main.start()
  })
  after(() => main.dispose())

  const installed = () => menuItems(main.electron.menus.application?.template ?? [])

  it('sends each command to the window as a menu event', () => {
    for (const { label, command } of menuTable) {
      const item = installed().find((m) => m.label === label)
      assert.ok(item?.click, `the menu has ${label}`)
      window.webContents.sent.length = 0
      ;(item.click as () => void)()
      assert.deepEqual(window.webContents.sent, [{ channel: 'host:event', args: [{ type: 'menu', command }] }], label)
    }
  })

  it('gives each item the key the editor binds to the same action, and no key the editor binds to another', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const mac = platform === 'darwin'
      const template =
        platform === process.platform
          ? installed()
          : menuItems(appMenuTemplate({ send: () => undefined, openFile: () => undefined, openFolder: () => undefined, openRecent: () => undefined }, [], { platform, dev: false, appName: 'Transcript Editor' }))
      for (const { label, command, action } of menuTable) {
        const item = template.find((m) => m.label === label)!
        // An item named as an action (Save, Undo…) is that action's twin and shows its key;
        // the others (Save All, Replace) have keys of their own, which must not be another's.
        const twin = command === action
        const keysOfAction = shortcuts.filter((s) => s.action === action && s.scopes.includes('global')).flatMap((s) => s.keys)
        if (!item.accelerator) {
          assert.ok(!twin || keysOfAction.length === 0, `${platform}: ${label} shows none of the keys ${keysOfAction.join(', ')}`)
          continue
        }
        const key = acceleratorAsKey(item.accelerator, mac)
        const bound = shortcuts.filter((s) => s.keys.includes(key) && s.scopes.includes('global'))
        for (const shortcut of bound) assert.equal(shortcut.action, action, `${platform}: ${label} (${key}) is the editor's key for ${shortcut.action}`)
        if (twin && keysOfAction.length > 0) assert.ok(keysOfAction.includes(key), `${platform}: ${label} shows ${key}, the editor binds ${keysOfAction.join(', ')}`)
      }
    }
  })

  it('opens files through the native dialog and tells the window what was opened', async () => {
    const episode = episodeCopy(main.folders)
    main.electron.dialogAnswers.openPaths.push(episode.path)
    window.webContents.sent.length = 0
    ;(installed().find((m) => m.label === 'Open File…')!.click as () => void)()
    const event = await hostEventSent(window, 'workspace-changed')
    assert.ok(event.opened, 'the window is told which file to show')
    const [, options] = main.electron.callsOf('dialog.showOpenDialog')[0]!.args as [unknown, OpenDialogOptions]
    assert.deepEqual(options.properties, ['openFile'])
  })
})

describe('closing the window', () => {
  let main: LoadedMain
  let window: StandInWindow
  const fromWindow = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame })
  beforeEach(async () => {
    main = await loadMain()
    window = await main.start()
  })
  afterEach(() => main.dispose())

  it('closes at once when the renderer reports nothing unsaved', () => {
    window.close()
    assert.equal(window.destroyed, true)
    assert.equal(main.electron.callsOf('dialog.showMessageBoxSync').length, 0)
    assert.equal(main.electron.module.app.quitCalls, 1, 'the last window closing quits (not on macOS)')
  })

  it('opens a new window when the app is activated with none (macOS dock)', async () => {
    window.close()
    assert.equal(main.electron.windows.length, 0)
    main.electron.module.app.emit('activate', standInEvent(), false)
    await until(() => main.electron.callsOf('BrowserWindow.loadURL').length === 2, 'a second window')
    assert.equal(main.electron.windows.length, 1)
    assert.equal(main.electron.windows[0]!.options.webPreferences?.sandbox, true)
    // IPC answers the new window, not the closed one.
    const next = main.electron.windows[0]!
    const outcome = (await main.electron.invoke(hostChannels.listRecent, { sender: next.webContents, senderFrame: next.webContents.mainFrame })) as HostCallOutcome
    assert.equal(outcome.ok, true)
  })

  it('remembers the window’s size for the next start', async () => {
    window.close()
    const stateFile = join(main.folders.userData, 'window-state.json')
    await until(() => existsSync(stateFile), 'the window state file')
    assert.deepEqual(JSON.parse(readFileSync(stateFile, 'utf8')), { x: 10, y: 10, width: 1200, height: 800, maximized: false })
  })

  it('asks first when the renderer reported unsaved changes, naming the episodes, and stays open on Cancel', async () => {
    const episode = episodeCopy(main.folders, 'unsaved-episode.md')
    main.electron.dialogAnswers.openPaths.push(episode.path)
    const opened = (await main.electron.invoke(hostChannels.openFileDialog, fromWindow())) as HostCallOutcome
    assert.ok(opened.ok, JSON.stringify(opened))
    const handle = (opened.value as Workspace).opened!
    assert.deepEqual(await main.electron.invoke(hostChannels.setDirty, fromWindow(), [handle]), { ok: true, value: null })
    main.electron.dialogAnswers.messageBox = 1
    window.close()
    assert.equal(window.destroyed, false)
    const [parent, options] = main.electron.callsOf('dialog.showMessageBoxSync')[0]!.args as [unknown, MessageBoxSyncOptions]
    assert.equal(parent, window)
    assert.equal(options.message, 'You have unsaved changes.')
    assert.match(options.detail ?? '', /Unsaved: unsaved-episode\.md\./)
    assert.equal(options.buttons?.[options.cancelId ?? -1], 'Cancel')
    assert.equal(options.defaultId, options.cancelId, 'the default answer keeps the changes')
    assert.equal(main.electron.module.app.quitCalls, 0)
  })

  it('closes without saving when the user says so', async () => {
    await main.electron.invoke(hostChannels.setDirty, fromWindow(), [SOME_HANDLE])
    main.electron.dialogAnswers.messageBox = 0
    window.close()
    assert.equal(window.destroyed, true)
    assert.equal(main.electron.callsOf('dialog.showMessageBoxSync').length, 1)
  })

  it('does not take the unsaved mark from a frame other than the window', async () => {
    const subframe: StandInFrame = { ...window.webContents.mainFrame, routingId: 999, parent: window.webContents.mainFrame }
    await main.electron.invoke(hostChannels.setDirty, fromWindow(), [SOME_HANDLE])
    await main.electron.invoke(hostChannels.setDirty, { sender: window.webContents, senderFrame: subframe }, [])
    main.electron.dialogAnswers.messageBox = 1
    window.close()
    assert.equal(window.destroyed, false)
  })
})

describe('one instance', () => {
  it('a second launch focuses the first window and opens the file it was given', async () => {
    const main = await loadMain()
    try {
      const window = await main.start()
      const episode = episodeCopy(main.folders, 'second.md')
      window.minimized = true
      window.webContents.sent.length = 0
      // Chromium forwards the second instance's whole command line and working directory.
      main.electron.module.app.emit('second-instance', standInEvent(), [process.execPath, '.', '--enable-logging', 'second.md'], main.folders.root, {})
      assert.equal(window.minimized, false)
      assert.equal(window.focused, true)
      const event = await hostEventSent(window, 'workspace-changed')
      assert.ok(event.opened, 'the window is told which file to show')
      const opened = (await main.electron.invoke(hostChannels.readFile, { sender: window.webContents, senderFrame: window.webContents.mainFrame }, event.opened)) as HostCallOutcome
      assert.equal(opened.ok && (opened.value as OpenedFile).text, episode.text)
    } finally {
      await main.dispose()
    }
  })

  it('a launch without the lock quits at once and sets nothing up', async () => {
    const main = await loadMain({ singleInstanceLock: false })
    try {
      assert.equal(main.electron.module.app.quitCalls, 1)
      assert.equal(main.electron.callsOf('app.whenReady').length, 0)
      assert.equal(main.electron.module.app.listenerCount('second-instance'), 0)
    } finally {
      await main.dispose()
    }
  })

  it('opens a file the OS hands over before the app is ready (macOS open-file)', async () => {
    const folders = standInFolders()
    const episode = episodeCopy(folders)
    const main = await loadMain({ folders })
    try {
      const event = standInEvent()
      main.electron.module.app.emit('open-file', event, episode.path)
      assert.equal(event.defaultPrevented, true)
      const window = await main.start()
      const workspace = (await main.electron.invoke(hostChannels.getWorkspace, { sender: window.webContents, senderFrame: window.webContents.mainFrame })) as HostCallOutcome
      assert.deepEqual(workspace.ok && (workspace.value as Workspace).files.map((f) => f.relPath), ['episode.md'])
    } finally {
      await main.dispose()
    }
  })
})

describe('the Vite dev server (npm run dev)', () => {
  const devServerUrl = 'http://localhost:5173/'

  it('is loaded unpackaged, with a CSP header, and its origin counts as the app', async () => {
    const main = await loadMain({ env: { VITE_DEV_SERVER_URL: devServerUrl } })
    try {
      const window = await main.start()
      assert.deepEqual(main.electron.callsOf('BrowserWindow.loadURL').map((c) => c.args[0]), [devServerUrl])
      type HeadersListener = (details: { responseHeaders: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void
      const [filter, listener] = main.electron.callsOf('session.webRequest.onHeadersReceived')[0]?.args as [{ urls: string[] }, HeadersListener]
      assert.deepEqual(filter, { urls: ['http://localhost:5173/*'] })
      let headers: Record<string, string[]> = {}
      listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => (headers = response.responseHeaders))
      assert.deepEqual(headers['Content-Type'], ['text/html'])
      assert.match(headers['Content-Security-Policy']?.[0] ?? '', /^default-src 'none'; script-src 'self' 'unsafe-inline';.*connect-src 'self' ws:\/\/localhost:5173/)
      const own = standInEvent()
      window.webContents.emit('will-navigate', own, 'http://localhost:5173/index.html')
      assert.equal(own.defaultPrevented, false)
      const foreign = standInEvent()
      window.webContents.emit('will-navigate', foreign, 'http://localhost:5174/')
      assert.equal(foreign.defaultPrevented, true)
      const outcome = (await main.electron.invoke(hostChannels.listRecent, { sender: window.webContents, senderFrame: window.webContents.mainFrame })) as HostCallOutcome
      assert.equal(outcome.ok, true)
    } finally {
      await main.dispose()
    }
  })

  it('is ignored by the packaged app, which loads only its own scheme', async () => {
    const main = await loadMain({ packaged: true, env: { VITE_DEV_SERVER_URL: devServerUrl } })
    try {
      const window = await main.start()
      assert.deepEqual(main.electron.callsOf('BrowserWindow.loadURL').map((c) => c.args[0]), [appEntryUrl])
      assert.equal(main.electron.callsOf('session.webRequest.onHeadersReceived').length, 0)
      const event = standInEvent()
      window.webContents.emit('will-navigate', event, devServerUrl)
      assert.equal(event.defaultPrevented, true)
    } finally {
      await main.dispose()
    }
  })
})
