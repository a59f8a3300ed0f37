import { build } from 'esbuild'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileFunction } from 'node:vm'
import { mainBundle } from '../../electron/build-electron'
import { createElectronStandIn, type ElectronStandIn, type StandInWindow } from './electron-stand-in'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..')
const nodeRequire = createRequire(join(repo, 'package.json'))

let bundled: Promise<string> | undefined

/**
 * The main process exactly as `npm run build` bundles it (electron/build-electron.ts's settings,
 * `electron` left external), built once in memory so parallel test files never race on dist/.
 */
function mainBundleText(): Promise<string> {
  bundled ??= build({ ...mainBundle, write: false, sourcemap: false }).then((result) => {
    const file = result.outputFiles?.find((f) => f.path.endsWith('main.cjs'))
    if (!file) throw new Error('esbuild produced no main.cjs')
    return file.text
  })
  return bundled
}

/** The test's files: the app folder with a small built renderer, a secret beside it, user data. */
export interface StandInFolders {
  readonly root: string
  readonly appPath: string
  readonly rendererDir: string
  readonly userData: string
  /** A file outside the renderer folder that the app scheme must never serve. */
  readonly secretFile: string
}

/** The renderer build the app scheme serves in these tests. */
export const standInRenderer = {
  'index.html': '<!doctype html><title>Transcript Editor</title><script type="module" src="/assets/app.js"></script>',
  'assets/app.js': 'console.log("renderer")',
} as const

/** The text of `secretFile`. */
export const secretText = 'not for the renderer'

/** Makes the folders of one loaded main process in a new temporary directory. */
export function standInFolders(): StandInFolders {
  const root = mkdtempSync(join(tmpdir(), 'te-shell-'))
  const appPath = join(root, 'app')
  const rendererDir = join(appPath, 'dist', 'renderer')
  for (const [name, text] of Object.entries(standInRenderer)) {
    mkdirSync(dirname(join(rendererDir, name)), { recursive: true })
    writeFileSync(join(rendererDir, name), text)
  }
  const secretFile = join(appPath, 'dist', 'secret.txt')
  writeFileSync(secretFile, secretText)
  return { root, appPath, rendererDir, userData: join(root, 'user-data'), secretFile }
}

/** A main process running against the stand-in, with the test's handles on it. */
export interface LoadedMain {
  readonly electron: ElectronStandIn
  readonly folders: StandInFolders
  /** Makes the app ready and waits until the main window has loaded its URL. */
  start(): Promise<StandInWindow>
  /** Quits (so the host services stop watching) and removes the test's folders. */
  dispose(): Promise<void>
}

/** Options of `loadMain`. */
export interface LoadMainOptions {
  /** Paths on the command line (after `electron .`). */
  readonly args?: readonly string[]
  readonly singleInstanceLock?: boolean
  /** Folders made beforehand (to put files in them); new ones by default. */
  readonly folders?: StandInFolders
  /** Run as the packaged app (`app.isPackaged`). */
  readonly packaged?: boolean
  /** Environment variables set while the module loads (where main reads them). */
  readonly env?: Readonly<Record<string, string>>
}

/**
 * Loads the real main process bundle with `require('electron')` answered by a fresh stand-in:
 * the module runs its top level (scheme registration, single-instance lock, app events) as it
 * would at launch. Nothing in the shell knows it is under test.
 */
export async function loadMain(options: LoadMainOptions = {}): Promise<LoadedMain> {
  const folders = options.folders ?? standInFolders()
  const electron = createElectronStandIn({
    appPath: folders.appPath,
    userData: folders.userData,
    ...(options.singleInstanceLock === undefined ? {} : { singleInstanceLock: options.singleInstanceLock }),
  })
  const filename = join(repo, 'dist', 'electron', 'main.cjs')
  const run = compileFunction(await mainBundleText(), ['exports', 'require', 'module', '__filename', '__dirname'], { filename })
  const module = { exports: {} }
  const requireForMain = (name: string): unknown => (name === 'electron' ? electron.module : nodeRequire(name))
  electron.module.app.isPackaged = options.packaged ?? false
  const argv = process.argv
  const env = { ...process.env }
  // `electron . FILE` unpackaged; `transcript-editor FILE` packaged.
  process.argv = [process.execPath, ...(options.packaged ? [] : ['.']), ...(options.args ?? [])]
  Object.assign(process.env, options.env)
  try {
    run(module.exports, requireForMain, module, filename, dirname(filename))
  } finally {
    process.argv = argv
    for (const name of Object.keys(options.env ?? {})) {
      if (env[name] === undefined) delete process.env[name]
      else process.env[name] = env[name]
    }
  }
  return {
    electron,
    folders,
    async start() {
      electron.ready()
      await until(() => electron.callsOf('BrowserWindow.loadURL').length > 0, 'the main window to load')
      return electron.windows[0]!
    },
    async dispose() {
      electron.module.app.emit('will-quit', { preventDefault: () => undefined })
      // A window that got a close event saves its bounds; let that finish before removing its folder.
      if (electron.callsOf('BrowserWindow.close').length > 0) {
        await until(() => existsSync(join(folders.userData, 'window-state.json')), 'the window state to be saved')
      }
      await settle()
      rmSync(folders.root, { recursive: true, force: true })
    },
  }
}

/** Waits (up to 15 s, for machines under load) until `condition` holds, letting the main process's promises run. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** Lets pending promises and I/O of the main process run. */
export function settle(ms = 50): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
