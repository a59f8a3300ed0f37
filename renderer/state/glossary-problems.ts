import type { Episode } from '../../shared/episode/index'
import type { Glossary } from '../../shared/workspace/glossary'
import { fixGlossaryHits, glossaryHits } from '../../shared/workspace/glossary-lint'
import type { AppCommand } from './commands'
import { change, notify } from './commands'
import { indexOfId } from './selectors'

/**
 * A problem of a row with an optional one-key fix. MERGE(lead): this is the shape of T's
 * `renderer/state/problems.ts` (`EditorProblem`); import it from there once merged.
 */
export interface EditorProblem {
  readonly entry: number
  readonly severity: 'error' | 'warning'
  readonly code: string
  readonly message: string
  readonly fix?: { readonly label: string; readonly edit: (doc: Episode) => Episode }
}

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

/**
 * The glossary's problems of the document (none without a glossary). MERGE(lead): a stand-in
 * until the glossary lint joins T's `problemsFor` as an `extra` lint.
 */
export function glossaryProblemsOf(doc: Episode, glossary: Glossary | null): readonly EditorProblem[] {
  return glossary ? glossaryLint(glossary)(doc) : NO_PROBLEMS
}

const NO_PROBLEMS: readonly EditorProblem[] = []

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

/**
 * Applies the first glossary fix of the cursor row as one undo step. MERGE(lead): a stand-in
 * for T's generic `quick-fix` (Ctrl+.), which takes the glossary lint as an `extra` lint.
 */
export const quickFixGlossary: AppCommand = (state) => {
  const s = state.session
  const glossary = state.glossary.glossary
  if (!s || !s.cursor || !glossary) return null
  const entry = indexOfId(s.editor.doc, s.cursor.id)
  const problem = glossaryLint(glossary)(s.editor.doc).find((p) => p.entry === entry && p.fix)
  if (!problem?.fix) return notify('Nothing to fix on this row', 'error')(state)
  return applyProblemFix(problem)(state)
}

/** Applies a problem's fix to the open episode as one undo step, and says what it did. */
export function applyProblemFix(problem: EditorProblem): AppCommand {
  return (state) => {
    const s = state.session
    const entry = s?.editor.doc.entries[problem.entry]
    if (!s || !problem.fix || !entry) return null
    const doc = problem.fix.edit(s.editor.doc)
    if (doc === s.editor.doc) return notify('Already fixed', 'error')(state)
    return notify(problem.fix.label)({ ...state, session: change(s, doc, 'replace', { focus: entry.id }) })
  }
}
