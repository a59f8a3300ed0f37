import type { Episode } from '../../shared/episode/index'
import type { Glossary } from '../../shared/workspace/glossary'
import { fixGlossaryHits, glossaryHits } from '../../shared/workspace/glossary-lint'
import type { AppCommand } from './commands'
import { extraLintSlot, type EditorProblem } from './problems'

/**
 * The glossary lint as an extra lint of the problems mechanism: each known misspelling in a
 * line or header, with the fix that corrects that one word (memoised per document).
 */
export function glossaryLint(glossary: Glossary): (doc: Episode) => readonly EditorProblem[] {
  let lint = lints.get(glossary)
  if (!lint) {
    lint = makeGlossaryLint(glossary)
    lints.set(glossary, lint)
  }
  return lint
}

const lints = new WeakMap<Glossary, (doc: Episode) => readonly EditorProblem[]>()

function makeGlossaryLint(glossary: Glossary): (doc: Episode) => readonly EditorProblem[] {
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

/** Where the glossary's lint goes in the lint context. */
const glossarySlot = extraLintSlot()

/** Puts the glossary's lint (none without a glossary) in the lint context, in place of the previous glossary's. */
export function withGlossaryLint(glossary: Glossary | null): AppCommand {
  return (state) => ({ ...state, lintContext: glossarySlot(state.lintContext, glossary ? glossaryLint(glossary) : null) })
}
