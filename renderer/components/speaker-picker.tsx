import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { EntryId } from '../../shared/episode/index'
import { formatKeys } from '../keymap'
import { commitEdit, commitPendingEdit, setEditDraft, setRowSpeaker } from '../state/commands'
import { useController } from '../state/hooks'
import { matchingSpeakers, quickKeyOf, type SpeakerRoster } from '../state/speaker-names'
import { normalizeName } from '../../shared/workspace/speakers'
import { usePopupPlace } from './popup-place'

/** One choice of the picker. */
interface Choice {
  readonly value: string | null
  readonly label: string
  readonly hint: string
  /** A value of the episode that is no person (text pasted into `who`, a speaker written wrong): listed apart, last. */
  readonly other?: true
}

/** The heading of the picker's group of values that are no person. */
const OTHER_VALUES = 'Other values in this episode'

/** What the hint of a speaker says about their role. */
const roleLabels = { guest: 'guest', host: 'host', other: '' } as const

/**
 * The choices for a typed text: the episode's speakers by display name (guests, the host, then
 * other people), those whose name or `who` matches the text first, then "new" and "none", then,
 * apart, the episode's other values (`SpeakerRoster.named`: a sentence in `who` is no person), so
 * Enter on a few typed letters never writes one. Choosing one writes the `who` the file uses for that person.
 */
function pickerChoices(speakers: SpeakerRoster, counts: ReadonlyMap<string, number>, typed: string): Choice[] {
  const q = normalizeName(typed)
  const hint = (who: string) => {
    const n = quickKeyOf(speakers, who)
    const c = counts.get(who)
    const name = speakers.nameOf(who)
    const role = roleLabels[speakers.choiceOf(who)?.role ?? 'other']
    return [
      n !== null ? formatKeys(`Alt-${n}`) : '',
      role,
      c ? `${c} ${c === 1 ? 'line' : 'lines'}` : '',
      name !== who ? `writes “${who}”` : '',
    ].filter(Boolean).join(' · ')
  }
  const matches = matchingSpeakers(speakers, typed)
  const people = new Set(speakers.order.slice(0, speakers.named))
  const choice = (who: string): Choice => ({ value: who, label: speakers.nameOf(who), hint: hint(who), ...(people.has(who) ? {} : { other: true as const }) })
  const choices: Choice[] = matches.filter((who) => people.has(who)).map(choice)
  const exact = matches.some((who) => normalizeName(who) === q || normalizeName(speakers.nameOf(who)) === q)
  if (q && !exact) choices.push({ value: typed.trim(), label: `Use “${typed.trim()}”`, hint: 'new speaker' })
  if (!q) choices.push({ value: null, label: 'No speaker', hint: 'remove' })
  choices.push(...matches.filter((who) => !people.has(who)).map(choice))
  return choices
}

/** The list's distance from the field and its greatest height (px), as grid.css draws it. */
const LIST_GAP = 8
const LIST_MAX_HEIGHT = 260

/** Scrolls the list just enough to show its choice `item` (the one the arrow keys made active; it may sit in a group). */
function revealChoice(list: HTMLElement, item: HTMLElement | null): void {
  if (!item) return
  const pad = 4
  if (item.offsetTop - pad < list.scrollTop) list.scrollTop = item.offsetTop - pad
  else if (item.offsetTop + item.offsetHeight + pad > list.scrollTop + list.clientHeight) list.scrollTop = item.offsetTop + item.offsetHeight + pad - list.clientHeight
}

