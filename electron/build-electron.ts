import { build, type BuildOptions } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Shared esbuild settings: one self-contained CommonJS file, `electron` left to the runtime. */
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45 ships Node 22 and Chromium 140.
  target: ['node22', 'chrome140'],
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
}

/** The main process bundle; tests build it in memory with these same settings. */
export const mainBundle: BuildOptions = { ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }

/**
 * Bundles the Electron layer: `electron/main.ts` → `dist/electron/main.cjs` and
 * `electron/preload.ts` → `dist/electron/preload.cjs`. The preload must be a single CommonJS
 * file because sandboxed preloads cannot import modules.
 */
export async function buildElectron(): Promise<void> {
  await Promise.all([
    build(mainBundle),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  ])
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron()
  console.log('Built dist/electron/main.cjs and dist/electron/preload.cjs')
}
