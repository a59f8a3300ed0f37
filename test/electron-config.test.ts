import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { before, describe, it } from 'node:test'
import { runInNewContext } from 'node:vm'
import type { MenuItemConstructorOptions } from 'electron'
import { parse } from 'yaml'
import { hostChannels } from '../shared/api/contract'
import { buildElectron } from '../electron/build-electron'
import { mediaFromArgv, pathsFromArgv } from '../electron/launch-args'
import { appMenuTemplate } from '../electron/menu'
import { installedElectronBinary } from '../electron/start'
import { fitToScreens } from '../electron/window-state'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(repo, 'package.json'))
const config = parse(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>

/** electron-builder's own schema and validator settings (app-builder-lib's schemaValidator), offline. */
function validateWithBuilderSchema(value: unknown): string[] {
  const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object
  // ajv comes with app-builder-lib, which validates with these same options.
  const Ajv = require(require.resolve('ajv', { paths: [dirname(require.resolve('app-builder-lib/package.json'))] })) as {
    default: new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } }
  }
  const validate = new Ajv.default({ allErrors: true, strict: false }).compile(schema)
  return validate(structuredClone(value)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`)
}

describe('electron-builder configuration', () => {
  it('validates against the schema shipped with electron-builder', () => {
    assert.deepEqual(validateWithBuilderSchema(config), [])
  })

  it('is checked by that schema (an unknown option is reported)', () => {
    assert.notDeepEqual(validateWithBuilderSchema({ ...config, electronFuse: {} }), [])
  })

  it('packs only the built app, in an asar archive', () => {
    assert.deepEqual(config['files'], ['dist/**', 'assets/**', 'package.json'])
    assert.equal(config['asar'], true)
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string }
    assert.match(pkg.main, /^dist\//)
  })

  it('builds an AppImage and a deb, a dmg and an NSIS installer', () => {
    const targets = (platform: string) => (config[platform] as { target: string[] }).target
    assert.deepEqual(targets('linux'), ['AppImage', 'deb'])
    assert.deepEqual(targets('mac'), ['dmg'])
    assert.deepEqual(targets('win'), ['nsis'])
  })

  it('burns the security fuses', () => {
    assert.deepEqual(config['electronFuses'], {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })
})

describe('the Electron bundles', () => {
  before(() => buildElectron())

  it('bundles main and preload into single CommonJS files that need nothing but electron and Node', () => {
    const requires = (file: string) => [...readFileSync(join(repo, 'dist/electron', file), 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!)
    assert.deepEqual([...new Set(requires('preload.cjs'))], ['electron'])
    for (const name of requires('main.cjs')) assert.ok(name === 'electron' || builtinModules.includes(name), name)
  })

  it('the preload exposes exactly the contract, through contextBridge only', async () => {
    const exposed: Record<string, Record<string, (...args: unknown[]) => unknown>> = {}
    const invoked: unknown[][] = []
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args)
          return args[0] === hostChannels.readFile ? { ok: false, error: { code: 'refused', message: 'not opened' } } : { ok: true, value: [] }
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    }
    const module = { exports: {} }
    const source = readFileSync(join(repo, 'dist/electron/preload.cjs'), 'utf8')
    runInNewContext(source, { require: (name: string) => (name === 'electron' ? electron : undefined), module, exports: module.exports })
    assert.deepEqual(Object.keys(exposed), ['transcriptHost'])
    const host = exposed['transcriptHost']!
    assert.deepEqual(Object.keys(host).sort(), [...Object.keys(hostChannels), 'onEvent'].sort())
    assert.deepEqual(await host['listRecent']!(), [])
    await assert.rejects(Promise.resolve(host['readFile']!('h0')), /not opened/)
    assert.deepEqual(invoked, [[hostChannels.listRecent], [hostChannels.readFile, 'h0']])
  })
})

describe('the application menu', () => {
  const sent: string[] = []
  const actions = { send: (c: string) => sent.push(c), openFile: () => undefined, openFolder: () => undefined, openRecent: () => undefined }
  const items = (platform: NodeJS.Platform) =>
    appMenuTemplate(actions, [{ kind: 'folder', path: '/site/_podcast', openedAt: 1 }], { platform, dev: false, appName: 'Transcript Editor' })
  const flatten = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])

  it('has File, Edit, View and Help with the usual items and accelerators', () => {
    const menu = items('linux')
    assert.deepEqual(menu.map((m) => m.label ?? m.role), ['&File', '&Edit', '&View', 'help'])
    const byLabel = new Map(flatten(menu).filter((m) => m.label).map((m) => [m.label!, m]))
    for (const [label, accelerator] of [
      ['Open File…', 'CmdOrCtrl+O'],
      ['Open Folder…', 'CmdOrCtrl+Shift+O'],
      ['Save', 'CmdOrCtrl+S'],
      ['Close', 'CmdOrCtrl+W'],
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'Ctrl+Y'],
      ['Find', 'CmdOrCtrl+F'],
      ['Replace', 'Ctrl+H'],
      ['Settings…', 'CmdOrCtrl+,'],
    ]) assert.equal(byLabel.get(label!)?.accelerator, accelerator, label)
    for (const label of ['Save All', 'Revert', 'Open Recent', '/site/_podcast']) assert.ok(byLabel.has(label), label)
  })

  it('sends undo, redo, find and replace to the UI instead of using Chromium roles', () => {
    const all = flatten(items('darwin'))
    assert.ok(!all.some((m) => m.role === 'undo' || m.role === 'redo'))
    sent.length = 0
    for (const label of ['Undo', 'Redo', 'Find', 'Replace', 'Save', 'Save All', 'Revert', 'Close']) {
      const item = all.find((m) => m.label === label)!
      ;(item.click as () => void)()
    }
    assert.deepEqual(sent, ['undo', 'redo', 'find', 'replace', 'save', 'save-all', 'revert', 'close'])
  })
})

describe('desktop start-up helpers', () => {
  it('takes files and folders from the command line, skipping the app path and switches', () => {
    assert.deepEqual(pathsFromArgv(['/opt/electron', '.', '--inspect', 'site/_podcast', '/tmp/a.md'], '/home/me', false), [
      '/home/me/site/_podcast',
      '/tmp/a.md',
    ])
    assert.deepEqual(pathsFromArgv(['/opt/app/transcript-editor', '--no-sandbox', 'a.md'], '/w', true), ['/w/a.md'])
    // The recording after --media is not a file to open (electron-media.test.ts runs the app with it).
    assert.deepEqual(pathsFromArgv(['/opt/app/transcript-editor', 'a.md', '--media', 'a.mp3'], '/w', true), ['/w/a.md'])
    assert.equal(mediaFromArgv(['/opt/app/transcript-editor', 'a.md', '--media', 'rec/a.mp3'], '/w'), '/w/rec/a.mp3')
    assert.equal(mediaFromArgv(['/opt/app/transcript-editor', '--media=/r/a.mp3', 'a.md'], '/w'), '/r/a.mp3')
    assert.equal(mediaFromArgv(['/opt/app/transcript-editor', 'a.md'], '/w'), undefined)
  })

  it('forgets a window position that is on no display any more', () => {
    const display = { x: 0, y: 0, width: 1920, height: 1080 }
    const state = { x: 100, y: 100, width: 800, height: 600, maximized: false }
    assert.deepEqual(fitToScreens(state, [display]), state)
    assert.deepEqual(fitToScreens({ ...state, x: 4000 }, [display]), { width: 800, height: 600, maximized: false })
  })

  it('finds the Electron binary without importing electron, and reports it missing here', () => {
    const binary = installedElectronBinary(repo)
    assert.ok(binary === null || binary.includes('electron'))
  })
})
