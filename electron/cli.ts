import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createTwoFilesPatch } from 'diff'
import { isDeepStrictEqual } from 'node:util'
import {
  applyOps,
  EditError,
  EpisodeSyntaxError,
  parseEpisode,
  requoteEntry,
  serializeEpisode,
  transcriptToJson,
  type Episode,
} from '../shared/episode/index'
import { writeFileAtomic } from './host/atomic-write'
import { decodeFileText, encodeFileText } from './host/text-codec'
import { checkFile, expandPaths, formatReport } from './cli-check'

const USAGE = `Usage:
  transcript-editor check [--json] PATH...          check episode files (or every *.md in a folder)
  transcript-editor apply --ops OPS.json [--dry-run] FILE
                                                    apply edit operations and save (or print the diff)
  transcript-editor fix --quote-ambiguous FILE...   quote values that some YAML readers misread
  transcript-editor serve [PATH] [--port N] [--host H] [--data-dir DIR]
                                                    run the editor in a browser
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
        return await fix(rest)
      case 'serve': {
        const { runServe } = await import('./server/serve')
        await runServe([...rest])
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
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`)
      return 2
    }
    throw error
  }
}

async function check(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } })
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder.')
  let failed = 0
  for (const file of await expandPaths(positionals)) {
    const report = await checkFile(file)
    if (!report.ok) failed++
    console.log(values.json ? JSON.stringify(report) : formatReport(report))
  }
  return failed > 0 ? 1 : 0
}

/** Reads and parses an episode, printing a located error (and returning null) if it is not one. */
async function openEpisode(file: string): Promise<{ text: string; doc: Episode } | null> {
  try {
    const text = decodeFileText(await readFile(file))
    return { text, doc: parseEpisode(text) }
  } catch (error) {
    if (!(error instanceof Error)) throw error
    console.error(`${file}: ${error.message}`)
    return null
  }
}

/** Serializes and checks that the text re-parses to the same transcript; never returns a broken file. */
function verifiedText(doc: Episode): string {
  const text = serializeEpisode(doc)
  if (!isDeepStrictEqual(transcriptToJson(parseEpisode(text)), transcriptToJson(doc))) {
    throw new Error('The saved text would not read back as the edited transcript; nothing was written.')
  }
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
  let ops: unknown
  try {
    ops = JSON.parse(await readFile(values.ops, 'utf8'))
  } catch (error) {
    console.error(`${values.ops}: not a JSON list of ops: ${(error as Error).message}`)
    return 1
  }
  let text: string
  try {
    text = verifiedText(applyOps(opened.doc, ops))
  } catch (error) {
    if (!(error instanceof EditError) && !(error instanceof EpisodeSyntaxError)) throw error
    console.error(`${file}: ${error.message}; the file was not changed.`)
    return 1
  }
  if (values['dry-run']) {
    process.stdout.write(createTwoFilesPatch(file, file, opened.text, text, '', '', { context: 3 }))
  } else if (text !== opened.text) {
    await writeFileAtomic(file, encodeFileText(text))
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
    if (count > 0) await writeFileAtomic(file, encodeFileText(verifiedText(doc)))
    console.log(`${file}: quoted values in ${count} ${count === 1 ? 'entry' : 'entries'}`)
  }
  return failed > 0 ? 1 : 0
}
