import type { FileHandle, HostApi, SaveResult } from '../../shared/api/contract'
import { isHostUnreachable } from '../../shared/api/host-unreachable'
import { episodeDigest, parseEpisode, serializeEpisode, type Episode } from '../../shared/episode/index'
import { episodeOfFile } from './opened-episode'
import { countChanges, mergeEpisodes, resolveMerge, type ConflictChoice } from '../../shared/episode/merge-episodes'
import type { MergeDialog, Session } from './app-state'
import { cancelDraftRestore, commitEdit, createSession, dismissDraft, errorText, focusCursor, notify, restoreDraft, sessionReloaded, sessionSaved, setDialog, type AppCommand } from './commands'
import type { Scheduler } from './scheduler'
import { createDraftJournal, type DraftJournal } from './draft-journal'
import { markDraft } from './draft-marks'
import type { FailureReporter } from './failures'
import { mergeNotice, sessionMerged } from './merge-with-disk'
import { dirtyOf } from './selectors'

/** Where a session's state lives in the app state: read it, replace it (null: not open any more). */
export interface SessionSlot {
  get(): Session | null
  /** Applies `fn` to the session if it is still open; false when it is not (or `fn` returned null). */
  update(fn: (session: Session) => Session | null): boolean
}

/** The outcome of reading a file as an episode. */
export type LoadResult =
  | { readonly ok: true; readonly session: Session }
  /** `message` says why, in plain words; `unreadable` when the file could not even be read. */
  | { readonly ok: false; readonly message: string; readonly unreadable: boolean }

/** Reads `handle` from the host and parses it into a fresh session (with a differing draft on offer). */
export async function loadSession(host: Pick<HostApi, 'readFile'>, handle: FileHandle): Promise<LoadResult> {
  let file
  try {
    file = await host.readFile(handle)
  } catch (error) {
    return { ok: false, message: `The file could not be read: ${errorText(error)}`, unreadable: true }
  }
  let doc: Episode
  try {
    doc = episodeOfFile(file)
  } catch (error) {
    // EpisodeSyntaxError messages say where (line and column).
    return { ok: false, message: `${file.path} cannot be opened as an episode: ${errorText(error)}`, unreadable: false }
  }
  const draft = file.draft && file.draft.text !== file.text ? file.draft : null
  return { ok: true, session: createSession(file.handle, file.path, file.hash, doc, draft) }
}

/**
 * One open episode's dealings with the host: saving (with conflicts), journalling drafts,
 * reloading, and reacting to changes on disk. Each open episode has its own, so several can be
 * open at once; it reaches its state only through its `SessionSlot`.
 */
export interface EpisodeSession {
  readonly handle: FileHandle
  /** Commits a pending cell edit, then saves; true when the file on disk now holds the document. */
  save(options?: { overwrite?: boolean }): Promise<boolean>
  /**
   * Saves without a dialog, for an episode in a background tab (Save All): a conflict becomes the
   * tab's changed-on-disk banner. Says in plain words why it was not saved, or null when it was.
   */
  saveInBackground(): Promise<string | null>
  /** Replaces the document with the file on disk (not undoable) and forgets the draft. */
  reloadFromDisk(): Promise<void>
  /** After a conflict: saves over the other program's change. */
  keepMine(): Promise<void>
  /**
   * Re-applies my edits on top of the file as now on disk (`diskText`, hashed `diskHash`): clean,
   * the document becomes the merge (unsaved, based on the disk's version); with entries both
   * sides changed, the merge dialog asks for a version of each.
   */
  mergeWithDisk(diskText: string, diskHash: string): void
  /** Settles the merge dialog's conflicts with one choice per conflict, in its order. */
  applyMerge(dialog: MergeDialog, choices: readonly ConflictChoice[]): void
  /** Keeps the unsaved version after a change on disk; the next save overwrites it. */
  keepMineAfterChange(): void
  /** The host says the file changed on disk: reload when clean, otherwise offer a choice; back as loaded, the banner goes. */
  fileChanged(): Promise<void>
  /** Restores the offered draft, or first asks to confirm when it would replace work done since it was offered. */
  restoreDraft(): void
  /** Answers the confirmation with "keep my work": the draft stays on offer. */
  cancelRestoreDraft(): void
  /** Forgets the offered draft, here and on the host. */
  discardDraft(): void
  /** Called after every change of the app state's document for this session. */
  documentChanged(): void
  /** The host answers again: journal what it missed. */
  hostRestored(): Promise<void>
  /** Journals unsaved changes as a draft at once, not after the quiet time (the page is being left or hidden). */
  flushDraft(): Promise<void>
  /** Leaving without saving: forget the draft (one still on offer stays, as the user has not answered it). */
  abandon(): void
  dispose(): void
}

