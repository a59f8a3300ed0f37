import { readdir, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { detectSiteCheckout, type SiteCheckout } from '../../shared/workspace/site-checkout'

/**
 * The site checkout a folder is, or whose `_podcast/` it is (`detectSiteCheckout` over the
 * folder's and its parent's listings), with its podcast folder's path; null for a plain folder,
 * a file, or a folder that cannot be listed.
 */
export async function siteCheckoutOf(folder: string): Promise<(SiteCheckout & { readonly podcastPath: string }) | null> {
  try {
    if (!(await stat(folder)).isDirectory()) return null
    const parentPath = dirname(folder)
    const parent = parentPath === folder ? null : { path: parentPath, names: await readdir(parentPath).catch(() => []) }
    const checkout = detectSiteCheckout({ path: folder, names: await readdir(folder) }, parent)
    return checkout ? { ...checkout, podcastPath: join(checkout.root, checkout.podcast) } : null
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') return null
    throw error
  }
}
