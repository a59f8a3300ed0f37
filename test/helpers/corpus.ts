import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { chmod, copyFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The shared corpus folder beside the clone (CI has it), or null where it is missing. */
export const corpusDir: string | null = existsSync(join(root, '../shared/corpus/episodes')) ? join(root, '../shared/corpus') : null

/** The fixtures committed with the project. */
export const fixturesDir = join(root, 'test/fixtures/episodes')

/** Where real episodes come from: the corpus's episodes when present, else the fixtures. */
export const episodesDir = corpusDir ? join(corpusDir, 'episodes') : fixturesDir

/** A file to test on: a display name and its text. */
export interface CorpusFile {
  readonly name: string
  readonly path: string
  readonly text: string
}

function readMarkdown(dir: string, label: string): CorpusFile[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => ({ name: `${label}/${n}`, path: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }))
}

/** Every episode file available: the corpus (episodes and seeds) when present, and the fixtures. */
export function allEpisodeFiles(): CorpusFile[] {
  const files = readMarkdown(fixturesDir, 'fixtures')
  if (corpusDir) files.push(...readMarkdown(join(corpusDir, 'episodes'), 'corpus'), ...readMarkdown(corpusDir, 'corpus').filter((f) => f.name.includes('/seed-')))
  return files
}

/**
 * Copies an episode for a test to edit, writable as in a checkout: the shared corpus is read-only
 * (mode 0444), and a copy keeps that mode, which the editor rightly refuses to save over.
 */
export async function copyEpisode(from: string, to: string): Promise<void> {
  await copyFile(from, to)
  await chmod(to, 0o644)
}

/** `copyEpisode` for synchronous tests, for a file or a whole folder (chapter lists): every file writable. */
export function copyWritableSync(from: string, to: string): void {
  cpSync(from, to, { recursive: true })
  const makeWritable = (path: string): void => {
    if (statSync(path).isDirectory()) {
      chmodSync(path, 0o755)
      for (const name of readdirSync(path)) makeWritable(join(path, name))
    } else {
      chmodSync(path, 0o644)
    }
  }
  makeWritable(to)
}
