import { execFile } from 'node:child_process'
import { realpath, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { createFolderWatcher } from './folder-watcher'

/** How a file differs from the last commit of its git repository (as `git status` says). */
export type GitFileState = 'modified' | 'added' | 'untracked'

/** Longest a `git status` may take before the list is shown without it. */
const GIT_TIMEOUT_MS = 3000

/** Runs git in `cwd`; `onRun` (a test hook) hears of every run. */
function git(cwd: string, args: readonly string[], onRun?: (args: readonly string[]) => void): Promise<string> {
  onRun?.(args)
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)))
  })
}

function stateOf(code: string): GitFileState | null {
  if (code === '??') return 'untracked'
  if (code[0] === 'A') return 'added'
  return /[MDRCTU]/.test(code) ? 'modified' : null
}

/** What `git status` said of each file, by real path (see `gitFileStates`). */
export type GitFileStates = Map<string, GitFileState>

/** Where a folder's repository is: its top and its git folder (per worktree), or null outside one. */
interface Repository {
  readonly top: string
  readonly gitDir: string
}

async function repositoryOf(folder: string, onRun?: (args: readonly string[]) => void): Promise<Repository | null> {
  try {
    const [top, gitDir] = (await git(folder, ['rev-parse', '--show-toplevel', '--absolute-git-dir'], onRun)).split('\n')
    if (!top || !gitDir) return null
    return { top: await realpath(top.trim()), gitDir: gitDir.trim() }
  } catch {
    // Not a repository, or no git: the episode list works without git's view.
    return null
  }
}

/** One `git status` of `folder` in `repo`, or null when it failed (too slow, say). */
async function statusOf(folder: string, repo: Repository, onRun?: (args: readonly string[]) => void): Promise<GitFileStates | null> {
  let out: string
  try {
    // Without optional locks git does not write its index while the user may be running git too.
    out = await git(folder, ['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'], onRun)
  } catch {
    return null
  }
  const states: GitFileStates = new Map()
  const records = out.split('\0')
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    if (record.length < 4) continue
    const code = record.slice(0, 2)
    // A rename or copy is followed by its source path, which is skipped.
    if (code[0] === 'R' || code[0] === 'C') i++
    const state = stateOf(code)
    if (state) states.set(join(repo.top, record.slice(3)), state)
  }
  return states
}

/**
 * The files under `folder` that differ from the last commit, by real path, or null when the
 * folder is not in a git repository or git is not installed (the list then shows no git state).
 * One `git status` for the whole folder, so a site checkout answers in one call.
 */
export async function gitFileStates(folder: string, onRun?: (args: readonly string[]) => void): Promise<GitFileStates | null> {
  const repo = await repositoryOf(folder, onRun)
  return repo === null ? null : statusOf(folder, repo, onRun)
}

/** `gitFileStates` of one folder, kept until something may have changed what it says. */
export interface GitStatusCache {
  /** The states of `folder`: git is run only when the folder, a change in it or git's own records (index, HEAD) changed since the last run. */
  states(folder: string): Promise<GitFileStates | null>
  /** A file under the folder changed (a watch event, our own save): run `git status` again next time. */
  invalidate(): void
  /** Stops watching git's records. */
  close(): void
}

/** Options of `createGitStatusCache`. */
export interface GitStatusCacheOptions {
  /** Test hook: hears of every run of git (its arguments). */
  readonly onRun?: (args: readonly string[]) => void
  /**
   * Called when git's records changed since the last answer (a commit, `git add`, a checkout, a
   * reset or a stash made outside the editor): what `states` says may have changed though no
   * episode did. Without it git's records are not watched.
   */
  readonly onRecordsChange?: () => void
  /** Quiet time after the last write of git's records before they are compared (git writes a few files per command). */
  readonly debounceMs?: number
}

/** The names in the git folder (and in its `logs/`) whose change may change what `git status` says. */
const RECORD_NAMES = new Set(['index', 'HEAD'])

