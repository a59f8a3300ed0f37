import { memo, type Ref } from 'react'
import type { CompiledQuery } from '../../shared/workspace/find-query'
import type { Entry } from '../../shared/episode/index'
import { shortcutLabel } from '../keymap'
import type { Column, Editing } from '../state/app-state'
import { displayTime, headerText, lineText, problemColumn, speakerOf, timeIsDerived } from '../state/selectors'
import type { SpeakerRoster } from '../state/speaker-names'
import { highlight } from './highlight'
import { SpeakerPicker } from './speaker-picker'
import { TextCellEditor } from './text-cell-editor'
import { TimeCellEditor } from './time-cell-editor'

/** What the speaker picker needs, passed only to the row being edited. */
export interface PickerData {
  readonly speakers: SpeakerRoster
  readonly counts: ReadonlyMap<string, number>
}

/**
 * Props of one grid row; everything is a value so memo skips rows that did not change. The row's
 * vertical position is not a prop: the grid sets it on the element (moving rows re-renders none).
 */
export interface RowProps {
  readonly entry: Entry
  readonly index: number
  readonly header: boolean
  /** The cursor's column when the cursor is on this row. */
  readonly cursorColumn: Column | null
  readonly selected: boolean
  readonly editing: Editing | null
  /** Lint messages, one per line, and their codes, space-separated ('' when none). */
  readonly problems: string
  readonly problemCodes: string
  /** Whether any of the row's problems is an error (a red marker). */
  readonly problemIsError: boolean
  /** The find bar's query while it is open, for highlighting matches. */
  readonly query: CompiledQuery | null
  /** Position of the speaker in the roster (colours its dot); -1 when none or unknown. */
  readonly speakerIndex: number
  readonly picker: PickerData | null
  readonly rowRef: Ref<HTMLDivElement>
}

function cellClass(base: string, cursor: boolean, extra = ''): string {
  return `cell ${base}${cursor ? ' cursor' : ''}${extra ? ` ${extra}` : ''}`
}

