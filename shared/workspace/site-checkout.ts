/** The names directly inside one folder (files and subfolders), as the host lists them. */
export interface FolderListing {
  readonly path: string
  readonly names: readonly string[]
}

/**
 * Where a site checkout's parts are, as names relative to `root`. A part the checkout lacks
 * is null; the host joins the names to `root` with its own path rules.
 */
export interface SiteCheckout {
  readonly root: string
  /** The episodes' folder. */
  readonly podcast: '_podcast'
  /** Person files (`<id>.md`, whose `title:` is the display name). */
  readonly people: '_people' | null
  /** Chapter lists, one `.txt` per episode. */
  readonly timestamps: 'podcast-timestamps' | null
  /** The site's data folder, where the glossary lives. */
  readonly data: '_data' | null
}

const SITE_PARTS = ['_people', 'podcast-timestamps'] as const

/**
 * Recognises a site checkout from folder listings, without touching the disk: the opened
 * folder holds `_podcast/` and `_people/` or `podcast-timestamps/`; or the opened folder is
 * `_podcast/` itself and its parent (listed in `parent`) holds them. Anything else (a plain
 * folder of episodes) is not a checkout: null.
 */
export function detectSiteCheckout(opened: FolderListing, parent: FolderListing | null): SiteCheckout | null {
  const at = (listing: FolderListing): SiteCheckout | null => {
    const names = new Set(listing.names)
    if (!names.has('_podcast') || !SITE_PARTS.some((p) => names.has(p))) return null
    return {
      root: listing.path,
      podcast: '_podcast',
      people: names.has('_people') ? '_people' : null,
      timestamps: names.has('podcast-timestamps') ? 'podcast-timestamps' : null,
      data: names.has('_data') ? '_data' : null,
    }
  }
  const here = at(opened)
  if (here) return here
  if (parent && lastSegment(opened.path) === '_podcast') return at(parent)
  return null
}

function lastSegment(path: string): string {
  const parts = path.split(/[\\/]+/).filter(Boolean)
  return parts[parts.length - 1] ?? ''
}
