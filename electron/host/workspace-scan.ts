import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'

/** A Markdown file found in a workspace folder. */
export interface ScannedFile {
  /** Real absolute path (symlinks resolved), always inside the workspace root. */
  readonly path: string
  /** Path relative to the root, with `/` separators. */
  readonly relPath: string
}

/** The Markdown files of a workspace and the folders they were found in. */
export interface WorkspaceScan {
  readonly files: readonly ScannedFile[]
  readonly folders: readonly string[]
}

/** Limits that keep opening a large folder (a whole site repository) fast and bounded. */
export interface ScanLimits {
  readonly maxDepth: number
  readonly maxFiles: number
}

/** How deep and how many files the host lists by default (and `check` the folders it counts in). */
export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxDepth: 6, maxFiles: 2000 }

/** Folders never searched for episodes: tool and build output, dependencies, hidden folders. */
const skippedFolders = new Set(['node_modules', '_site', 'vendor', 'dist', 'build'])

/** True when `child` is `root` or inside it (both real, absolute paths). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child)
  return rel === '' || !(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))
}

/**
 * Lists the `.md` files under `root` (a real path), sorted by relative path. Symbolic links are
 * resolved and kept only when they point inside the root; linked folders are not followed, so
 * a link can neither escape the workspace nor loop. With `only`, just that subfolder of the root
 * is searched (a site checkout's `_podcast/`), the paths still relative to the root.
 */
export async function scanWorkspace(root: string, limits: ScanLimits, only?: string): Promise<WorkspaceScan> {
  const files = new Map<string, ScannedFile>()
  const folders: string[] = []

  const walk = async (folder: string, depth: number): Promise<void> => {
    let entries: Dirent[]
    try {
      entries = await readdir(folder, { withFileTypes: true })
    } catch {
      return
    }
    folders.push(folder)
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (files.size >= limits.maxFiles) return
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        if (depth < limits.maxDepth && !entry.name.startsWith('.') && !skippedFolders.has(entry.name)) {
          await walk(path, depth + 1)
        }
      } else if (/\.md$/i.test(entry.name) && !entry.name.startsWith('.')) {
        const real = entry.isSymbolicLink() ? await linkedFile(path) : entry.isFile() ? path : null
        if (real !== null && isInside(root, real) && /\.md$/i.test(real) && !files.has(real)) {
          files.set(real, { path: real, relPath: relative(root, real).split(sep).join('/') })
        }
      }
    }
  }

  await walk(only === undefined ? root : join(root, only), only === undefined ? 0 : 1)
  const sorted = [...files.values()].sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0))
  return { files: sorted, folders }
}

/** The real path of a link to a regular file (not a folder, FIFO or device, which could block a read), or null. */
async function linkedFile(path: string): Promise<string | null> {
  try {
    const real = await realpath(path)
    return (await stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}
