import { setDialog, showDraftDiff } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import type { DraftOffer } from '../state/app-state'
import { workSinceDraftOffer } from '../state/selectors'
import { shortcutLabel } from '../keymap'
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
      {draft && <DraftBanner draft={draft} />}
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

/**
 * The recovered draft's banner. Once the document was edited or saved since it appeared, it says
 * so, and Restore first asks, in place, whether the draft may replace that work.
 */
function DraftBanner({ draft }: { draft: DraftOffer }) {
  const controller = useController()
  const workSince = useAppState((s) => workSinceDraftOffer(s.session!))
  const undo = shortcutLabel('undo')
  return (
    <div className="banner info" role="alert">
      <div className="banner-text">
        <strong>Unsaved changes were recovered.</strong> The editor kept a draft of this episode from {timeAgo(draft.savedAt)} that was never saved.
        {draft.fileChanged && ' The file has changed on disk since: Restore keeps its newer lines and puts the draft’s changes back.'}
        {workSince && ` You have edited or saved since: Restore replaces that work (${undo} undoes it).`}
      </div>
      {draft.confirming ? (
        <div
          className="banner-confirm"
          role="alertdialog"
          aria-labelledby="draft-confirm-title"
          aria-describedby="draft-confirm-text"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return
            e.stopPropagation()
            controller.cancelRestoreDraft()
          }}
        >
          <div>
            <strong id="draft-confirm-title">Replace your work with the draft?</strong>{' '}
            <span id="draft-confirm-text">The document becomes the draft; your edits and saved changes since it was offered leave the document ({undo} brings them back).</span>
          </div>
          <div className="banner-actions">
            <button type="button" className="button" onClick={() => controller.restoreDraft()}>
              Replace with the draft
            </button>
            <button type="button" className="button primary" autoFocus onClick={() => controller.cancelRestoreDraft()}>
              Keep my work
            </button>
          </div>
        </div>
      ) : (
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
      )}
    </div>
  )
}
