import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { hostChannels, type OpenedFile, type SaveResult, type Workspace } from '../shared/api/contract'
import { isHeader, parseEpisode, serializeEpisode, setLine, transcriptToJson } from '../shared/episode/index'
import type { HostCallOutcome } from '../electron/host/host-dispatch'
import { standInEvent, type StandInFrame, type StandInWindow } from './electron-stand-in/electron-stand-in'
import { loadMain, secretText, standInFolders, standInRenderer, type LoadedMain, type StandInFolders } from './electron-stand-in/load-main'
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
function episodeCopy(folders: StandInFolders, name = 'episode.md'): { path: string; text: string } {
  const text = readFileSync(join(fixturesDir, episodeName), 'utf8')
  const path = join(folders.root, name)
  writeFileSync(path, text)
  return { path, text }
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
      expected: transcriptToJson(edited),
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
