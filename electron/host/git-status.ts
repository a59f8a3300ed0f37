import { execFile } from 'node:child_process'
import { realpath } from 'node:fs/promises'
import { join } from 'node:path'

/** How a file differs from the last commit of its git repository (as `git status` says). */
export type GitFileState = 'modified' | 'added' | 'untracked'

/** Longest a `git status` may take before the list is shown without it. */
const GIT_TIMEOUT_MS = 3000

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: GIT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout)))
  })
}

function stateOf(code: string): GitFileState | null {
  if (code === '??') return 'untracked'
  if (code[0] === 'A') return 'added'
  return /[MDRCTU]/.test(code) ? 'modified' : null
}

/**
 * The files under `folder` that differ from the last commit, by real path, or null when the
 * folder is not in a git repository or git is not installed (the list then shows no git state).
 * One `git status` for the whole folder, so a site checkout answers in one call.
 */
export async function gitFileStates(folder: string): Promise<Map<string, GitFileState> | null> {
  let top: string
  let out: string
  try {
    top = await realpath((await git(folder, ['rev-parse', '--show-toplevel'])).trim())
    out = await git(folder, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'])
  } catch {
    // Not a repository, no git, or too slow: the episode list works without git's view.
    return null
  }
  const states = new Map<string, GitFileState>()
  const records = out.split('\0')
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!
    if (record.length < 4) continue
    const code = record.slice(0, 2)
    // A rename or copy is followed by its source path, which is skipped.
    if (code[0] === 'R' || code[0] === 'C') i++
    const state = stateOf(code)
    if (state) states.set(join(top, record.slice(3)), state)
  }
  return states
}
