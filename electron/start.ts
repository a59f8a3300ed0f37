import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runServe } from './server/serve'

// `npm start`: build what is stale, then run the desktop app, or browser mode where the
// Electron binary is missing (electron@45 downloads it on first launch, which needs internet).

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outputs = ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs']
const sources = ['renderer', 'shared', 'electron', 'index.html', 'vite.config.ts', 'package.json']

/** The Electron executable if it is installed, found without importing `electron` (which would start a download). */
export function installedElectronBinary(packageRoot: string): string | null {
  const electronDir = join(packageRoot, 'node_modules', 'electron')
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH']
  const binary = override ? join(override, relative ?? 'electron') : relative ? join(electronDir, 'dist', relative) : null
  return binary && existsSync(binary) ? binary : null
}

/** True when a build output is missing or older than a source file. */
function buildIsStale(packageRoot: string): boolean {
  const times = outputs.map((file) => statSync(join(packageRoot, file), { throwIfNoEntry: false })?.mtimeMs)
  if (times.some((time) => time === undefined)) return true
  const built = Math.min(...(times as number[]))
  return sources.some((source) => newestChange(join(packageRoot, source)) > built)
}

function newestChange(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false })
  if (!info) return 0
  if (!info.isDirectory()) return info.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestChange(join(path, name))), info.mtimeMs)
}

function runBuild(): void {
  console.log('Building the app (npm run build)…')
  const npm = process.env['npm_execpath']
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('The build failed; fix the errors above and run npm start again.')
    process.exit(result.status ?? 1)
  }
}

/** Runs Electron; resolves to its exit code, or to null when it failed at once (no display, missing libraries). */
function runElectron(binary: string, args: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const startedAt = Date.now()
    const child = spawn(binary, ['.', ...args], { cwd: root, stdio: 'inherit' })
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
    process.on('SIGINT', forward('SIGINT'))
    process.on('SIGTERM', forward('SIGTERM'))
    child.on('error', () => resolve(null))
    child.on('exit', (code) => resolve(code !== 0 && Date.now() - startedAt < 5000 ? null : (code ?? 1)))
  })
}

/** The command line without browser-mode options (`--port 8080` must not reach Electron as a path "8080"). */
function desktopArgs(args: string[]): string[] {
  const withValue = new Set(['--port', '--host', '--data-dir'])
  return args.filter((arg, i) => !withValue.has(arg) && !withValue.has(args[i - 1] ?? '') && !/^--(port|host|data-dir)=/.test(arg))
}

async function start(args: string[]): Promise<void> {
  if (buildIsStale(root)) runBuild()
  const binary = installedElectronBinary(root)
  if (binary) {
    const code = await runElectron(binary, desktopArgs(args))
    if (code !== null) process.exit(code)
    console.log('Electron could not start here, so the editor opens in your browser instead.')
  } else {
    console.log('The Electron binary is not installed (it cannot be downloaded here), so the editor opens in your browser instead.')
  }
  try {
    await runServe(args)
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await start(process.argv.slice(2))
}
