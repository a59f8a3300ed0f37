import { memo, useLayoutEffect, useMemo } from 'react'
import { isHeader, type EntryId } from '../../shared/episode/index'
import { useAppState, useEntry } from '../state/hooks'
import { speakerOf, speakersOf } from '../state/selectors'
import { openRosterOf } from '../state/speaker-names'
import { TranscriptRow, type PickerData, type RowProps } from './transcript-row'

/** What the grid gives a row: which entry, where, and the grid-wide state it shows. */
export interface GridRowProps extends Omit<RowProps, 'entry' | 'header' | 'speakerIndex' | 'picker'> {
  readonly id: EntryId
  /** Speakers in roster order (a speaker's position colours its dot). */
  readonly roster: readonly string[]
  /** Puts the follow highlight (the `spoken` class, kept by the grid, not rendered) back on the row after React wrote its class. */
  readonly markSpoken: (id: EntryId) => void
}

/**
 * A grid row that reads its own entry from the store, so a change to one entry (a keystroke in
 * its cell) re-renders that row and nothing else: the grid depends only on the row ids.
 */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { id, roster, markSpoken, ...rest } = props
  const entry = useEntry(id)
  // The row's class as rendered has no `spoken`: after every commit of the row, the grid puts it back.
  useLayoutEffect(() => {
    markSpoken(id)
  })
  // Only the row whose speaker is being picked reads the whole document (for the counts).
  const pickingDoc = useAppState((s) => (props.editing?.column === 'who' ? (s.session?.editor.doc ?? null) : null))
  const speakers = useAppState((s) => (props.editing?.column === 'who' ? openRosterOf(s) : null))
  const picker = useMemo<PickerData | null>(
    () => (pickingDoc && speakers ? { speakers, counts: speakersOf(pickingDoc) } : null),
    [pickingDoc, speakers],
  )
  if (!entry) return null
  const who = speakerOf(entry)
  return <TranscriptRow {...rest} entry={entry} header={isHeader(entry)} speakerIndex={who === null ? -1 : roster.indexOf(who)} picker={picker} />
})
