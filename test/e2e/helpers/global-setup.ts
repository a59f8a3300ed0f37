import { build } from 'vite'
import { join } from 'node:path'
import { repoRoot } from './workspace'

/** Builds the renderer into dist/renderer (set TE_SKIP_BUILD=1 to use the existing build). */
export async function buildRenderer(): Promise<void> {
  if (process.env.TE_SKIP_BUILD === '1') return
  await build({ configFile: join(repoRoot, 'vite.config.ts'), root: join(repoRoot, 'renderer'), logLevel: 'warn' })
}

/** Builds the renderer once before the end-to-end run. */
export default async function globalSetup(): Promise<void> {
  await buildRenderer()
}