/** What an episode session needs from the app. */
export interface EpisodeSessionDeps {
  readonly host: Pick<HostApi, 'readFile' | 'saveFile' | 'writeDraft' | 'discardDraft'>
  readonly slot: SessionSlot
  /** App-level commands: notices and dialogs. */
  dispatch(command: AppCommand): boolean
  readonly failures: FailureReporter
  readonly schedule?: Scheduler
  readonly whenIdle?: (run: () => void) => void
  /** The file was written: the episode list asks the host for its new listing (git mark, problem count). */
  readonly onSaved?: () => void
}

/** Creates the session object of an episode whose state `deps.slot` holds. */
export function createEpisodeSession(handle: FileHandle, deps: EpisodeSessionDeps): EpisodeSession {
  const { host, slot, dispatch, failures } = deps
  const journal: DraftJournal = createDraftJournal({
    handle,
    host,
    failures,
    hasDraft: (slot.get()?.draftOffer ?? null) !== null,
    read: () => {
      const s = slot.get()
      return s && { doc: s.editor.doc, saved: s.editor.saved, dirty: dirtyOf(s.editor), draftOffered: s.draftOffer !== null }
    },
    ...(deps.schedule ? { schedule: deps.schedule } : {}),
    ...(deps.whenIdle ? { whenIdle: deps.whenIdle } : {}),
    onStored: (hasDraft) => void dispatch(markDraft(handle, hasDraft)),
  })

  const setSaving = (saving: boolean) => slot.update((s) => ({ ...s, saving }))

  /** Sends the text; null when the host could not be reached (already reported: the banner shows). */
  const send = async (doc: Episode, text: string, baseHash: string | null): Promise<SaveResult | null> => {
    // A draft still on offer stays on the host until the user restores or discards it.
    const keep = slot.get()?.draftOffer ? { keepDraft: true as const } : {}
    try {
      return await host.saveFile({ handle, text, baseHash, expectedDigest: episodeDigest(doc), ...keep })
    } catch (error) {
      if (!isHostUnreachable(error)) return { ok: false, reason: 'io', message: errorText(error) }
      failures.report('The file could not be saved', error)
      return null
    }
  }

  /** Commits what a time or speaker editor holds; false (with the reason shown) when it cannot be. */
  const commitEditor = (): boolean => {
    const editing = slot.get()?.editing
    // The text editor writes to the document as it goes, and stays open across a save.
    if (!editing || editing.column === 'text') return true
    dispatch(commitEdit(0))
    const error = slot.get()?.editing?.error
    if (error) dispatch(notify(`Not saved: ${error}`, 'error'))
    return !error
  }

  /** What a save attempt came to: written, nothing to write, or refused with the host's answer. */
  type Attempt =
    | { readonly kind: 'saved' | 'unchanged' | 'busy' | 'unreachable' }
    | { readonly kind: 'unwritable'; readonly message: string }
    | { readonly kind: 'refused'; readonly result: Extract<SaveResult, { ok: false }> }

  const attempt = async (overwrite: boolean): Promise<Attempt> => {
    const session = slot.get()
    if (!session || session.saving) return { kind: 'busy' }
    const doc = session.editor.doc
    if (!dirtyOf(session.editor) && !overwrite && session.baseHash !== null) return { kind: 'unchanged' }
    let text: string
    try {
      text = serializeEpisode(doc)
    } catch (error) {
      return { kind: 'unwritable', message: errorText(error) }
    }
    setSaving(true)
    const result = await send(doc, text, overwrite ? null : session.baseHash)
    setSaving(false)
    if (result === null) return { kind: 'unreachable' }
    if (!result.ok) return { kind: 'refused', result }
    // The header's save state is the one place that says "Saved". The host does not announce its
    // own writes, so the list is asked for again: it re-lists this file only, not the folder.
    slot.update((s) => sessionSaved(s, doc, result.hash))
    journal.settled()
    deps.onSaved?.()
    return { kind: 'saved' }
  }

  const save = async (options: { overwrite?: boolean } = {}): Promise<boolean> => {
    if (!commitEditor()) return false
    const done = await attempt(options.overwrite ?? false)
    switch (done.kind) {
      case 'saved':
        return true
      case 'unchanged':
        dispatch(notify('No changes to save'))
        return true
      case 'busy':
        return false
      case 'unreachable':
        dispatch(notify('Not saved: the editor cannot reach its host. Your changes are kept here.', 'error'))
        return false
      case 'unwritable':
        dispatch(setDialog({ kind: 'save-error', reason: 'invalid', message: done.message }))
        return false
      case 'refused': {
        const r = done.result
        dispatch(setDialog(r.reason === 'conflict' ? { kind: 'conflict', diskText: r.diskText, diskHash: r.diskHash, showDiff: false } : { kind: 'save-error', reason: r.reason, message: r.message }))
        return false
      }
    }
  }

  const saveInBackground = async (): Promise<string | null> => {
    const done = await attempt(false)
    switch (done.kind) {
      case 'saved':
      case 'unchanged':
        return null
      case 'busy':
        return 'a save of it was already under way'
      case 'unreachable':
        return 'the editor cannot reach its host; the changes are kept here'
      case 'unwritable':
        return done.message
      case 'refused': {
        const r = done.result
        if (r.reason !== 'conflict') return r.message
        slot.update((s) => ({ ...s, diskChange: { text: r.diskText, hash: r.diskHash } }))
        return 'it changed on disk; open its tab to merge or keep yours'
      }
    }
  }

  const reloadFromDisk = async () => {
    if (!slot.get()) return
    try {
      const file = await host.readFile(handle)
      const doc = episodeOfFile(file)
      slot.update((s) => sessionReloaded(s, doc, file.hash))
      dispatch(setDialog(null))
      journal.settled()
    } catch (error) {
      failures.report('The file could not be reloaded from disk', error)
    }
  }

  const fileChanged = async () => {
    if (!slot.get()) return
    let file
    try {
      file = await host.readFile(handle)
    } catch (error) {
      if (isHostUnreachable(error)) failures.report('The changed file could not be read', error)
      else slot.update((s) => ({ ...s, diskChange: { text: null, hash: null } }))
      return
    }
    const current = slot.get()
    if (!current) return
    if (file.hash === current.baseHash) {
      // Back as the tab loaded it (moved back, checked out again): nothing to choose between.
      slot.update((s) => (s.diskChange ? { ...s, diskChange: null } : null))
      return
    }
    if (dirtyOf(current.editor)) {
      slot.update((s) => ({ ...s, diskChange: { text: file.text, hash: file.hash } }))
      return
    }
    let doc: Episode
    try {
      doc = episodeOfFile(file)
    } catch (error) {
      slot.update((s) => ({ ...s, diskChange: { text: file.text, hash: file.hash } }))
      failures.report('The file changed on disk and can no longer be read as an episode', error)
      return
    }
    slot.update((s) => sessionReloaded(s, doc, file.hash))
    dispatch(notify('The file changed on disk and was reloaded'))
  }

  /** Puts a merged document in place if the document is still `mine`; says so either way. */
  const finishMerge = (mine: Episode, theirs: Episode, merged: Episode, hash: string, notice: string) => {
    const done = slot.update((s) => (s.editor.doc === mine ? sessionMerged(s, theirs, merged, hash) : null))
    dispatch(setDialog(null))
    if (done) dispatch(notify(notice))
    else dispatch(notify('Not merged: the document changed while the merge was prepared. Try the merge again.', 'error'))
  }

  const mergeWithDisk = (diskText: string, diskHash: string) => {
    if (!commitEditor()) return
    const s = slot.get()
    if (!s) return
    let theirs: Episode
    try {
      theirs = parseEpisode(diskText)
    } catch (error) {
      dispatch(notify(`Not merged: the file on disk can no longer be read as an episode: ${errorText(error)}`, 'error'))
      return
    }
    const mine = s.editor.doc
    const result = mergeEpisodes(s.editor.saved, mine, theirs)
    const changes = countChanges(s.editor.saved, mine)
    if (result.conflicts.length === 0) finishMerge(mine, theirs, result.merged, diskHash, mergeNotice(changes, []))
    else dispatch(setDialog({ kind: 'merge', result, theirs, diskHash, mine, changes }))
  }

  const applyMerge = (dialog: MergeDialog, choices: readonly ConflictChoice[]) => {
    finishMerge(dialog.mine, dialog.theirs, resolveMerge(dialog.result, choices), dialog.diskHash, mergeNotice(dialog.changes, choices))
  }

  return {
    handle,
    save,
    saveInBackground,
    reloadFromDisk,
    mergeWithDisk,
    applyMerge,
    async keepMine() {
      dispatch(setDialog(null))
      slot.update((s) => ({ ...s, diskChange: null }))
      await save({ overwrite: true })
    },
    keepMineAfterChange() {
      slot.update((s) => (s.diskChange ? { ...s, baseHash: s.diskChange.hash, diskChange: null } : null))
    },
    fileChanged,
    // The banner's buttons go with the offer: keyboard focus goes back to the grid's cursor cell.
    restoreDraft() {
      dispatch(restoreDraft)
      // Asked to confirm first: focus stays with the banner's question.
      if (!slot.get()?.draftOffer) dispatch(focusCursor)
    },
    cancelRestoreDraft() {
      dispatch(cancelDraftRestore)
      dispatch(focusCursor)
    },
    discardDraft() {
      if (!slot.get()) return
      dispatch(dismissDraft)
      dispatch(focusCursor)
      journal.discard()
      // The work done while the offer stood was not journalled over it: it is now.
      journal.changed()
    },
    documentChanged: () => journal.changed(),
    hostRestored: () => journal.flush(),
    flushDraft: () => journal.flush(),
    abandon: () => journal.settled(),
    dispose: () => journal.dispose(),
  }
}