/**
 * Creates a `GitStatusCache`. Once a repository is found, its git folder (the worktree's own, so a
 * linked worktree whose `.git` is a file is followed too) and that folder's `logs/` are watched,
 * not recursively, for `index`, `HEAD` and `logs/HEAD`: a commit, `git add`, a checkout, a reset or
 * a stash writes one of them. When their stamps differ from those of the last answer,
 * `onRecordsChange` is called, so the list is asked for again; git itself is run only then.
 */
export function createGitStatusCache(options: GitStatusCacheOptions = {}): GitStatusCache {
  const { onRun } = options
  let repo: { folder: string; repo: Promise<Repository | null>; none?: boolean } | null = null
  let cached: { folder: string; key: string; states: GitFileStates | null } | null = null
  /** The git folder and the stamps of its records at the last answer, compared when they are written. */
  let answered: { gitDir: string; key: string } | null = null
  let generation = 0
  /** The run under way, shared by requests made while it runs with nothing changed meanwhile. */
  let running: { folder: string; generation: number; states: Promise<GitFileStates | null> } | null = null
  const records = options.onRecordsChange ? watchRecords(options.onRecordsChange, options.debounceMs ?? 150, () => answered) : null
  /** The states of `folder` from the cache when git's records are as they were, else from one `git status`. */
  const answer = async (folder: string, found: Repository, started: number): Promise<GitFileStates | null> => {
    const key = await recordsKey(found.gitDir)
    answered = { gitDir: found.gitDir, key }
    if (cached?.folder === folder && cached.key === key) return cached.states
    const states = await statusOf(folder, found, onRun)
    // A change during the run may be missing from it: keep it only when nothing was reported meanwhile.
    if (generation === started && states !== null) cached = { folder, key, states }
    return states
  }
  return {
    async states(folder) {
      if (repo?.folder !== folder) repo = { folder, repo: repositoryOf(folder, onRun) }
      const asked = repo
      const found = await asked.repo
      if (found === null) {
        // Asked again after the next change: the folder may become a repository (git init, a clone).
        asked.none = true
        return null
      }
      records?.watch(found.gitDir)
      if (running?.folder === folder && running.generation === generation) return running.states
      const started = generation
      const run = { folder, generation, states: answer(folder, found, started) }
      running = run
      try {
        return await run.states
      } finally {
        if (running === run) running = null
      }
    },
    invalidate() {
      generation++
      cached = null
      if (repo?.none) repo = null
    },
    close() {
      records?.close()
    },
  }
}

/** Watches one git folder's records at a time (see `createGitStatusCache`). */
function watchRecords(onChange: () => void, debounceMs: number, answered: () => { gitDir: string; key: string } | null) {
  let gitDir: string | null = null
  let timer: NodeJS.Timeout | undefined
  const folders = () => (gitDir === null ? [] : [gitDir, join(gitDir, 'logs')])
  const compare = async () => {
    const last = answered()
    // Started again, as `logs/` may have been made since (a repository's first commit makes it).
    watcher.setFolders(folders())
    if (last !== null && last.gitDir === gitDir && (await recordsKey(last.gitDir)) !== last.key) onChange()
  }
  const written = (path: string) => {
    if (!RECORD_NAMES.has(basename(path)) && basename(path) !== 'logs') return
    clearTimeout(timer)
    timer = setTimeout(() => void compare(), debounceMs)
    timer.unref?.()
  }
  const watcher = createFolderWatcher({ debounceMs, onChange: written, onFolderChange: (folder) => written(join(folder, 'HEAD')) })
  return {
    /** Watches `dir`'s records from now on (and no other's). */
    watch(dir: string) {
      if (dir === gitDir) return
      gitDir = dir
      watcher.setFolders(folders())
    },
    close() {
      clearTimeout(timer)
      watcher.close()
    },
  }
}

/** Stamps of git's records that a commit, an add, a checkout or a reset change (the index, HEAD and its log). */
async function recordsKey(gitDir: string): Promise<string> {
  const stamps = await Promise.all(
    ['index', 'HEAD', join('logs', 'HEAD')].map((name) =>
      stat(join(gitDir, name)).then(
        (s) => `${s.mtimeMs}:${s.size}:${s.ino}`,
        () => '-',
      ),
    ),
  )
  return stamps.join('|')
}
