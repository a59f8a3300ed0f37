import { realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import type { HostApi, Workspace } from '../../shared/api/contract'
import { fsErrorCode, HostError } from '../host/errors'
import { isInside } from '../host/workspace-scan'

/** What `confineOpenPath` needs of the host: open a path, and the recent items it recorded. */
export type OpenPathHost = Pick<Required<HostApi>, 'openPath' | 'listRecent'>

/**
 * Browser mode's `openPath`: the page has no native dialog, so whatever it names must be inside
 * one of `roots` (the folder or file `serve` was given, or the folder it ran in) or be an item of
 * the recent list the host recorded. Anything else is refused in plain words, so a page (or a
 * script holding the token) cannot list or read the rest of the disk.
 */
export function confineOpenPath(host: OpenPathHost, roots: readonly string[]): (path: string) => Promise<Workspace> {
  const realRoots = Promise.all(roots.map((root) => realOrResolved(root)))
  return async (input) => {
    const expanded = input.trim().replace(/^~(?=$|[\\/])/, homedir())
    if (!isAbsolute(expanded)) return host.openPath(input)
    const real = await realOrResolved(expanded)
    const allowed = (await realRoots).some((root) => isInside(root, real))
    const recent = allowed || (await host.listRecent()).some((item) => item.path === real)
    if (!allowed && !recent) {
      const given = (await realRoots).join(', ') || 'nothing'
      throw new HostError(
        'refused',
        `In browser mode only what transcript-editor serve was given (${given}) and recent items can be opened; run serve with ${expanded} to edit it.`,
      )
    }
    return host.openPath(input)
  }
}

/** The real path, or the resolved path of something that does not exist (it cannot be a link out). */
async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(resolve(path))
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT' || fsErrorCode(error) === 'ENOTDIR') return resolve(path)
    throw error
  }
}
