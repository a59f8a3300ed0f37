import { watch, type FSWatcher } from 'node:fs'
import { join } from 'node:path'

/** Options of `createFolderWatcher`. */
export interface FolderWatcherOptions {
  /** Quiet time after the last event of a path before it is reported (editors write in bursts). */
  readonly debounceMs: number
  /** Called once per burst with the absolute path that changed (created, written, renamed or deleted). */
  readonly onChange: (path: string) => void
  /** Called when a folder reports a change without naming the file. */
  readonly onFolderChange: (folder: string) => void
}

/** Watches a set of folders (not recursively) and reports changed paths, debounced per path. */
export interface FolderWatcher {
  /** Watches exactly these folders from now on (starting and stopping watchers as needed). */
  setFolders(folders: Iterable<string>): void
  close(): void
}

/**
 * Creates a folder watcher. Folders are watched rather than files because other editors save
 * by writing a new file and renaming it over the old one, which silently ends a watch on the
 * old file; a folder watch sees the rename and keeps working.
 */
export function createFolderWatcher(options: FolderWatcherOptions): FolderWatcher {
  const watchers = new Map<string, FSWatcher>()
  const timers = new Map<string, NodeJS.Timeout>()

  const schedule = (key: string, report: () => void) => {
    clearTimeout(timers.get(key))
    const timer = setTimeout(() => {
      timers.delete(key)
      report()
    }, options.debounceMs)
    timer.unref?.()
    timers.set(key, timer)
  }

  const start = (folder: string) => {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name) {
          const path = join(folder, name.toString())
          schedule(path, () => options.onChange(path))
        } else {
          schedule(`${folder}\0`, () => options.onFolderChange(folder))
        }
      })
      // A watched folder that disappears ends its watcher; the next listing decides what to watch.
      watcher.on('error', () => stop(folder))
      watchers.set(folder, watcher)
    } catch {
      // Unwatchable (removed, no permission, out of inotify watches): changes are still caught at save time.
    }
  }

  const stop = (folder: string) => {
    watchers.get(folder)?.close()
    watchers.delete(folder)
  }

  return {
    setFolders(folders) {
      const wanted = new Set(folders)
      for (const folder of [...watchers.keys()]) if (!wanted.has(folder)) stop(folder)
      for (const folder of wanted) if (!watchers.has(folder)) start(folder)
    },
    close() {
      for (const folder of [...watchers.keys()]) stop(folder)
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    },
  }
}
