import { parseArgs } from 'node:util'
import { createTwoFilesPatch } from 'diff'
import { parseEpisode, serializeEpisode, verifySavedText } from '../shared/episode/index'
import { compileQuery, QueryError, SEARCH_SCOPES, type CompiledQuery, type SearchScope } from '../shared/workspace/find-query'
import { replaceInEpisode } from '../shared/workspace/find-replace'
import { readRegularFile } from './host/read-regular-file'
import { expandPaths } from './cli-check'
import { writeFileAtomic } from './host/atomic-write'
import { decodeFileText, encodeFileText } from './host/text-codec'

/** The `replace` line of the command line's usage text. */
export const REPLACE_USAGE = `  transcript-editor replace --find TEXT --replace TEXT [--regex] [--ignore-case] [--whole-word]
                            [--in lines,headers,speakers] [--dry-run] PATH...
                                                    find and replace in episode files (every *.md in a folder;
                                                    a site checkout's episodes in its _podcast/)`

/** What one file's replacement did. */
export type FileOutcome =
  | { readonly file: string; readonly entries: number; readonly matches: number; readonly before: string; readonly after: string }
  | { readonly file: string; readonly error: string }

/**
 * `transcript-editor replace`: replaces text in the lines (or headers, speakers) of episode
 * files. Plain and case-sensitive unless told otherwise. Only entries with a match are
 * rewritten; each file is checked to read back as the edited transcript, then written
 * atomically. `--dry-run` prints the unified diff and writes nothing. Resolves to the exit
 * code: 0 done, 1 some file could not be opened or saved, 2 usage error.
 */
export async function runReplace(args: readonly string[]): Promise<number> {
  let compiled: CompiledQuery
  let paths: string[]
  let dryRun: boolean
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        find: { type: 'string' },
        replace: { type: 'string' },
        regex: { type: 'boolean' },
        'ignore-case': { type: 'boolean' },
        'whole-word': { type: 'boolean' },
        in: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    })
    if (values.find === undefined || values.replace === undefined || positionals.length === 0) {
      return usage('replace needs --find TEXT, --replace TEXT (it may be empty) and at least one file or folder.')
    }
    compiled = compileQuery({
      find: values.find,
      replace: values.replace,
      regex: values.regex ?? false,
      matchCase: !values['ignore-case'],
      wholeWord: values['whole-word'] ?? false,
      in: parseScopes(values.in ?? 'lines'),
    })
    paths = positionals
    dryRun = values['dry-run'] ?? false
  } catch (error) {
    if (error instanceof QueryError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usage((error as Error).message)
    throw error
  }

  let files: string[]
  try {
    files = await expandPaths(paths)
  } catch (error) {
    console.error(`Cannot read ${(error as { path?: string }).path ?? 'a path'}: ${(error as Error).message}`)
    return 1
  }
  let failed = 0
  let changedFiles = 0
  let changedEntries = 0
  for (const file of files) {
    const outcome = await replaceInFile(file, compiled)
    if ('error' in outcome) {
      failed++
      console.error(`${file}: ${outcome.error}; the file was not changed.`)
      continue
    }
    if (outcome.entries > 0) {
      changedFiles++
      changedEntries += outcome.entries
    }
    if (dryRun) {
      if (outcome.entries > 0) process.stdout.write(createTwoFilesPatch(file, file, outcome.before, outcome.after, '', '', { context: 3 }))
      continue
    }
    if (outcome.after !== outcome.before) {
      try {
        await writeFileAtomic(file, encodeFileText(outcome.after))
      } catch (error) {
        failed++
        console.error(`${file}: cannot save: ${(error as Error).message}; the file was not changed.`)
        continue
      }
    }
    console.log(`${file}: ${describe(outcome.entries, outcome.matches)}`)
  }
  const summary = `${dryRun ? 'Would change' : 'Changed'} ${plural(changedEntries, 'entry', 'entries')} in ${changedFiles} of ${plural(files.length, 'file', 'files')}.`
  ;(dryRun ? console.error : console.log)(summary)
  return failed > 0 ? 1 : 0
}

/**
 * Reads one episode and computes its text after the replacement, checked to read back as the
 * edited transcript (the same gate as every save), without writing anything.
 */
export async function replaceInFile(file: string, compiled: CompiledQuery): Promise<FileOutcome> {
  let before: string
  try {
    before = decodeFileText(await readRegularFile(file))
  } catch (error) {
    return { file, error: `cannot read: ${(error as Error).message}` }
  }
  let doc
  try {
    doc = parseEpisode(before)
  } catch (error) {
    return { file, error: (error as Error).message }
  }
  const result = replaceInEpisode(doc, compiled)
  if (result.entries.length === 0) return { file, entries: 0, matches: result.replaced, before, after: before }
  const after = serializeEpisode(result.doc)
  const problem = verifySavedText(after, result.doc)
  if (problem !== null) return { file, error: problem }
  return { file, entries: result.entries.length, matches: result.replaced, before, after }
}

function parseScopes(list: string): SearchScope[] {
  const scopes = list.split(',').map((s) => s.trim()).filter(Boolean)
  for (const s of scopes) {
    if (!(SEARCH_SCOPES as readonly string[]).includes(s)) throw new QueryError(`--in takes lines, headers and speakers separated by commas, not "${s}".`)
  }
  return scopes as SearchScope[]
}

function usage(message: string): number {
  console.error(`${message}\n\nUsage:\n${REPLACE_USAGE}`)
  return 2
}

function describe(entries: number, matches: number): string {
  if (matches === 0) return 'no match'
  return `${plural(entries, 'entry', 'entries')} changed (${plural(matches, 'match', 'matches')})`
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
