import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import { createTwoFilesPatch } from 'diff'
import { formatChapterList, type Chapter, type ChapterListFormat, type ChapterListParse } from '../shared/chapters/chapter-list'
import { syncChapterCopies } from '../shared/chapters/chapter-copies'
import { chapterListFileName } from '../shared/chapters/find-chapter-list'
import { expectedClips } from '../shared/chapters/clips'
import { placeChapters, type SectionChange } from '../shared/chapters/place-chapters'
import { sectionsAsChapters } from '../shared/chapters/sections'
import { EditError, formatTime, metadataValue, parseEpisode, serializeEpisode, verifySavedText, type Episode } from '../shared/episode/index'
import { yamlToJson } from '../shared/episode/yaml-value'
import { readRegularFile } from './host/read-regular-file'
import { locateChapterList, readChapterList, siteListFolder } from './chapter-list-files'
import { writeFileAtomic } from './host/atomic-write'
import { decodeFileText, encodeFileText } from './host/text-codec'

/** Usage lines of the `chapters` command, for the command line's help. */
export const CHAPTERS_USAGE = `  transcript-editor chapters import FILE [--from LIST.txt] [--dry-run]
                                                    replace the sections by a chapter list (by default the
                                                    episode's list in the site checkout's podcast-timestamps/)
  transcript-editor chapters export FILE [--format site|youtube] [--write]
                                                    print the sections as a chapter list (--write: save
                                                    it to the episode's podcast-timestamps/ file)`

/** Usage lines of the `fix` options for the sections' copies and typography. */
export const FIX_CHAPTERS_USAGE = `  transcript-editor fix --clips [--add-missing] FILE...
                                                    rewrite quotableClips and duration from the sections`

/** A command-line mistake: the caller prints it with the usage and exits 2. */
export class ChaptersUsageError extends Error {}

/** Runs `chapters import|export`; resolves to the exit code (0 ok, 1 refused or failed). */
export async function chaptersCommand(args: readonly string[]): Promise<number> {
  const [sub, ...rest] = args
  switch (sub) {
    case 'import':
      return importChapters(rest)
    case 'export':
      return exportChapters(rest)
    default:
      throw new ChaptersUsageError(sub === undefined ? 'chapters needs import or export.' : `Unknown chapters command "${sub}".`)
  }
}

/** Reads and parses an episode, printing a located error (and returning null) if it is not one. */
async function openEpisode(file: string): Promise<Episode | null> {
  try {
    return parseEpisode(decodeFileText(await readRegularFile(file)))
  } catch (error) {
    if (!(error instanceof Error)) throw error
    console.error(`${file}: ${error.message}`)
    return null
  }
}

/** The chapter list given with --from, or the episode's own; null (after saying why) when there is none. */
async function listFor(file: string, doc: Episode, from: string | undefined): Promise<{ path: string; list: ChapterListParse } | null> {
  if (from !== undefined) return { path: from, list: await readChapterList(from) }
  const located = await locateChapterList(file, doc)
  if (located.ok) return located
  console.error(`${file}: ${located.reason}; give the list with --from LIST.txt. The file was not changed.`)
  return null
}

async function importChapters(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { from: { type: 'string' }, 'dry-run': { type: 'boolean' } } })
  if (positionals.length !== 1) throw new ChaptersUsageError('chapters import needs exactly one FILE.')
  const file = positionals[0]!
  const doc = await openEpisode(file)
  if (!doc) return 1
  const found = await listFor(file, doc, values.from)
  if (!found) return 1
  if (found.list.errors.length > 0) {
    for (const e of found.list.errors) console.error(`${found.path}:${e.line}: ${e.reason}: ${e.text}`)
    console.error(`${file}: the chapter list has lines that are not chapters; fix them first. The file was not changed.`)
    return 1
  }
  if (found.list.chapters.length === 0) {
    console.error(`${file}: ${found.path} holds no chapters; importing it would remove every section. The file was not changed.`)
    return 1
  }
  let placed
  try {
    placed = placeChapters(doc, found.list.chapters)
  } catch (error) {
    if (!(error instanceof EditError)) throw error
    console.error(`${file}: ${error.message}. The file was not changed.`)
    return 1
  }
  const text = serializeEpisode(placed.doc)
  const refusal = verifySavedText(text, placed.doc)
  if (refusal) {
    console.error(`${file}: ${refusal}`)
    return 1
  }
  const summary = `${file}: ${summarize(placed.changes)} (from ${found.path})`
  if (values['dry-run']) {
    console.error(summary)
    process.stdout.write(createTwoFilesPatch(file, file, doc.source, text, '', '', { context: 3 }))
    return 0
  }
  if (text !== doc.source) await writeFileAtomic(file, encodeFileText(text))
  console.log(summary)
  for (const c of placed.changes) if (c.kind !== 'kept') console.log(`  ${describe(c)}`)
  return 0
}

