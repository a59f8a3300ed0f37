import type { FileHandle, HostApi } from '../../shared/api/contract'
import { serializeEpisode, type Episode } from '../../shared/episode/index'
import { realScheduler, type Scheduler } from './scheduler'
import type { FailureReporter } from './failures'

/** Quiet time in typing before unsaved text is journalled as a draft (leaving the page journals it at once). */
export const DRAFT_DELAY_MS = 1200
/** Longest a draft waits while typing goes on (journalling a long episode takes a frame or more). */
export const DRAFT_MAX_WAIT_MS = 10_000

/** What the journal needs to know about its episode now. */
export interface JournalView {
  readonly doc: Episode
  /** The document as the file on disk holds it (as loaded or last saved): what the draft's changes were made to. */
  readonly saved: Episode
  readonly dirty: boolean
  /** A recovery draft is on offer: the host's draft must stay until the user answers. */
  readonly draftOffered: boolean
}

/** Journals one episode's unsaved text to the host, so a crash loses at most a few seconds of work. */
export interface DraftJournal {
  /** Called after each document change: writes after a quiet time while dirty; discards the draft once clean again. */
  changed(): void
  /**
   * Writes the draft now if there are unsaved changes not journalled yet (the host is back after
   * being unreachable, or the page is being left or hidden).
   */
  flush(): Promise<void>
  /** Forgets the host's draft now (after a revert, or when the user declines it). */
  discard(): void
  /**
   * The document is the file's again, or its changes are left (saved, reloaded, discarded on
   * leaving): forgets the host's draft, unless one is on offer (the user has not answered it yet).
   */
  settled(): void
  /** Whether the host holds a draft this journal wrote or found (true only once a write succeeded). */
  readonly written: boolean
  dispose(): void
}

/** Options of `createDraftJournal`. */
export interface DraftJournalOptions {
  readonly handle: FileHandle
  readonly host: Pick<HostApi, 'writeDraft' | 'discardDraft'>
  /** The episode now, or null once it is closed. */
  read(): JournalView | null
  readonly failures: FailureReporter
  /** The host already holds a draft of this file (found at load). */
  readonly hasDraft?: boolean
  readonly schedule?: Scheduler
  /** Runs serialization in idle time so journalling never lands between a keystroke and its paint. */
  readonly whenIdle?: (run: () => void) => void
  /** Told whether the host holds a draft, after each write or discard that succeeded (the episode list marks it). */
  readonly onStored?: (hasDraft: boolean) => void
}

/** Creates the draft journal of one episode. */
export function createDraftJournal(options: DraftJournalOptions): DraftJournal {
  const { handle, host, failures } = options
  const schedule = options.schedule ?? realScheduler
  const whenIdle = options.whenIdle ?? ((run) => run())
  let written = options.hasDraft ?? false
  /** The quiet-time timer, restarted by each change, and the deadline timer, started by the first. */
  let cancelQuiet: (() => void) | null = null
  let cancelDeadline: (() => void) | null = null
  /** The document last sent to the host (or being sent): the same one is not written twice. */
  let sent: Episode | null = null
  /** The saved document last serialized as a draft's base, and its text: it changes only with a save or a reload. */
  let base: { doc: Episode; text: string } | null = null

  const stop = () => {
    cancelQuiet?.()
    cancelDeadline?.()
    cancelQuiet = null
    cancelDeadline = null
  }

  const fire = () => {
    stop()
    whenIdle(() => void write())
  }

  const write = async (): Promise<void> => {
    const now = options.read()
    // An offered draft may be the only copy of its text: it is not written over until the user answers.
    if (!now || !now.dirty || now.draftOffered) return
    let text: string
    try {
      text = serializeEpisode(now.doc)
      if (base?.doc !== now.saved) base = { doc: now.saved, text: serializeEpisode(now.saved) }
    } catch (error) {
      failures.report('The recovery draft could not be written (the document cannot be written as a file)', error)
      return
    }
    const doc = now.doc
    sent = doc
    try {
      await host.writeDraft(handle, text, base.text)
      written = true
      options.onStored?.(true)
    } catch (error) {
      if (sent === doc) sent = null
      failures.report('The recovery draft could not be written', error)
    }
  }

  const discard = () => {
    stop()
    written = false
    sent = null
    host.discardDraft(handle).then(
      () => options.onStored?.(false),
      (error: unknown) => failures.report('The old recovery draft could not be deleted', error),
    )
  }

  return {
    changed() {
      const now = options.read()
      if (!now) return
      if (!now.dirty) {
        stop()
        // Undone back to the saved text: the journalled draft is stale (one on offer stays).
        if (written && !now.draftOffered) discard()
        return
      }
      // Wait for a pause in typing (each journal serializes the whole episode), but not forever.
      cancelQuiet?.()
      cancelQuiet = schedule(fire, DRAFT_DELAY_MS)
      cancelDeadline ??= schedule(fire, DRAFT_MAX_WAIT_MS)
    },
    async flush() {
      // Leaving the page flushes on several events in a row (beforeunload, pagehide, hidden): once is enough.
      if (options.read()?.doc === sent) return
      stop()
      await write()
    },
    discard,
    settled() {
      if (options.read()?.draftOffered) stop()
      else discard()
    },
    get written() {
      return written
    },
    dispose: stop,
  }
}
