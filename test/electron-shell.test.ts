import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { standInEvent, type StandInWindow } from './electron-stand-in/electron-stand-in'
import { loadMain, type LoadedMain } from './electron-stand-in/load-main'

// The Electron shell (electron/main.ts and its modules), bundled as `npm run build` bundles it
// and run against a stand-in for the `electron` module (test/electron-stand-in/): each test
// drives it as Electron would and checks the wiring the binary would otherwise be needed for.
// (Importing electron/window.ts here would load the real `electron` package, so its constants
// are restated.)

const appEntryUrl = 'app://renderer/index.html'

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
