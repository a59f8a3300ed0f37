import { useState } from 'react'
import { formatKeys } from '../keymap'
import { basename } from './path-name'
import { useAppState, useController, useDeferredProblems, useSettledDoc } from '../state/hooks'
import { setDialog, showSidePanel } from '../state/commands'
import { dirtyOf, speakersOf, summaryOf } from '../state/selectors'
import { openRosterOf, quickKeyOf } from '../state/speaker-names'

/** Speaker chips shown before "+N more": a roster polluted with sentences must not push the transcript down. */
const COLLAPSED_CHIPS = 4

/** The episode's header: title, season and episode, speakers with their line counts, status. */
export function EpisodeSummary() {
  const controller = useController()
  const path = useAppState((s) => s.session!.path)
  const speakers = useAppState(openRosterOf)!
  const roster = speakers.order
  const dirty = useAppState((s) => dirtyOf(s.session!.editor))
  const saving = useAppState((s) => s.session!.saving)
  const doc = useSettledDoc()
  const { title, season, episode, entries, lines, headers } = summaryOf(doc)
  const counts = speakersOf(doc)
  const problems = useDeferredProblems()?.problems ?? null
  const [allChips, setAllChips] = useState(false)
  const hidden = allChips ? 0 : Math.max(0, roster.length - COLLAPSED_CHIPS)

  return (
    <header className="episode-summary">
      <div className="summary-main">
        <div className="summary-kicker">
          {season !== undefined && <span>Season {season}</span>}
          {episode !== undefined && <span>Episode {episode}</span>}
          <span className="file-name" title={path}>
            {basename(path)}
          </span>
        </div>
        <h1 className="episode-title" title={title ?? undefined}>{title ?? <span className="missing-title">Untitled episode</span>}</h1>
        <div className="summary-facts">
          <span data-testid="entry-count">
            {entries} entries
          </span>
          <span aria-hidden="true">·</span>
          <span>{lines} lines</span>
          <span aria-hidden="true">·</span>
          <span>{headers} sections</span>
          <span aria-hidden="true">·</span>
          <button
            type="button"
            className={problems?.length ? 'link-button problems-link warn' : 'link-button problems-link'}
            onClick={() => controller.dispatch(showSidePanel('problems'))}
            aria-label={problems ? `${problems.length} problems; show them` : 'Checking for problems; show them'}
          >
            {problems === null ? 'Checking…' : problems.length === 0 ? 'No problems' : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`}
          </button>
        </div>
      </div>
      <div className="summary-side">
        <div className={`save-state ${saving ? 'saving' : dirty ? 'dirty' : 'clean'}`} role="status" aria-live="polite" data-testid="save-state">
          <span className="save-dot" aria-hidden="true" />
          {saving ? 'Saving…' : dirty ? 'Unsaved changes' : 'Saved'}
        </div>
        <ul className={allChips ? 'speaker-chips all' : 'speaker-chips'} aria-label="Speakers">
          {roster.slice(0, roster.length - hidden).map((who, i) => {
            const n = counts.get(who) ?? 0
            const name = speakers.nameOf(who)
            const role = speakers.choiceOf(who)?.role
            const unknown = role === undefined && speakers.choices.length > 0
            // Only people are numbered: a sentence in `who` is shown (and flagged) but no Alt key writes it.
            const key = quickKeyOf(speakers, who)
            const about = `${name}${name !== who ? ` (written “${who}”)` : ''}${role === 'guest' || role === 'host' ? `, ${role}` : unknown ? ', not a guest or the host of this episode' : ''}`
            return (
              <li key={who}>
                <button
                  type="button"
                  className={`speaker-chip${n === 0 ? ' unused' : ''}${unknown ? ' unknown' : ''}`}
                  title={`${about}: ${n} ${n === 1 ? 'line' : 'lines'}${key !== null ? ` · ${formatKeys(`Alt-${key}`)} assigns` : ''} · click to rename`}
                  onClick={() => controller.dispatch(setDialog({ kind: 'rename', from: who }))}
                >
                  {key !== null && <kbd className="chip-key">{key}</kbd>}
                  <span className={`speaker-dot s${i % 8}`} aria-hidden="true" />
                  <span className="chip-name">{name}</span>
                  <span className="chip-count">{n}</span>
                </button>
              </li>
            )
          })}
          {roster.length > COLLAPSED_CHIPS && (
            <li>
              <button type="button" className="speaker-chip more" aria-expanded={allChips} onClick={() => setAllChips(!allChips)}>
                {allChips ? 'Fewer' : `+${hidden} more`}
              </button>
            </li>
          )}
        </ul>
      </div>
    </header>
  )
}
