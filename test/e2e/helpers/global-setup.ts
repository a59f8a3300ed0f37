import { build } from 'vite'
import { join } from 'node:path'
import { repoRoot } from './workspace'

/** Builds the renderer once before the run (set TE_SKIP_BUILD=1 to use the existing dist/renderer). */
export default async function globalSetup(): Promise<void> {
  if (process.env.TE_SKIP_BUILD === '1') return
  await build({ configFile: join(repoRoot, 'vite.config.ts'), root: join(repoRoot, 'renderer'), logLevel: 'warn' })
}
