import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, type RunningServer } from '../../../electron/server/serve'
import { copyEpisode, copyWritableSync, corpusDir, episodesDir } from '../../helpers/corpus'

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** The built renderer the server serves (made by `vite build`). */
export const rendererDir = process.env.TE_RENDERER_DIR ?? join(repoRoot, 'dist/renderer')


/** Episodes the tests use: present both in the corpus and in the fixtures. */
export const TEST_EPISODES = [
  'ab-testing-and-product-experimentation.md',
  'ai-for-ecology-biodiversity-and-conservation.md',
  'analytics-engineer-skills-tools.md',
  'building-data-team.md',
  'crisp-dm.md',
  'data-interview-behavioral-and-portfolio-prep-guide.md',
  'machine-learning-decision-optimization.md',
  'mlops-kubeflow-model-monitoring.md',
  'open-source-ml-tools-strategy-and-business-models.md',
  's23e05-inside-ai-engineer-role-tools-skills-and-career-path.md',
] as const

/** A temporary copy of real episodes, served by the real browser-mode server. */
export interface TestWorkspace {
  /** The episode folder the server opened. */
  readonly dir: string
  /** Folder of the originals the copies were made from. */
  readonly sourceDir: string
  /** The app's data folder (recovery drafts, recent list). */
  readonly dataDir: string
  readonly server: RunningServer
  /** Stops the server and deletes the temporary folders. */
  close(): Promise<void>
}

/**
 * Copies `files` (default: TEST_EPISODES that exist) to a temp folder and starts `startServer`
 * on it (or, with `open: false`, with nothing open, as on a first start; with `openFile`, on that one file).
 */
export async function createTestWorkspace(
  files: readonly string[] = TEST_EPISODES,
  extra: Record<string, string> = {},
  options: { open?: boolean; openFile?: string; site?: boolean } = {},
): Promise<TestWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'transcript-editor-e2e-'))
  const dir = join(root, '_podcast')
  const dataDir = join(root, 'data')
  await mkdir(dir, { recursive: true })
  await mkdir(dataDir, { recursive: true })
  const sourceDir = episodesDir
  const available = new Set(await readdir(sourceDir))
  for (const name of files) if (available.has(name)) await copyEpisode(join(sourceDir, name), join(dir, name))
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text)
  if (options.site) copySiteFolders(root)
  // With nothing open, the page may open what is inside the temp folder, as `serve` run there allows.
  const opened = options.openFile ? join(dir, options.openFile) : options.site ? root : dir
  const opening = options.open === false ? { allowedRoots: [root] } : { openPath: opened }
  const server = await startServer({ dataDir, rendererDir, watchDebounceMs: 40, ...opening })
  return {
    dir,
    sourceDir,
    dataDir,
    server,
    async close() {
      await server.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}

/** Whether the shared corpus has the rest of a site checkout (`site/_people`, `site/podcast-timestamps`). */
export const hasSiteCorpus: boolean = corpusDir !== null

/**
 * Makes `root` (which holds `_podcast/`) a site checkout as the editors have it: the corpus's
 * `_people/` and `podcast-timestamps/` beside the episodes, writable like a clone.
 */
function copySiteFolders(root: string): void {
  if (!corpusDir) throw new Error('the site checkout needs ../shared/corpus/site')
  for (const folder of ['_people', 'podcast-timestamps']) copyWritableSync(join(corpusDir, 'site', folder), join(root, folder))
}
