import { useMemo } from 'react'
import { diffLines } from './line-diff'

/** A unified line diff of two texts, in hunks with three lines of context. */
export function DiffView(props: { before: string; after: string; beforeLabel: string; afterLabel: string }) {
  const hunks = useMemo(() => diffLines(props.before, props.after), [props.before, props.after])
  const removed = hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === 'removed').length, 0)
  const added = hunks.reduce((n, h) => n + h.lines.filter((l) => l.kind === 'added').length, 0)
  return (
    <div className="diff-view">
      <div className="diff-legend">
        <span className="diff-removed-label">− {props.beforeLabel} ({removed} lines)</span>
        <span className="diff-added-label">+ {props.afterLabel} ({added} lines)</span>
      </div>
      {hunks.length === 0 ? (
        <p className="panel-empty">The two versions are identical.</p>
      ) : (
        <div className="diff-body" tabIndex={0} aria-label="Differences">
          {hunks.map((hunk, h) => (
            <div key={h} className="diff-hunk">
              <div className="diff-hunk-head">Line {hunk.lines[0]?.oldLine ?? hunk.lines[0]?.newLine}</div>
              {hunk.lines.map((line, i) => (
                <div key={i} className={`diff-line ${line.kind}`}>
                  <span className="diff-sign" aria-hidden="true">
                    {line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' '}
                  </span>
                  <span className="diff-text">{line.text || ' '}</span>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
