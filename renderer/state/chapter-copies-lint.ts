import type { ChapterListFile } from '../../shared/api/contract'
import { lintChapterCopies, parseChapterList, type ChapterListCopy } from '../../shared/chapters/index'
import type { AppCommand } from './commands'
import { extraLintSlot, type ExtraLint } from './problems'

/** Where the open episode's section copies lint goes in the lint context. */
const copiesSlot = extraLintSlot()

/**
 * The lint of the open episode's copies of its sections (`quotableClips`, `duration`, and its
 * `podcast-timestamps/` list when it has one that reads), as an extra lint of the context. The
 * list also gives the starts of sections that share a line, without which clips would be judged wrongly.
 */
export function chapterCopiesLint(list: ChapterListCopy | null): ExtraLint {
  return (doc) => lintChapterCopies(doc, list ?? undefined)
}

/** The chapter list file as the linter compares it, or null when there is none or it does not read. */
export function chapterListCopy(found: ChapterListFile | null): ChapterListCopy | null {
  if (!found || !('text' in found)) return null
  const parsed = parseChapterList(found.text)
  return parsed.errors.length === 0 ? { name: found.name, chapters: parsed.chapters } : null
}

/** Puts the section copies lint of the open episode (with its list, or none) in the lint context, replacing the previous one. */
export function withChapterList(list: ChapterListCopy | null): AppCommand {
  return (state) => ({ ...state, lintContext: copiesSlot(state.lintContext, chapterCopiesLint(list)) })
}