/** One transcript row: a line (time, speaker, text) or a full-width section header. */
export const TranscriptRow = memo(function TranscriptRow(props: RowProps) {
  const { entry, index, header, cursorColumn, selected, editing, problems, problemCodes, problemIsError, query, speakerIndex, picker, rowRef } = props
  const rowClass = `row ${header ? 'header-row' : 'line-row'}${selected ? ' selected' : ''}${cursorColumn ? ' cursor-row' : ''}${problems ? ' has-problem' : ''}`
  const gutter = (
    <div className="gutter" aria-hidden="true" title={problems || undefined}>
      {problems ? <span className={`marker ${problemIsError ? 'marker-error' : ''}`} /> : null}
      <span className="row-number">{index + 1}</span>
    </div>
  )

  if (header) {
    const text = headerText(entry)
    const isEditing = editing?.column === 'text'
    return (
      <div ref={rowRef} role="row" aria-rowindex={index + 2} aria-selected={selected} className={rowClass} data-id={entry.id} data-index={index}>
        {gutter}
        <div
          role="gridcell"
          aria-colspan={3}
          aria-labelledby={isEditing ? undefined : `mark-${entry.id} title-${entry.id}`}
          aria-label={isEditing ? `Section ${text}` : undefined}
          aria-description={problems || undefined}
          data-col="text"
          tabIndex={cursorColumn ? 0 : -1}
          className={cellClass('header-cell', cursorColumn === 'text', isEditing ? 'editing' : '')}
        >
          <span className="section-mark" id={`mark-${entry.id}`}>
            Section
          </span>{' '}
          {/* The spaces keep words apart in the cell's text as assistive tools read it (flex hides them on screen). */}
          {isEditing ? (
            <TextCellEditor id={entry.id} text={text} caret={editing.caret} label="Section header" />
          ) : (
            <span className={text ? 'header-text' : 'header-text missing'} id={`title-${entry.id}`}>
              {text ? highlight(text, query, 'headers') : 'Untitled section'}
            </span>
          )}
          {' '}
          {cursorColumn && !isEditing && (
            <span className="row-actions">
              <button type="button" tabIndex={-1} data-action="move-up" aria-label="Move section up" title={`Move up (${shortcutLabel('move-up')})`}>
                ↑
              </button>
              <button type="button" tabIndex={-1} data-action="move-down" aria-label="Move section down" title={`Move down (${shortcutLabel('move-down')})`}>
                ↓
              </button>
              <button type="button" tabIndex={-1} data-action="delete-header" aria-label="Delete section" title={`Delete (${shortcutLabel('delete-rows')})`}>
                ✕
              </button>
            </span>
          )}
        </div>
      </div>
    )
  }

  const time = displayTime(entry)
  const derived = timeIsDerived(entry)
  const who = speakerOf(entry)
  const text = lineText(entry)
  const flagged = problemCodes ? problemCodes.split(' ').map((code) => problemColumn(code)) : []
  const timeFlag = flagged.includes('time')
  const whoFlag = flagged.includes('who')
  const editCol = editing?.column ?? null
  return (
    <div ref={rowRef} role="row" aria-rowindex={index + 2} aria-selected={selected} className={rowClass} data-id={entry.id} data-index={index}>
      {gutter}
      <div
        role="gridcell"
        aria-label={time ? `Time ${time}` : 'Time missing'}
        aria-description={timeFlag ? problems : undefined}
        data-col="time"
        tabIndex={cursorColumn === 'time' ? 0 : -1}
        className={cellClass('time-cell', cursorColumn === 'time', `${time ? '' : 'missing'}${derived ? ' derived' : ''}${timeFlag ? ' flagged' : ''}${editCol === 'time' ? ' editing' : ''}`)}
      >
        {editCol === 'time' ? (
          <TimeCellEditor id={entry.id} draft={editing!.draft ?? ''} error={editing!.error} />
        ) : time ? (
          <span title={timeFlag ? problems : `${derived ? 'No "time" key: shown from "sec". ' : ''}Alt+click: play from here`}>{time}</span>
        ) : (
          <span className="empty-mark">no time</span>
        )}
      </div>
      <div
        role="gridcell"
        aria-label={who ? `Speaker ${who}` : 'Speaker missing'}
        aria-description={whoFlag ? problems : undefined}
        data-col="who"
        tabIndex={cursorColumn === 'who' ? 0 : -1}
        className={cellClass('who-cell', cursorColumn === 'who', `${who ? '' : 'missing'}${whoFlag ? ' flagged' : ''}${editCol === 'who' ? ' editing' : ''}`)}
      >
        {editCol === 'who' && picker ? (
          <SpeakerPicker id={entry.id} current={who} draft={editing!.draft ?? ''} speakers={picker.speakers} counts={picker.counts} />
        ) : who ? (
          <span className="speaker" title={whoFlag ? `${who}\n${problems}` : who}>
            <span className={`speaker-dot s${speakerIndex >= 0 ? speakerIndex % 8 : 'x'}`} aria-hidden="true" />
            <span className="speaker-name">{highlight(who, query, 'speakers')}</span>
          </span>
        ) : (
          <span className="empty-mark">no speaker</span>
        )}
      </div>
      <div
        role="gridcell"
        aria-label={text ? undefined : text === null ? 'Line missing' : 'Line empty'}
        aria-description={problems && !timeFlag && !whoFlag ? problems : undefined}
        data-col="text"
        tabIndex={cursorColumn === 'text' ? 0 : -1}
        className={cellClass('text-cell', cursorColumn === 'text', `${text ? '' : 'missing'}${editCol === 'text' ? ' editing' : ''}`)}
      >
        {editCol === 'text' ? (
          <TextCellEditor id={entry.id} text={text ?? ''} caret={editing!.caret} label={`Line ${index + 1}${who ? `, ${who}` : ''}`} />
        ) : text ? (
          <span className="line-text">{highlight(text, query, 'lines')}</span>
        ) : (
          <span className="empty-mark">{text === null ? 'no text' : 'empty line'}</span>
        )}
      </div>
    </div>
  )
})
