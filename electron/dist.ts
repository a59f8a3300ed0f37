import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm run dist`: builds the app, then the installers of electron-builder.yml for this OS
// (AppImage and deb on Linux, dmg on macOS, NSIS on Windows). electron-builder packs Electron's
// own binary, which it downloads from Electron's release server unless it is cached or given;
// where none of those is possible this stops at once with one line that says so.

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where Electron for packaging can come from, as found on this machine. */
export interface ElectronSource {
  /** ELECTRON_OVERRIDE_DIST_PATH: an unpacked Electron, given to electron-builder as `electronDist`. */
  readonly distPath: string | null
  /** A cached release zip of the right version, platform and architecture. */
  readonly cachedZip: string | null
  /** Whether Electron's download server (or ELECTRON_MIRROR) answered. */
  readonly downloadable: boolean
}

/** The release zip electron-builder needs: `electron-v45.5.0-linux-x64.zip`. */
export function electronZipName(version: string, platform: NodeJS.Platform, arch: string): string {
  return `electron-v${version}-${platform === 'win32' ? 'win32' : platform}-${arch}.zip`
}

/** Where @electron/get (used by electron-builder) downloads from. */
export function electronDownloadUrl(version: string, zip: string, env: NodeJS.ProcessEnv): string {
  const mirror = env['ELECTRON_MIRROR'] || 'https://github.com/electron/electron/releases/download/'
  return `${mirror.endsWith('/') ? mirror : `${mirror}/`}${env['ELECTRON_CUSTOM_DIR'] || `v${version}`}/${zip}`
}

/** @electron/get's cache folder on this OS (ELECTRON_CACHE overrides it). */
export function electronCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env['ELECTRON_CACHE']) return env['ELECTRON_CACHE']
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron')
  if (platform === 'win32') return join(env['LOCALAPPDATA'] || join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'electron')
}

/** The cached zip, in the cache folder or one of its per-URL subfolders, if there is one. */
export function findCachedZip(cacheDir: string, zip: string): string | null {
  if (!existsSync(cacheDir)) return null
  if (existsSync(join(cacheDir, zip))) return join(cacheDir, zip)
  for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
    if (entry.isDirectory() && existsSync(join(cacheDir, entry.name, zip))) return join(cacheDir, entry.name, zip)
  }
  return null
}

/** Why the installers cannot be built here, in one line; null when Electron can be had. */
export function distBlocker(source: ElectronSource, url: string): string | null {
  if (source.distPath !== null || source.cachedZip !== null || source.downloadable) return null
  return `npm run dist cannot build the installers here: electron-builder needs Electron's binary, which is not cached and cannot be downloaded from ${new URL(url).origin} (set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron, or run it on a machine with internet access).`
}

/** Whether `url` answers at all within a few seconds (any HTTP status below 400, redirects included). */
async function reachable(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(8000) })
    return response.status < 400
  } catch (error) {
    if (process.env['DEBUG']) console.error(error)
    return false
  }
}

function run(command: string, args: string[]): void {
  const npx = process.platform === 'win32' ? `${command}.cmd` : command
  const result = spawnSync(npx, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

async function dist(): Promise<void> {
  const version = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version
  const zip = electronZipName(version, process.platform, process.arch)
  const url = electronDownloadUrl(version, zip, process.env)
  const distPath = process.env['ELECTRON_OVERRIDE_DIST_PATH'] || null
  const cachedZip = distPath ? null : findCachedZip(electronCacheDir(process.env), zip)
  const blocker = distBlocker({ distPath, cachedZip, downloadable: distPath !== null || cachedZip !== null || (await reachable(url)) }, url)
  if (blocker) {
    console.error(blocker)
    process.exit(1)
  }
  run('npm', ['run', 'build'])
  // electron-builder reads electron-builder.yml by default; builds for this OS only.
  run('npx', ['electron-builder', '--publish', 'never', ...(distPath ? [`-c.electronDist=${distPath}`] : [])])
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await dist()
}
