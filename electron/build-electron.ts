import { build, type BuildOptions } from 'esbuild'
import { writeFile } from 'node:fs/promises'
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

/** Where the command line's bundle goes, and the list of source files it was built from. */
export const cliBundle = 'dist/cli/transcript-editor.mjs'
export const cliInputs = 'dist/cli/inputs.json'

/**
 * Bundles the command line (`electron/cli-main.ts` with the format library, the host services,
 * the browser-mode server and jsdiff) into one ES module that runs on plain Node, so the installed
 * command needs no dependency. Beside it, `inputs.json` lists the sources it was built from, so
 * the bin can tell a stale bundle from a fresh one.
 */
export async function buildCli(outfile = join(root, cliBundle)): Promise<void> {
  const result = await build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ['node20'],
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
    entryPoints: ['electron/cli-main.ts'],
    outfile,
    metafile: true,
  })
  const inputs = Object.keys(result.metafile.inputs).map((input) => join(root, input))
  await writeFile(join(dirname(outfile), 'inputs.json'), JSON.stringify(inputs, null, 1) + '\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await Promise.all([buildElectron(), buildCli()])
  console.log(`Built dist/electron/main.cjs, dist/electron/preload.cjs and ${cliBundle}`)
}
