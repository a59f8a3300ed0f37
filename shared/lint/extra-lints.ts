import type { AppSettings, ChapterListFile } from '../api/contract'
import { lintChapterCopies, parseChapterList, type ChapterListCopy } from '../chapters/index'
import type { ChapterListParse } from '../chapters/chapter-list'
import { renameSpeaker, speakerCounts, textOf, type Episode } from '../episode/index'
import type { Glossary } from '../workspace/glossary'
import { fixGlossaryHits, glossaryHits } from '../workspace/glossary-lint'
import { lintSpeakers } from '../workspace/speaker-lint'
import { speakerChoices, type SpeakerChoice } from '../workspace/speakers'
import { lintContextFor, type EditorProblem, type ExtraLint, type LintContext } from './problems'

/**
 * The glossary lint as an extra lint of the problems mechanism: each known misspelling in a
 * line or header, with the fix that corrects that one word (memoised per glossary and document).
 */
export function glossaryLint(glossary: Glossary): ExtraLint {
  let lint = glossaryLints.get(glossary)
  if (!lint) {
    lint = makeGlossaryLint(glossary)
    glossaryLints.set(glossary, lint)
  }
  return lint
}

const glossaryLints = new WeakMap<Glossary, ExtraLint>()

function makeGlossaryLint(glossary: Glossary): ExtraLint {
  const cache = new WeakMap<Episode['entries'], readonly EditorProblem[]>()
  return (doc) => {
    const cached = cache.get(doc.entries)
    if (cached) return cached
    const problems = glossaryHits(doc, glossary).map(
      (hit): EditorProblem => ({
        entry: hit.entry,
        severity: 'warning',
        code: 'misspelling',
        message: `"${hit.match}" is a known mishearing of "${hit.term}"`,
        fix: { label: `Change "${hit.match}" to "${hit.term}"`, edit: (d) => fixGlossaryHits(d, glossary, [hit]).doc },
      }),
    )
    cache.set(doc.entries, problems)
    return problems
  }
}

/**
 * The lint of an episode's copies of its sections (`quotableClips`, `duration`, and its
 * `podcast-timestamps/` list when it has one that reads), as an extra lint. The list also gives
 * the starts of sections that share a line, without which clips would be judged wrongly.
 */
export function chapterCopiesLint(list: ChapterListCopy | null): ExtraLint {
  return (doc) => lintChapterCopies(doc, list ?? undefined)
}

/** A parsed chapter list file as the linter compares it, or null when it does not read. */
export function chapterListCopyOf(name: string, parsed: ChapterListParse): ChapterListCopy | null {
  return parsed.errors.length === 0 ? { name, chapters: parsed.chapters } : null
}

/** The chapter list file as the linter compares it, or null when there is none or it does not read. */
export function chapterListCopy(found: ChapterListFile | null): ChapterListCopy | null {
  if (!found || !('text' in found)) return null
  return chapterListCopyOf(found.name, parseChapterList(found.text))
}

/**
 * The unknown-speaker check: every line whose `who` is none of `choices` (the episode's guests,
 * host or regular speakers: `Alexeylexey`, `Nick:`, a sentence), with a fix to the closest speaker
 * when there is one. The fix sets that speaker on every line written with the same wrong value
 * (`counts`: lines per `who`, say 112 `Theo:` lines in one step), through the speaker edit.
 */
export function speakerProblems(doc: Episode, choices: readonly SpeakerChoice[], counts: ReadonlyMap<string, number>): EditorProblem[] {
  return lintSpeakers(doc, choices).map((p): EditorProblem => {
    const { suggestion, ...problem } = p
    const who = textOf(doc.entries[p.entry]!, 'who')
    if (suggestion === null || who === undefined) return problem
    const n = counts.get(who) ?? 1
    const label = n > 1 ? `Change to “${suggestion}” in all ${n} lines` : `Change to “${suggestion}”`
    return { ...problem, fix: { label, edit: (current) => renameSpeaker(current, who, suggestion).doc } }
  })
}

/** The unknown-speaker check over people's names by id and the host speaker (null: none known), as an extra lint. */
export function speakerLintOver(people: ReadonlyMap<string, string>, host: string | null): ExtraLint {
  return (doc) => speakerProblems(doc, speakerChoices(doc, people, host), speakerCounts(doc))
}

/** What a workspace knows that the problems of one of its episodes depend on. */
export interface EpisodeLintKnowledge {
  readonly settings: AppSettings
  /** People's display names by id (empty outside a site checkout). */
  readonly people: ReadonlyMap<string, string>
  /** The workspace's host speaker (the speaker of most episodes), before the settings' override. */
  readonly workspaceHost: string | null
  /** The workspace's glossary of misheard names, or null when it has none (or it does not read). */
  readonly glossary: Glossary | null
}

/**
 * The extra lints the editor puts in its context for an open episode, minus its chapter list's:
 * the unknown speakers over the people and the host (the settings' `hostSpeaker` wins over the
 * workspace's), and the glossary's misspellings when there is a glossary.
 */
export function workspaceLints(knowledge: EpisodeLintKnowledge): ExtraLint[] {
  const override = knowledge.settings.hostSpeaker?.trim()
  const lints = [speakerLintOver(knowledge.people, override ? override : knowledge.workspaceHost)]
  if (knowledge.glossary) lints.push(glossaryLint(knowledge.glossary))
  return lints
}

/** The lint context of one episode of a workspace: the settings' switches, the workspace's lints and the episode's section copies. */
export function episodeLintContext(workspace: readonly ExtraLint[], settings: AppSettings, chapterList: ChapterListCopy | null): LintContext {
  return lintContextFor(settings, [...workspace, chapterCopiesLint(chapterList)])
}
