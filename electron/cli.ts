import { realpath } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { createTwoFilesPatch } from 'diff'
import {
  applyOps,
  EditError,
  EpisodeSyntaxError,
  parseEpisode,
  requoteEntry,
  serializeEpisode,
  verifySavedText,
  type Episode,
} from '../shared/episode/index'
import { ReadOnlyFileError, writeFileAtomic } from './host/atomic-write'
import { fsErrorText } from './host/errors'
import { readRegularFile } from './host/read-regular-file'
import { cleanStaleTempFiles } from './host/stale-temp-files'
import { decodeFileText, encodeFileText } from './host/text-codec'
import { checkFile, episodeFilesAt, formatReport, openFailureText } from './cli-check'
import { createWorkspaceLint } from './check-workspace'
import { fixTypographyCommand, FIX_TYPOGRAPHY_USAGE } from './cli-typography'
import { chaptersCommand, ChaptersUsageError, CHAPTERS_USAGE, fixChapterCopies, FIX_CHAPTERS_USAGE } from './cli-chapters'
import { REPLACE_USAGE, runReplace } from './cli-replace'
import { GLOSSARY_USAGE, runGlossary } from './cli-glossary'

const USAGE = `Usage:
  transcript-editor check [--json] [--data-dir DIR] PATH...
                                                    check episode files (or every *.md in a folder): the app's
                                                    problems, counted in the folder's site checkout (with the
                                                    settings kept in DIR, the app's data folder)
  transcript-editor apply --ops OPS.json [--dry-run] FILE
                                                    apply edit operations and save (or print the diff)
  transcript-editor fix --quote-ambiguous FILE...   quote values that some YAML readers misread
${FIX_CHAPTERS_USAGE}
${FIX_TYPOGRAPHY_USAGE}
${CHAPTERS_USAGE}
${REPLACE_USAGE}
${GLOSSARY_USAGE}
  transcript-editor serve [PATH] [--port N] [--host H] [--data-dir DIR]
                                                    run the editor in a browser on PATH (default: here)
  transcript-editor serve EPISODE --media FILE      the same, with FILE remembered as the episode's recording`

class UsageError extends Error {}

/** Runs the command line; resolves to the exit code (0 ok, 1 problems or refused, 2 usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'check':
        return await check(rest)
      case 'apply':
        return await apply(rest)
      case 'fix':
        if (rest.includes('--clips')) return await fixChapterCopies(rest)
        if (rest.includes('--typography')) return await fixTypographyCommand(rest)
        return await fix(rest)
      case 'chapters':
        return await chaptersCommand(rest)
      case 'replace':
        return await runReplace(rest)
      case 'glossary':
        return await runGlossary(rest)
      case 'serve': {
        const { runServe } = await import('./server/serve')
        await runServe([...rest], { openCurrentFolder: true })
        return 0
      }
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        console.log(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command "${command}".`)
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ChaptersUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`)
      return 2
    }
    // Whatever else went wrong is said in one plain line; a stack trace helps no user.
    console.error(`transcript-editor: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } } })
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder.')
  const lint = createWorkspaceLint(values['data-dir'])
  let failed = 0
  for (const path of positionals) {
    const files = await episodeFilesAt(path)
    if (files.length === 0) {
      // Checking nothing must not read as every episode being fine.
      console.error(`${path}: no episode files (*.md) in it`)
      failed++
    }
    for (const file of files) {
      const report = await checkFile(file, lint)
      if (!report.ok) failed++
      console.log(values.json ? JSON.stringify(report) : formatReport(report))
    }
  }
  return failed > 0 ? 1 : 0
}

/** Reads and parses an episode, printing a located error (and returning null) if it is not one. */
async function openEpisode(file: string): Promise<{ text: string; doc: Episode } | null> {
  let text: string
  try {
    text = decodeFileText(await readRegularFile(file))
  } catch (error) {
    console.error(`${file}: ${openFailureText(error)}`)
    return null
  }
  // A save of this file that crashed earlier may have left its temp file beside it.
  const real = await realpath(file)
  await cleanStaleTempFiles(dirname(real), { forName: basename(real) })
  try {
    return { text, doc: parseEpisode(text) }
  } catch (error) {
    if (!(error instanceof Error)) throw error
    console.error(`${file}: ${error.message}`)
    return null
  }
}

/** Saves `text` over `file` (through a link, keeping owner and mode); prints why not and returns false when refused. */
async function writeEpisode(file: string, text: string): Promise<boolean> {
  try {
    await writeFileAtomic(file, encodeFileText(text))
    return true
  } catch (error) {
    if (error instanceof ReadOnlyFileError) console.error(error.message)
    else console.error(`${file}: not saved: ${fsErrorText(error)}`)
    return false
  }
}

/** A save refused by the final check: the text would not read back as the edited episode. */
class SaveCheckError extends Error {}

/** Serializes and checks that the text reads back as the whole edited episode; never returns a broken file. */
function verifiedText(doc: Episode): string {
  const text = serializeEpisode(doc)
  const problem = verifySavedText(text, doc)
  if (problem) throw new SaveCheckError(problem)
  return text
}

async function apply(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ops: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  })
  if (!values.ops || positionals.length !== 1) throw new UsageError('apply needs --ops OPS.json and exactly one FILE.')
  const file = positionals[0]!
  const opened = await openEpisode(file)
  if (!opened) return 1
  let opsText: string
  try {
    opsText = decodeFileText(await readRegularFile(values.ops))
  } catch (error) {
    console.error(`${values.ops}: ${openFailureText(error)}`)
    return 1
  }
  let ops: unknown
  try {
    ops = JSON.parse(opsText)
  } catch (error) {
    console.error(`${values.ops}: not a JSON list of ops: ${(error as Error).message}`)
    return 1
  }
  let text: string
  try {
    text = verifiedText(applyOps(opened.doc, ops))
  } catch (error) {
    if (error instanceof SaveCheckError) {
      console.error(`${file}: ${error.message}`)
      return 1
    }
    if (!(error instanceof EditError) && !(error instanceof EpisodeSyntaxError)) throw error
    console.error(`${file}: ${error.message}; the file was not changed.`)
    return 1
  }
  if (values['dry-run']) {
    process.stdout.write(createTwoFilesPatch(file, file, opened.text, text, '', '', { context: 3 }))
  } else if (text !== opened.text) {
    if (!(await writeEpisode(file, text))) return 1
  }
  return 0
}

async function fix(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'quote-ambiguous': { type: 'boolean' } } })
  if (!values['quote-ambiguous'] || positionals.length === 0) throw new UsageError('fix needs --quote-ambiguous and at least one FILE.')
  let failed = 0
  for (const file of positionals) {
    const opened = await openEpisode(file)
    if (!opened) {
      failed++
      continue
    }
    let doc = opened.doc
    let count = 0
    doc.entries.forEach((entry, i) => {
      if (entry.source && entry.source.ambiguous.length > 0) {
        doc = requoteEntry(doc, i)
        count++
      }
    })
    if (count > 0) {
      let text: string
      try {
        text = verifiedText(doc)
      } catch (error) {
        if (!(error instanceof SaveCheckError)) throw error
        console.error(`${file}: ${error.message}`)
        failed++
        continue
      }
      if (!(await writeEpisode(file, text))) {
        failed++
        continue
      }
    }
    console.log(`${file}: quoted values in ${count} ${count === 1 ? 'entry' : 'entries'}`)
  }
  return failed > 0 ? 1 : 0
}
