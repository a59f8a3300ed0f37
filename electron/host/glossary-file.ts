import { mkdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { GlossaryFile } from '../../shared/api/contract'
import { EpisodeSyntaxError } from '../../shared/episode/index'
import { addMisspelling, EMPTY_GLOSSARY, GLOSSARY_PATH, parseGlossary } from '../../shared/workspace/glossary'
import { writeFileAtomic } from './atomic-write'
import { fsErrorCode, fsErrorText, HostError } from './errors'
import { readRegularFile } from './read-regular-file'
import { siteCheckoutOf } from './site-checkout-of'
import { decodeFileText, encodeFileText } from './text-codec'

/**
 * Where the glossary of the opened folder lives: `_data/transcript-glossary.yml` of its site
 * checkout (the folder itself, or the checkout whose `_podcast/` it is); or why there is none.
 */
export async function glossaryPathOf(root: string | null): Promise<{ path: string } | { reason: string }> {
  if (root === null) return { reason: 'Only single files are open. Open the site checkout folder to use the glossary of misheard names.' }
  const checkout = await siteCheckoutOf(root)
  if (!checkout) {
    return {
      reason: `${basename(root)} is not a site checkout (a folder with _podcast/ beside _people/ or podcast-timestamps/), so there is no _data/ folder to keep the glossary in. Open the site checkout folder to use it.`,
    }
  }
  return { path: join(checkout.root, GLOSSARY_PATH) }
}

/** The glossary file's text, or null when it does not exist yet. */
async function readText(path: string): Promise<string | null> {
  try {
    return decodeFileText(await readRegularFile(path))
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return null
    throw new HostError('io', `The glossary ${path} cannot be read: ${fsErrorText(error)}`)
  }
}

/** The glossary of the opened folder as the UI reads it. */
export async function readGlossaryFile(root: string | null): Promise<GlossaryFile> {
  const at = await glossaryPathOf(root)
  if ('reason' in at) return at
  return { path: at.path, text: await readText(at.path) }
}

/**
 * Adds `misspelling` under `term` and writes the file atomically (creating `_data/` and the file
 * on first use); every other line of the file stays as it was. A glossary that does not read is
 * left alone and the error says where.
 */
export async function addGlossaryTerm(root: string | null, term: string, misspelling: string): Promise<GlossaryFile> {
  const at = await glossaryPathOf(root)
  if ('reason' in at) throw new HostError('refused', at.reason)
  const t = term.trim()
  const m = misspelling.trim()
  if (t === m) throw new HostError('invalid-arguments', `"${m}" is already the right spelling; give the misheard form and the correct term.`)
  const before = await readText(at.path)
  let glossary
  try {
    glossary = before === null ? EMPTY_GLOSSARY : parseGlossary(before)
  } catch (error) {
    if (error instanceof EpisodeSyntaxError) throw new HostError('refused', `The glossary ${at.path} does not read (${error.message}); fix it by hand first.`)
    throw error
  }
  const text = addMisspelling(glossary, t, m)
  if (text !== before) {
    await mkdir(dirname(at.path), { recursive: true })
    await writeFileAtomic(at.path, encodeFileText(text), { syncFolder: true })
  }
  return { path: at.path, text }
}
