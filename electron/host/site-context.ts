import { readdir, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { SitePerson } from '../../shared/api/contract'
import { personDisplayName, personIdOf } from '../../shared/workspace/people'
import { detectSiteCheckout, type FolderListing, type SiteCheckout } from '../../shared/workspace/site-checkout'
import { fsErrorCode, fsErrorText } from './errors'
import { readRegularFile } from './read-regular-file'
import { decodeFileText } from './text-codec'

/** The names directly inside a folder, or none when it cannot be listed (it is then no checkout). */
async function listFolder(path: string): Promise<FolderListing> {
  try {
    return { path, names: await readdir(path) }
  } catch (error) {
    // A folder that cannot be listed (gone, no permission) holds no checkout parts; nothing to report.
    if (fsErrorCode(error) !== 'ENOENT' && fsErrorCode(error) !== 'EACCES' && fsErrorCode(error) !== 'ENOTDIR') {
      console.error(`${path} could not be listed: ${fsErrorText(error)}`)
    }
    return { path, names: [] }
  }
}

/**
 * The site checkout an opened folder belongs to: the folder itself when it holds `_podcast/`
 * beside `_people/` or `podcast-timestamps/`, or its parent when the folder is that `_podcast/`.
 * Null for any other folder (a plain folder of episodes).
 */
export async function findSiteCheckout(folder: string): Promise<SiteCheckout | null> {
  const opened = await listFolder(folder)
  const parent = basename(folder) === '_podcast' && dirname(folder) !== folder ? await listFolder(dirname(folder)) : null
  return detectSiteCheckout(opened, parent)
}

/** The people of a checkout's `_people/` folder with a `title:`, sorted by id; unreadable person files are left out. */
export async function readSitePeople(checkout: SiteCheckout): Promise<SitePerson[]> {
  if (checkout.people === null) return []
  const folder = join(checkout.root, checkout.people)
  const people: SitePerson[] = []
  for (const fileName of [...(await listFolder(folder)).names].sort()) {
    const id = personIdOf(fileName)
    if (id === null) continue
    const name = await personName(join(folder, fileName))
    if (name !== null) people.push({ id, name })
  }
  return people
}

/** A person file's display name, or null when it has none or cannot be read (said on the console). */
async function personName(path: string): Promise<string | null> {
  try {
    return personDisplayName(decodeFileText(await readRegularFile(path)))
  } catch (error) {
    console.error(`The person file ${path} could not be read: ${fsErrorText(error)}`)
    return null
  }
}

/** The people of a site checkout, read once and kept until a person file may have changed. */
export interface PeopleCache {
  /** The checkout's people, from the cache while its `_people/` folder's time and `forget()` allow. */
  read(checkout: SiteCheckout): Promise<SitePerson[]>
  /** A person file changed (the host's watch said so, even when edited in place): read them again next time. */
  forget(): void
}

/**
 * A cache of `readSitePeople` per checkout, kept while the `_people/` folder's modification time
 * (which changes when a person file is added, removed or renamed) stays the same and nobody
 * calls `forget` (an edit in place leaves the folder's time alone).
 */
export function createPeopleCache(): PeopleCache {
  let cached: { key: string; people: SitePerson[] } | null = null
  return {
    async read(checkout) {
      const folder = checkout.people === null ? null : join(checkout.root, checkout.people)
      const key = folder === null ? '' : `${folder}:${await stat(folder).then((s) => s.mtimeMs, () => -1)}`
      if (cached?.key !== key) cached = { key, people: await readSitePeople(checkout) }
      return cached.people
    },
    forget() {
      cached = null
    },
  }
}
