import { stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { GLOSSARY_PATH, parseGlossary, type Glossary } from '../shared/workspace/glossary'
import { glossaryHitsInWorkspace } from '../shared/workspace/glossary-lint'
import { indexWorkspace } from '../shared/workspace/workspace-index'
import { readRegularFile } from './host/read-regular-file'
import { siteCheckoutOf } from './host/site-checkout-of'
import { expandPaths } from './cli-check'
import { decodeFileText } from './host/text-codec'

/** The `glossary` line of the command line's usage text. */
export const GLOSSARY_USAGE = `  transcript-editor glossary [--glossary FILE] PATH...
                                                    list known misspellings (from the checkout's
                                                    ${GLOSSARY_PATH}) in lines and headers`

/**
 * `transcript-editor glossary`: lists every known misspelling of the glossary in the lines
 * and headers of episode files, one line per hit with its entry and the corrected word.
 * The glossary is `--glossary FILE`, else the one of the site checkout the first path is in.
 * Resolves to the exit code: 0 no hit, 1 hits (or a file that cannot be read), 2 usage error.
 */
export async function runGlossary(args: readonly string[]): Promise<number> {
  let values: { glossary?: string | undefined }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { glossary: { type: 'string' } } }))
  } catch (error) {
    return usage((error as Error).message)
  }
  if (positionals.length === 0) return usage('glossary needs at least one episode file or folder.')
  const glossaryFile = values.glossary ?? (await checkoutGlossary(positionals[0]!))
  if (glossaryFile === null) return usage(`No glossary found: ${positionals[0]} is not in a site checkout; name the file with --glossary FILE.`)
  let glossary: Glossary
  try {
    glossary = parseGlossary(decodeFileText(await readRegularFile(glossaryFile)))
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ENOENT'
    console.error(`${glossaryFile}: ${missing ? 'there is no glossary file here yet' : (error as Error).message}`)
    return 1
  }
  const files = await expandPaths(positionals)
  const sources: { id: string; text: string }[] = []
  let unreadable = 0
  for (const file of files) {
    try {
      sources.push({ id: file, text: decodeFileText(await readRegularFile(file)) })
    } catch (error) {
      unreadable++
      console.error(`${file}: cannot read: ${(error as Error).message}`)
    }
  }
  let hits = 0
  for (const { id, hits: found } of glossaryHitsInWorkspace(indexWorkspace(sources), glossary)) {
    for (const h of found) {
      hits++
      console.log(`${id}: entry ${h.entry} ${h.field}: "${h.match}" → "${h.term}": ${h.before}[${h.match}]${h.after}`)
    }
  }
  console.error(`${hits} known ${hits === 1 ? 'misspelling' : 'misspellings'} in ${files.length} ${files.length === 1 ? 'file' : 'files'} (glossary: ${glossaryFile}).`)
  return hits > 0 || unreadable > 0 ? 1 : 0
}

/** The checkout a folder is (or whose `_podcast/` it is), with its podcast folder's path. */
async function checkoutOf(path: string): Promise<{ root: string; podcast: string } | null> {
  const checkout = await siteCheckoutOf(path)
  return checkout ? { root: checkout.root, podcast: checkout.podcastPath } : null
}

/** The glossary file of the checkout `path` is in (a file's folder counts), or null. */
async function checkoutGlossary(path: string): Promise<string | null> {
  const folder = (await stat(path)).isDirectory() ? path : dirname(path)
  const checkout = await checkoutOf(folder)
  return checkout ? join(checkout.root, GLOSSARY_PATH) : null
}

function usage(message: string): number {
  console.error(`${message}\n\nUsage:\n${GLOSSARY_USAGE}`)
  return 2
}
