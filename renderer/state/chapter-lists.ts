import type { ChapterListFile, FileHandle, HostApi, WrittenChapterList } from '../../shared/api/contract'
import type { AppState } from './app-state'
import { chapterListCopy, withChapterList } from './chapter-copies-lint'
import { errorText } from './commands'
import type { Store } from './store'

/** What writing a chapter list gave: where it wrote, or the plain reason it did not. */
export type ChapterListWrite = { readonly ok: true; readonly written: WrittenChapterList } | { readonly ok: false; readonly message: string }

/** The active episode's own chapter list in its site checkout, read and written through the host. */
export interface ChapterLists {
  /** The active episode's list, or why there is none (null with no episode open). */
  read(): Promise<ChapterListFile | null>
  /** Writes the active episode's list, then checks its section copies against it again. */
  write(text: string): Promise<ChapterListWrite>
  /** Checks the active episode's section copies against its list again (another program may have changed it). */
  refresh(): Promise<void>
  /** Stops following the active episode. */
  stop(): void
}

/**
 * Links the active episode to its chapter list: the section copies are checked against it, read
 * again whenever another episode becomes active, after the list is written and on `refresh`.
 */
export function linkChapterLists(store: Store<AppState>, host: Pick<HostApi, 'readChapterList' | 'writeChapterList'>): ChapterLists {
  const activeHandle = () => store.getState().session?.handle

  const read = async (): Promise<ChapterListFile | null> => {
    const handle = activeHandle()
    if (handle === undefined) return null
    try {
      return await host.readChapterList(handle)
    } catch (error) {
      return { reason: `the host could not look for it: ${errorText(error)}` }
    }
  }

  /** Lints the open episode's section copies against its own chapter list (read from the host). */
  const lintCopiesOf = async (handle: FileHandle) => {
    const found = await read()
    if (activeHandle() === handle) store.dispatch(withChapterList(chapterListCopy(found)))
  }

  let copiesOf: FileHandle | null = null
  const stop = store.subscribe(() => {
    const handle = activeHandle() ?? null
    if (handle === copiesOf) return
    copiesOf = handle
    if (handle !== null) void lintCopiesOf(handle)
  })

  return {
    read,
    async write(text) {
      const handle = activeHandle()
      if (handle === undefined) return { ok: false, message: 'No episode is open.' }
      let written: WrittenChapterList
      try {
        written = await host.writeChapterList(handle, text)
      } catch (error) {
        return { ok: false, message: errorText(error) }
      }
      await lintCopiesOf(handle)
      return { ok: true, written }
    },
    async refresh() {
      const handle = activeHandle()
      if (handle !== undefined) await lintCopiesOf(handle)
    },
    stop,
  }
}
