import { dismissFailure } from '../state/failures'
import { useAppState, useController } from '../state/hooks'

/**
 * Lasting notices about the host, above everything else: the connection is lost (edits are kept
 * here but neither saved nor journalled until it is back), and the last background failure,
 * shown until dismissed so that nothing fails invisibly.
 */
export function HostNotices() {
  const controller = useController()
  const lost = useAppState((s) => s.connection === 'lost')
  const failure = useAppState((s) => s.failure)
  return (
    <>
      {lost && (
        <div className="banner warn" role="alert" data-testid="connection-banner">
          <div className="banner-text">
            <strong>The editor lost its connection to the host:</strong> changes are kept here but not saved or journalled; it reconnects by itself…
          </div>
        </div>
      )}
      {failure && (
        <div className="banner warn" role="alert" data-testid="failure-banner">
          <div className="banner-text">{failure.text}</div>
          <div className="banner-actions">
            <button type="button" className="button" onClick={() => controller.dispatch(dismissFailure(failure.seq))}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </>
  )
}
