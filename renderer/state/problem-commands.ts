import { setHostSpeaker } from './speaker-names'
import type { AppSettings } from '../../shared/api/contract'
import type { AppState } from './app-state'
import type { EntryId, Episode } from '../../shared/episode/index'
import { change, notify, setDialog, tryEdit, type AppCommand } from './commands'
import { lintContextFor, problemsAt, type EditorProblem, type LintContext } from './problems'
import { indexOfId } from './selectors'

/** The settings in force from now on, with the lint context rebuilt from them (the extra lints kept). */
export function applySettings(settings: AppSettings): AppCommand {
  return (state) => {
    const next: AppState = { ...state, settings, lintContext: lintContextFor(settings, state.lintContext.extra) }
    // The host speaker of the settings names the host for the speaker choices and their check.
    return setHostSpeaker(settings.hostSpeaker)(next) ?? next
  }
}

/** The problems of a row (by id) that have a fix. */
export function fixableAt(doc: Episode, context: LintContext, id: EntryId): EditorProblem[] {
  const index = indexOfId(doc, id)
  return index < 0 ? [] : problemsAt(doc, context, index).filter((p) => p.fix !== undefined)
}

/**
 * Applies the fix of a row's problem (its code; the `nth` of that code on the row) as one undo
 * step and says what it did. The problem is looked up again on the live document, so a list shown
 * a moment ago cannot apply a stale fix; when it is gone, says so.
 */
export function applyProblemFix(id: EntryId, code: string, nth = 0): AppCommand {
  return (state) => {
    const problem = (state.session ? fixableAt(state.session.editor.doc, state.lintContext, id) : []).filter((p) => p.code === code)[nth]
    if (!problem?.fix) return notify('That problem is gone; nothing to fix')(state)
    const fix = problem.fix
    const next = tryEdit((s) => change(s, fix.edit(s.editor.doc), 'structure', { focus: id }))(state)
    if (!next) return null
    const row = problem.entry + 1
    return notify(next.session?.editor.doc === state.session?.editor.doc ? `Nothing to fix on row ${row}` : `Row ${row}: ${fix.label.charAt(0).toLowerCase()}${fix.label.slice(1)}`)({ ...next, dialog: null })
  }
}

/**
 * The quick fix (Ctrl+.) on the cursor row: the fix of its one fixable problem, or a small menu
 * when it has several; says so when there is nothing to fix there.
 */
export const quickFix: AppCommand = (state) => {
  const s = state.session
  if (!s) return null
  if (!s.cursor) return notify('Put the cursor on a row with a problem first', 'error')(state)
  const fixable = fixableAt(s.editor.doc, state.lintContext, s.cursor.id)
  if (fixable.length === 0) {
    const index = indexOfId(s.editor.doc, s.cursor.id)
    const problems = problemsAt(s.editor.doc, state.lintContext, index)
    return notify(problems.length > 0 ? noFixMessage(index + 1, problems) : 'No problem to fix on this row')(state)
  }
  if (fixable.length === 1) return applyProblemFix(s.cursor.id, fixable[0]!.code)(state)
  return setDialog({ kind: 'quick-fix', id: s.cursor.id })(state)
}

/** What to do by hand about a problem that has no automatic fix, in plain words, by its code. */
const BY_HAND: Readonly<Record<string, string>> = {
  'unknown-speaker': 'choose the speaker in the Speaker cell (Enter opens the list), and move any text of the line into the Text cell',
  'typography-unbalanced-quotes': 'add or remove the quote where it belongs; only you can tell where that is',
  'time-mismatch': 'edit the time, or the seconds, so that they agree',
}

/** The message of Ctrl+. on a row whose problems have no fix: that there is none, and what to do instead. */
function noFixMessage(row: number, problems: readonly EditorProblem[]): string {
  const what = problems.length === 1 ? 'this problem has' : `these ${problems.length} problems have`
  const hints = [...new Set(problems.map((p) => BY_HAND[p.code] ?? 'edit the row by hand'))]
  return `Row ${row}: ${what} no automatic fix; ${hints.join('; ')}`
}
