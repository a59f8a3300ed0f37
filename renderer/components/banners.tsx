import { setDialog, showDraftDiff } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { serializeEpisode } from '../../shared/episode/index'

function timeAgo(ms: number): string {
  const date = new Date(ms)
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** Prompts above the transcript: a recovered draft to restore, or a change on disk while editing. */
export function Banners() {
  const controller = useController()
  const draft = useAppState((s) => s.session!.draftOffer)
  const diskChange = useAppState((s) => s.session!.diskChange)
  // What "Merge with theirs" merges with: the changed file's text and hash, when it still exists.
  const theirs = diskChange?.text != null && diskChange.hash !== null ? { text: diskChange.text, hash: diskChange.hash } : null
  return (
    <>
      {draft && (
        <div className="banner info" role="alert">
          <div className="banner-text">
            <strong>Unsaved changes were recovered.</strong> The editor kept a draft of this episode from {timeAgo(draft.savedAt)} that was never saved.
          </div>
          <div className="banner-actions">
            <button type="button" className="button primary" onClick={() => controller.restoreDraft()}>
              Restore draft
            </button>
            <button type="button" className="button" onClick={() => controller.discardDraft()}>
              Discard it
            </button>
            <button type="button" className="button" onClick={() => controller.dispatch(showDraftDiff)}>
              Show differences
            </button>
          </div>
        </div>
      )}
      {diskChange && (
        <div className="banner warn" role="alert" data-testid="disk-change-banner">
          <div className="banner-text">
            {diskChange.text === null ? (
              <>
                <strong>This file was deleted or moved on disk.</strong> Your version is still here; saving writes it back.
              </>
            ) : (
              <>
                <strong>This file was changed by another program.</strong> You have unsaved changes here. Merge them with their version, reload theirs (your changes are lost) or keep yours (saving will replace theirs).
              </>
            )}
          </div>
          <div className="banner-actions">
            {theirs && (
              <button type="button" className="button primary" onClick={() => controller.mergeWithDisk(theirs.text, theirs.hash)}>
                Merge with theirs
              </button>
            )}
            {diskChange.text !== null && (
              <button type="button" className="button" onClick={() => void controller.reloadFromDisk()}>
                Reload theirs
              </button>
            )}
            <button type="button" className={diskChange.text === null ? 'button primary' : 'button'} onClick={() => controller.keepMineAfterChange()}>
              {diskChange.text === null ? 'Keep mine' : 'Keep mine (overwrite)'}
            </button>
            {diskChange.text !== null && (
              <button
                type="button"
                className="button"
                onClick={() => {
                  const s = controller.store.getState().session
                  if (!s || diskChange.text === null) return
                  controller.dispatch(setDialog({ kind: 'diff', title: 'Their version on disk → your version', before: diskChange.text, after: serializeEpisode(s.editor.doc) }))
                }}
              >
                Show differences
              </button>
            )}
          </div>
        </div>
      )}
    </>
  )
}