/** The speaker cell's editor: a combobox with type-ahead over the episode's speakers, by name. */
export function SpeakerPicker(props: {
  id: EntryId
  /** The row's speaker before editing. */
  current: string | null
  draft: string
  speakers: SpeakerRoster
  counts: ReadonlyMap<string, number>
}) {
  const { id, current, draft, speakers, counts } = props
  const controller = useController()
  const inputRef = useRef<HTMLInputElement>(null)
  const listId = useId()
  // Until the user types, every speaker is offered with the current one highlighted; typing filters.
  const [typed, setTyped] = useState(() => draft !== (current ?? ''))
  const choices = useMemo(() => pickerChoices(speakers, counts, typed ? draft : ''), [speakers, counts, draft, typed])
  const [active, setActive] = useState(0)
  const listRef = useRef<HTMLUListElement>(null)
  // Below the field, or above it when there is more room there, and no taller than the room: the
  // grid's view clips the list. Placed once, when the picker opens with every speaker listed.
  const place = usePopupPlace(listRef, LIST_GAP, LIST_MAX_HEIGHT, null)

  useLayoutEffect(() => {
    if (listRef.current) revealChoice(listRef.current, document.getElementById(`${listId}-${active}`))
  }, [active, place, listId])

  useEffect(() => {
    const input = inputRef.current
    if (!input) return
    input.focus()
    if (typed) input.setSelectionRange(input.value.length, input.value.length)
    else input.select()
    // Runs once, when the picker opens; `typed` is read for its initial value.
  }, [])

  useEffect(() => {
    if (!typed) {
      const i = choices.findIndex((c) => c.value === current)
      setActive(i >= 0 ? i : 0)
    } else setActive(0)
  }, [choices, current, typed])

  const choose = (choice: Choice | undefined, move: 0 | 1 | -1 = 0) => {
    if (!choice) return
    if (move === 0) {
      controller.dispatch(setRowSpeaker(id, choice.value))
      return
    }
    controller.dispatch(setEditDraft(choice.value ?? ''))
    controller.dispatch(commitEdit(move))
  }

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const e = event.nativeEvent
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      event.preventDefault()
      const n = choices.length
      setActive((a) => (n === 0 ? 0 : (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n))
      return
    }
    if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      event.preventDefault()
      choose(choices[active])
      return
    }
    if (e.key === 'Tab' && !e.altKey && !e.ctrlKey && !e.metaKey) {
      event.preventDefault()
      choose(choices[active], e.shiftKey ? -1 : 1)
      return
    }
    controller.handleKey(e, 'editing')
  }

  const activeChoice = choices[active]
  const firstOther = choices.findIndex((c) => c.other)
  const option = (c: Choice, i: number) => (
    <li
      key={`${c.value ?? ''}|${c.label}`}
      id={`${listId}-${i}`}
      role="option"
      aria-selected={i === active}
      className={i === active ? 'active' : undefined}
      title={c.value !== null && c.value !== c.label ? `${c.label} (written “${c.value}”)` : (c.value ?? undefined)}
      onMouseDown={(e) => {
        e.preventDefault()
        choose(c)
      }}
      onMouseEnter={() => setActive(i)}
    >
      <span className="option-label">{c.label}</span>
      {c.hint && <span className="option-hint">{c.hint}</span>}
    </li>
  )
  return (
    <div className="speaker-picker" onMouseDown={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <input
        ref={inputRef}
        className="cell-input"
        role="combobox"
        aria-label="Speaker"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeChoice ? `${listId}-${active}` : undefined}
        spellCheck={false}
        value={draft}
        onChange={(e) => {
          setTyped(true)
          controller.dispatch(setEditDraft(e.target.value))
        }}
        onKeyDown={onKeyDown}
        // Clicking away applies what was typed, as Enter would.
        onBlur={() => controller.dispatch(commitPendingEdit(id))}
      />
      <ul
        ref={listRef}
        className={place?.above ? 'speaker-options above' : 'speaker-options'}
        style={place ? { maxHeight: place.maxHeight } : undefined}
        role="listbox"
        id={listId}
        aria-label="Speakers"
      >
        {choices.map((c, i) => (c.other ? null : option(c, i)))}
        {firstOther >= 0 && (
          <li role="none" className="option-group">
            <div role="group" aria-labelledby={`${listId}-other`}>
              <div id={`${listId}-other`} className="option-group-label">
                {OTHER_VALUES}
              </div>
              <ul role="none">{choices.map((c, i) => (c.other ? option(c, i) : null))}</ul>
            </div>
          </li>
        )}
      </ul>
    </div>
  )
}
