import { pairsEqual } from '../../shared/episode/entry'
import type { Entry, Episode } from '../../shared/episode/index'
import { describeRewrites, rewrittenValues, type RewrittenValue } from '../../shared/episode/rewritten-values'
import type { AppState, Notice, Session } from './app-state'
import { notify } from './commands'

/**
 * The store's review of a change: when an edit of the open episode also wrote other values of the
 * entries it touched in another form (`time: 0:54` quoted, a text wrapped again), it says so in a
 * warning that lasts, after any message of the command itself. Nothing is said for the many edits
 * that write the rest of their entries as before, nor for undo, loads and reloads; an undo that
 * takes back the edit the warning is about takes the warning back too (Save will not write it).
 */
export function withRewriteNotice(before: AppState, after: AppState): AppState {
  const was = before.session
  const now = after.session
  if (!was || !now || was.handle !== now.handle || was.editor.doc === now.editor.doc) return after
  if (stepTakenBack(after.notice, now)) return { ...after, notice: null }
  // Only a new step of the history (an edit or a redo); an undo writes entries back as they were.
  const step = now.editor.done.at(-1)
  if (now.editor.done === was.editor.done || step?.after !== now.editor.doc) return after
  // Entries are matched by id over the same file text; a merge or a restored draft reads another.
  if (now.editor.doc.source !== was.editor.doc.source) return after
  const text = describeRewrites(rewritesBetween(was.editor.doc, now.editor.doc))
  if (text === null) return after
  const own = after.notice !== before.notice ? after.notice : null
  const told = notify(own ? `${own.text}. ${text}` : text, own?.tone === 'error' ? 'error' : 'warning')(after) ?? after
  return told.notice ? { ...told, notice: { ...told.notice, step: { handle: now.handle, before: step.before } } } : told
}

/** Whether a notice is about an undo step of the session's episode that has just been undone. */
function stepTakenBack(notice: Notice | null, session: Session): boolean {
  const step = notice?.step
  return step !== undefined && step.handle === session.handle && session.editor.undone.some((e) => e.before === step.before)
}

/**
 * The rewritten values of an episode's last undo step, when it is the document's latest change
 * (a replace across episodes: one step in each, in the background too), for the summary to say.
 */
export function lastStepRewrites(session: Session): RewrittenValue[][] {
  const last = session.editor.done.at(-1)
  if (!last || last.after !== session.editor.doc || last.before.source !== last.after.source) return []
  return rewritesBetween(last.before, last.after)
}

/** Each edited entry's rewritten values, for the entries whose values the change edited. */
function rewritesBetween(before: Episode, after: Episode): RewrittenValue[][] {
  const rewrites: RewrittenValue[][] = []
  const previous = previousOf(before)
  for (const entry of after.entries) {
    const old = previous(entry)
    if (old === undefined || old === entry || pairsEqual(old.pairs, entry.pairs)) continue
    // An entry already written anew keeps the form of its other values (the emitter is deterministic).
    rewrites.push(inFileForm(old) ? rewrittenValues(old, entry, after.style) : [])
  }
  return rewrites
}

/** Whether an entry still stands as its file text. */
function inFileForm(entry: Entry): boolean {
  return entry.source !== undefined && pairsEqual(entry.pairs, entry.source.pairs)
}

/** The entry of `before` with an entry's id: by position while the ids line up (typing), else looked up. */
function previousOf(before: Episode): (entry: Entry) => Entry | undefined {
  let byId: Map<number, Entry> | null = null
  let index = 0
  return (entry) => {
    const at = before.entries[index++]
    if (at?.id === entry.id) return at
    byId ??= new Map(before.entries.map((e) => [e.id, e]))
    return byId.get(entry.id)
  }
}
