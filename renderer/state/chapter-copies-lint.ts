import type { ChapterListCopy } from '../../shared/chapters/index'
import { chapterCopiesLint, chapterListCopy } from '../../shared/lint/extra-lints'
import type { AppCommand } from './commands'
import { extraLintSlot } from './problems'

export { chapterCopiesLint, chapterListCopy }

/** Where the open episode's section copies lint goes in the lint context. */
const copiesSlot = extraLintSlot()

/** Puts the section copies lint of the open episode (with its list, or none) in the lint context, replacing the previous one. */
export function withChapterList(list: ChapterListCopy | null): AppCommand {
  return (state) => ({ ...state, lintContext: copiesSlot(state.lintContext, chapterCopiesLint(list)) })
}
