import { useMemo } from 'react'
import type { FileHandle } from '../../shared/api/contract'
import type { LeaveIntent } from '../state/app-state'
import { serializeEpisode } from '../../shared/episode/index'
import { errorText, setDialog } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { sessionOf } from '../state/tabs'
import { Modal } from './modal'
import { basename } from './path-name'
import { patchText, unifiedDiff, type PatchHunk } from './unified-diff'

/** What Save will change in one episode: the diff of the file as loaded against the text Save writes. */
function EpisodeChanges(props: { handle: FileHandle }) {
  const session = useAppState((s) => sessionOf(s, props.handle))
  const diff = useMemo((): { hunks: PatchHunk[] } | { error: string } | null => {
    if (!session) return null
    try {
      return { hunks: unifiedDiff(serializeEpisode(session.editor.saved), serializeEpisode(session.editor.doc)) }
    } catch (error) {
      return { error: errorText(error) }
    }
  }, [session])
  if (!session || !diff) return null
  const name = basename(session.path)
  if ('error' in diff) return <p className="open-error">{name}: it cannot be written: {diff.error}</p>
  const signs = diff.hunks.flatMap((h) => h.lines.map((l) => l.sign))
  const added = signs.filter((s) => s === '+').length
  const removed = signs.filter((s) => s === '-').length
  return (
    <section className="review-file" aria-label={`Changes to ${name}`} data-file={name}>
      <h3 className="review-file-name">
        {name}{' '}
        <span className="review-counts">
          <span className="diff-added-label">+{added}</span> <span className="diff-removed-label">−{removed}</span>
          {session.diskChange && <span className="review-warning"> · changed on disk since it was opened: the diff is against the version loaded</span>}
        </span>
      </h3>
      {diff.hunks.length === 0 ? (
        <p className="panel-empty">No change: saving writes the file as it is.</p>
      ) : (
        <pre className="review-patch" tabIndex={0} aria-label={`Diff of ${name}`} data-patch={patchText(name, diff.hunks)}>
          {diff.hunks.map((hunk, h) => (
            <div key={h} className="diff-hunk">
              <div className="diff-hunk-head">{hunk.header}</div>
              {hunk.lines.map((line, i) => (
                <div key={i} className={`diff-line ${line.sign === '-' ? 'removed' : line.sign === '+' ? 'added' : 'same'}`}>
                  <span className="diff-sign">{line.sign}</span>
                  <span className="diff-text">{line.text}</span>
                </div>
              ))}
            </div>
          ))}
        </pre>
      )}
    </section>
  )
}

/** "Review changes": for each episode, exactly the lines Save will change, as `git diff` will show them. */
export function ReviewDialog(props: { episodes: readonly FileHandle[]; leave?: LeaveIntent }) {
  const controller = useController()
  // Opened from the unsaved-changes question, closing goes back to it.
  const close = () => controller.dispatch(setDialog(props.leave ? { kind: 'leave', next: props.leave, episodes: props.episodes } : null))
  const many = props.episodes.length > 1
  return (
    <Modal
      title="Review changes"
      wide
      onCancel={close}
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            data-autofocus
            onClick={() => {
              if (props.leave) {
                void controller.resolveLeave('save')
                return
              }
              close()
              void controller.saveEpisodes(props.episodes)
            }}
          >
            {props.leave ? 'Save and continue' : many ? 'Save all' : 'Save'}
          </button>
        </>
      }
    >
      <p className="dialog-lead">
        What Save will write, against the file as it was opened: the lines <code>git diff</code> will show afterwards.
      </p>
      {props.episodes.map((handle) => (
        <EpisodeChanges key={handle} handle={handle} />
      ))}
    </Modal>
  )
}
