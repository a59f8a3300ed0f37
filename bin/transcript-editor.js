#!/usr/bin/env node
// Runs the command line's bundle (dist/cli/transcript-editor.mjs, made by `npm run build`), which
// needs nothing but Node. In a checkout whose sources are newer than the bundle (or where it was
// never built), the sources run through tsx instead, so an edit is never hidden by a stale build.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../dist/cli/transcript-editor.mjs', import.meta.url))
const inputs = fileURLToPath(new URL('../dist/cli/inputs.json', import.meta.url))
const sources = fileURLToPath(new URL('../electron/cli-main.ts', import.meta.url))

/** Whether the bundle exists and no source it was built from changed since (or the sources are not here). */
function bundleIsCurrent() {
  if (!existsSync(bundle)) return false
  if (!existsSync(inputs)) return true
  const built = statSync(bundle).mtimeMs
  const files = JSON.parse(readFileSync(inputs, 'utf8'))
  return files.every((file) => !existsSync(file) || statSync(file).mtimeMs <= built)
}

/** tsx, where the development dependencies are installed; null otherwise. */
async function tsx() {
  try {
    return await import('tsx/esm/api')
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return null
    throw error
  }
}

if (bundleIsCurrent()) {
  await import(bundle)
} else {
  const loader = existsSync(sources) ? await tsx() : null
  if (loader) {
    loader.register()
    await import(sources)
  } else if (existsSync(bundle)) {
    await import(bundle)
  } else {
    console.error('transcript-editor is not built: run `npm run build` in its folder first.')
    process.exitCode = 2
  }
}