/** Counts of each kind of section change, most telling first: `2 added, 1 renamed, 24 kept`. */
function summarize(changes: readonly SectionChange[]): string {
  const kinds = ['added', 'removed', 'renamed', 'moved', 'kept'] as const
  const parts = kinds.map((k) => [k, changes.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0)
  const text = parts.map(([k, n]) => `${n} ${k}`).join(', ')
  return parts.every(([k]) => k === 'kept') ? `sections unchanged${text ? ` (${text})` : ''}` : `sections ${text}`
}

function describe(c: SectionChange): string {
  const line = !c.before ? 'at the end' : c.before.sec === undefined ? 'before an untimed line' : `before the line at ${formatTime(c.before.sec)}`
  const where = `at entry ${c.entry}, ${line}`
  switch (c.kind) {
    case 'renamed':
      return `renamed "${c.oldTitle}" to "${c.title}" ${where}`
    case 'removed':
      return `removed "${c.title}"`
    default:
      return `${c.kind} "${c.title}" ${where}`
  }
}

async function exportChapters(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'site' }, write: { type: 'boolean' } } })
  if (positionals.length !== 1) throw new ChaptersUsageError('chapters export needs exactly one FILE.')
  const format = values.format
  if (format !== 'site' && format !== 'youtube') throw new ChaptersUsageError(`--format must be site or youtube, not "${format}".`)
  if (values.write && format !== 'site') throw new ChaptersUsageError('--write writes the site\'s podcast-timestamps/ file, in the site format only.')
  const file = positionals[0]!
  const doc = await openEpisode(file)
  if (!doc) return 1
  const located = await locateChapterList(file, doc)
  const list = located.ok ? located.list.chapters : []
  const chapters = sectionsAsChapters(doc, list)
  if (chapters.length === 0) {
    console.error(`${file}: the episode has no sections to export`)
    return 1
  }
  const text = formatChapterList(chapters, format satisfies ChapterListFormat)
  if (!values.write) {
    console.log(text)
    return 0
  }
  const target = await listFileFor(file, doc)
  if (!target) return 1
  await writeFileAtomic(target, encodeFileText(text))
  console.log(`${file}: sections written to ${target}`)
  return 0
}

/** The `podcast-timestamps/` file to write an episode's list to; null (after saying why) when there is none to choose. */
async function listFileFor(file: string, doc: Episode): Promise<string | null> {
  const folder = await siteListFolder(file)
  if (!folder) {
    console.error(`${file}: no podcast-timestamps/ folder above the file, so there is no list file to write`)
    return null
  }
  const season = metadataValue(doc, 'season')
  const episode = metadataValue(doc, 'episode')
  const name = chapterListFileName(basename(file), typeof season === 'number' ? season : undefined, typeof episode === 'number' ? episode : undefined, await readdir(folder))
  if (name === null) {
    console.error(`${file}: several chapter lists match this episode; export without --write and save the list by hand`)
    return null
  }
  return join(folder, name)
}

/** Runs `fix --clips`: syncs `quotableClips` and `duration` of each file from its sections. */
export async function fixChapterCopies(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { clips: { type: 'boolean' }, 'add-missing': { type: 'boolean' } } })
  if (!values.clips || positionals.length === 0) throw new ChaptersUsageError('fix --clips needs at least one FILE.')
  let failed = 0
  for (const file of positionals) {
    const doc = await openEpisode(file)
    if (!doc) {
      failed++
      continue
    }
    const located = await locateChapterList(file, doc)
    const chapters = located.ok && located.list.errors.length === 0 ? located.list.chapters : []
    const synced = syncChapterCopies(doc, chapters, { addMissing: values['add-missing'] ?? false })
    const refusal = synced.changed ? checkSyncedText(synced.text, doc, chapters) : null
    if (refusal) {
      console.error(`${file}: ${refusal}`)
      failed++
      continue
    }
    if (synced.changed) await writeFileAtomic(file, encodeFileText(synced.text))
    const from = located.ok ? ` (section starts from ${basename(located.path)})` : ''
    console.log(`${file}: ${synced.changed ? 'quotableClips and duration synced from the sections' : 'quotableClips and duration already match the sections'}${from}`)
    for (const note of synced.notes) console.log(`  ${note}`)
  }
  return failed > 0 ? 1 : 0
}

/** Null when the synced text keeps the transcript and holds the clips intended, else why not. */
function checkSyncedText(text: string, doc: Episode, chapters: readonly Chapter[]): string | null {
  const refusal = verifySavedText(text, doc, ['quotableClips', 'duration'])
  if (refusal) return refusal
  const again = parseEpisode(text)
  const clips = metadataValue(again, 'quotableClips')
  const expected = expectedClips(again, chapters)
  if (clips !== undefined && expected !== null && expected.length > 0 && !isDeepStrictEqual(yamlToJson(clips), expected)) {
    return 'the rewritten quotableClips would not read back as intended; nothing was written.'
  }
  return null
}
