import { homedir } from 'node:os'
import { join } from 'node:path'

/** Where browser mode keeps drafts and recent items when no `--data-dir` is given. */
export function defaultDataDir(): string {
  return join(homedir(), '.transcript-editor')
}
