import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { compiledFind } from '../state/find-matches'
import { createPortal } from 'react-dom'
import type { EntryId } from '../../shared/episode/index'
import type { ActionId } from '../keymap'
import type { AppState, Column, Session } from '../state/app-state'
import { setCursor, startEdit } from '../state/commands'
import { useAppState, useController, useDeferredProblems } from '../state/hooks'
import type { EditorProblem } from '../state/problems'
import { computeOffsets, rowAt } from '../state/row-layout'
import { indexInRows, problemsByIdOf, rowIdsOf } from '../state/selectors'
import { openRosterOf } from '../state/speaker-names'
import { GridRow } from './grid-row'
import { RowContextMenu, type RowMenuPlace } from './row-context-menu'

/** Extra pixels rendered above and below the viewport. */
const OVERSCAN_PX = 600

const EDITOR_SELECTOR = '.text-editor-host, .time-editor, .speaker-picker'

/** UTF-16 offset of a point inside a cell's text, for placing the caret where the user double-clicked. */
function offsetAtPoint(cell: HTMLElement, x: number, y: number): number | null {
  const textEl = cell.querySelector('.line-text, .header-text')
  if (!textEl) return null
  let node: Node | null = null
  let offset = 0
  const doc = cell.ownerDocument as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null
  }
  const pos = doc.caretPositionFromPoint?.(x, y)
  if (pos) {
    node = pos.offsetNode
    offset = pos.offset
  } else {
    const range = doc.caretRangeFromPoint?.(x, y)
    if (range) {
      node = range.startContainer
      offset = range.startOffset
    }
  }
  if (!node || !textEl.contains(node)) return null
  let total = 0
  const walker = doc.createTreeWalker(textEl, NodeFilter.SHOW_TEXT)
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return total + offset
    total += n.textContent?.length ?? 0
  }
  return null
}

/** The row follow mode highlights: the one being spoken while there is a recording. */
function spokenRowOf(state: AppState): EntryId | null {
  return state.player.source !== null ? state.player.spokenId : null
}

/** Puts a row element at its offset (rows carry their index in `data-index`). */
function placeRow(el: HTMLElement, offsets: Float64Array): void {
  const top = `${offsets[Number(el.dataset.index)] ?? 0}px`
  if (el.style.top !== top) el.style.top = top
}

/**
 * Measures again the rows in the DOM (their heights change with the grid's width) and forgets the
 * heights of the others, which are estimated for the new width until they are rendered. Called
 * after layout, when the scroller's width has changed, so the reads force no layout of their own.
 */
function remeasureRows(rowEls: ReadonlyMap<EntryId, HTMLElement>, measured: Map<EntryId, number>): void {
  measured.clear()
  for (const [id, el] of rowEls) {
    const height = el.getBoundingClientRect().height
    if (height) measured.set(id, height)
  }
}

/** A row kept in place while the rows are laid out anew: its index and how far above the view's top it starts. */
interface ScrollAnchor {
  readonly index: number
  readonly within: number
}

/** The part of the grid's scroller in view, and its width (row heights depend on it). */
interface Viewport {
  readonly top: number
  readonly height: number
  readonly width: number
}

/** Row offsets before the scroller's width is known (no row is placed by them). */
const UNMEASURED = new Float64Array(1)

/** No problem markers (while an episode's problems are being found). */
const NO_PROBLEMS: ReadonlyMap<EntryId, readonly EditorProblem[]> = new Map()

/**
 * The transcript as an ARIA grid. Only the rows near the viewport (plus the cursor row) are in
 * the DOM; rows are absolutely positioned from measured heights (estimated until measured), and
 * measurements above the viewport shift the scroll position so the view does not jump.
 *
 * The grid depends on the row ids, not on the entries: each row reads its own entry, and the grid
 * positions rows by setting their `top` itself, so a keystroke re-renders the edited row only,
 * even when its line wraps and the rows below move.
 */
export function TranscriptGrid() {
  const controller = useController()
  const rowIds = useAppState((s) => rowIdsOf(s.session!.editor.doc))
  const cursor = useAppState((s) => s.session!.cursor)
  const selection = useAppState((s) => s.session!.selection)
  const editing = useAppState((s) => s.session!.editing)
  // Follow mode's reveals (`ahead`) scroll from a store listener (below) without rendering the grid.
  const shownReveal = useRef<Session['reveal']>(null)
  const reveal = useAppState((s) => {
    const next = s.session!.reveal
    if (next?.ahead) return shownReveal.current
    shownReveal.current = next
    return next
  })
  const roster = useAppState((s) => openRosterOf(s)!.order)
  const findOpen = useAppState((s) => s.find.open)
  const findQuery = useAppState((s) => compiledFind(s.find).compiled)
  const query = useDeferredValue(findOpen ? findQuery : null)
  const checked = useDeferredProblems()
  const problems = checked ? problemsByIdOf(checked.doc, checked.problems) : NO_PROBLEMS

  const scrollerRef = useRef<HTMLDivElement>(null)
  // Unknown until the scroller is measured: the first commit then mounts only the cursor's row,
  // so the layout that measurement forces is the grid's frame, not rows guessed for a default size.
  const [viewport, setViewport] = useState<Viewport | null>(null)
  const measured = useRef(new Map<EntryId, number>())
  const [measureVersion, setMeasureVersion] = useState(0)
  const pendingAdjust = useRef(0)
  // Set when the width changes: the first visible row stays where it is as the offsets change.
  const pendingAnchor = useRef<ScrollAnchor | null>(null)

  const width = viewport?.width ?? null
  // Not the viewport itself: the reveal below need not run again at every scroll.
  const viewMeasured = viewport !== null
  const offsets = useMemo(
    // Heights of rows not measured yet are estimated from the entries as they are now; an edit
    // that keeps the rows (typing) changes the height of a row that is rendered, hence measured.
    () => (width === null ? UNMEASURED : computeOffsets(controller.store.getState().session?.editor.doc.entries ?? [], measured.current, width)),
    // measureVersion stands for the contents of `measured`.
    [controller, rowIds, measureVersion, width],
  )
  const total = viewport ? (offsets[rowIds.length] ?? 0) : 0
  const first = viewport ? rowAt(offsets, Math.max(0, viewport.top - OVERSCAN_PX)) : 0
  const last = viewport ? rowAt(offsets, viewport.top + viewport.height + OVERSCAN_PX) : -1
  const firstVisible = viewport ? rowAt(offsets, viewport.top) : 0

  const layout = useRef({ offsets, firstVisible, rowIds })
  layout.current = { offsets, firstVisible, rowIds }

  const observer = useMemo(
    () =>
      new ResizeObserver((records) => {
        const { offsets: offs, firstVisible: fv } = layout.current
        let changed = false
        for (const record of records) {
          const el = record.target as HTMLElement
          const id = Number(el.dataset.id)
          const index = Number(el.dataset.index)
          const height = record.borderBoxSize[0]?.blockSize ?? el.offsetHeight
          if (!height) continue
          const old = measured.current.get(id) ?? (offs[index + 1] ?? 0) - (offs[index] ?? 0)
          if (Math.abs(old - height) < 0.5) {
            measured.current.set(id, height)
            continue
          }
          measured.current.set(id, height)
          changed = true
          if (index < fv) pendingAdjust.current += height - old
        }
        if (changed) setMeasureVersion((v) => v + 1)
      }),
    [],
  )
  useEffect(() => () => observer.disconnect(), [observer])

  // Rows in the DOM, by entry id; the grid sets their `top` (see placeRow) and the follow highlight.
  const rowEls = useRef(new Map<EntryId, HTMLDivElement>())
  // The follow highlight is the `spoken` class, set here on the row elements, not rendered: a
  // playhead update that moves it touches two elements and renders no row. Rows put it back after
  // each commit (React writes their whole class).
  const markSpoken = useCallback(
    (id: EntryId) => {
      rowEls.current.get(id)?.classList.toggle('spoken', spokenRowOf(controller.store.getState()) === id)
    },
    [controller],
  )
  const rowRef = useCallback(
    (el: HTMLDivElement | null) => {
      if (!el) return
      const id = Number(el.dataset.id)
      placeRow(el, layout.current.offsets)
      rowEls.current.set(id, el)
      markSpoken(id)
      observer.observe(el)
      return () => {
        if (rowEls.current.get(id) === el) rowEls.current.delete(id)
        observer.unobserve(el)
      }
    },
    [observer, markSpoken],
  )
  useLayoutEffect(() => {
    for (const el of rowEls.current.values()) placeRow(el, offsets)
  })

  const viewportWidth = useRef(0)
  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    if (!scroller) return
    const update = () =>
      setViewport((v) => {
        const next = { top: scroller.scrollTop, height: scroller.clientHeight, width: scroller.clientWidth }
        return v && v.top === next.top && v.height === next.height && v.width === next.width ? v : next
      })
    viewportWidth.current = scroller.clientWidth
    update()
    const ro = new ResizeObserver(() => {
      const width = scroller.clientWidth
      if (Math.abs(width - viewportWidth.current) > 1) {
        // Wrapped heights depend on the width: measure the rendered rows again now, as a row whose
        // height did not change in this same layout is not reported by the rows' observer.
        viewportWidth.current = width
        const { offsets: offs, firstVisible: fv } = layout.current
        pendingAnchor.current = { index: fv, within: scroller.scrollTop - (offs[fv] ?? 0) }
        remeasureRows(rowEls.current, measured.current)
        setMeasureVersion((v) => v + 1)
      }
      update()
    })
    ro.observe(scroller)
    return () => ro.disconnect()
  }, [])

  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    const anchor = pendingAnchor.current
    if (scroller && anchor) {
      // The anchor accounts for every row above it, the measured ones included.
      scroller.scrollTop = (offsets[anchor.index] ?? 0) + anchor.within
      pendingAnchor.current = null
      pendingAdjust.current = 0
    } else if (scroller && pendingAdjust.current !== 0) {
      scroller.scrollTop += pendingAdjust.current
      pendingAdjust.current = 0
    }
  }, [offsets])

  // Scroll the revealed row into view, and focus the cursor cell when asked or when focus is in the grid.
  const lastReveal = useRef(0)
  useLayoutEffect(() => {
    const scroller = scrollerRef.current
    // Before the scroller is measured there are no offsets to reveal by: the next commit reveals.
    if (!scroller || !cursor || !viewMeasured) return
    const revealNow = reveal && reveal.seq !== lastReveal.current ? reveal : null
    if (revealNow) {
      lastReveal.current = revealNow.seq
      const index = indexInRows(rowIds, revealNow.id)
      if (index >= 0) {
        const top = offsets[index] ?? 0
        const bottom = offsets[index + 1] ?? top
        const view = { top: scroller.scrollTop, bottom: scroller.scrollTop + scroller.clientHeight }
        if (top < view.top) scroller.scrollTop = Math.max(0, top - 8)
        else if (bottom > view.bottom) scroller.scrollTop = bottom - scroller.clientHeight + 8 > top ? top - 8 : bottom - scroller.clientHeight + 8
      }
    }
    if (editing) return
    const cell = scroller.querySelector<HTMLElement>(`[data-id="${cursor.id}"] [data-col="${cursor.column}"]`)
    const active = document.activeElement
    const focusInGrid = active === null || active === document.body || scroller.contains(active)
    if (cell && active !== cell && (focusInGrid || revealNow?.focus)) cell.focus({ preventScroll: true })
  }, [reveal, cursor, editing, rowIds, offsets, viewMeasured])

  // Following the recording: when the spoken row reaches the last fifth of the view (or is out of
  // it), bring it up to a fifth from the top, so the lines after it show and the view moves every
  // few lines, not at each. Done as the store changes, then the highlight moves (see markSpoken):
  // the layout read comes first, while layout is clean, and the grid does not render for either
  // (only the rows scrolled in do).
  useLayoutEffect(() => {
    const followReveal = () => {
      const next = controller.store.getState().session?.reveal
      const scroller = scrollerRef.current
      if (!next?.ahead || next.seq === lastReveal.current || !scroller) return
      lastReveal.current = next.seq
      const { offsets: offs, rowIds: ids } = layout.current
      const index = indexInRows(ids, next.id)
      if (index < 0) return
      const top = offs[index] ?? 0
      const bottom = offs[index + 1] ?? top
      const height = scroller.clientHeight
      if (top < scroller.scrollTop || bottom > scroller.scrollTop + height * 0.8) scroller.scrollTop = Math.max(0, top - height * 0.2)
    }
    let highlighted = spokenRowOf(controller.store.getState())
    for (const id of rowEls.current.keys()) markSpoken(id)
    return controller.store.subscribe(() => {
      followReveal()
      const spoken = spokenRowOf(controller.store.getState())
      if (spoken === highlighted) return
      if (highlighted !== null) rowEls.current.get(highlighted)?.classList.remove('spoken')
      if (spoken !== null) rowEls.current.get(spoken)?.classList.add('spoken')
      highlighted = spoken
    })
  }, [controller, markSpoken])

  const onScroll = () => {
    const scroller = scrollerRef.current
    if (scroller) setViewport((v) => (v === null || v.top === scroller.scrollTop ? v : { ...v, top: scroller.scrollTop }))
  }

  const cellAt = (target: EventTarget | null): { id: EntryId; column: Column; cell: HTMLElement } | null => {
    const el = target as HTMLElement | null
    // A click on the row number selects the row (its text cell).
    const gutter = el?.closest?.<HTMLElement>('.gutter')
    const cell = gutter ? gutter.parentElement?.querySelector<HTMLElement>('[data-col="text"]') : el?.closest?.<HTMLElement>('[data-col]')
    const row = cell?.closest<HTMLElement>('[data-id]')
    if (!cell || !row) return null
    return { id: Number(row.dataset.id), column: cell.dataset.col as Column, cell }
  }

  const onMouseDown = (event: React.MouseEvent) => {
    if ((event.target as HTMLElement).closest(EDITOR_SELECTOR) || event.button !== 0) return
    const hit = cellAt(event.target)
    if (!hit) return
    if (event.altKey && hit.column === 'time') {
      // Alt+click on a time plays the recording from that row (the time cell's tooltip says so).
      event.preventDefault()
      controller.dispatch(setCursor(hit.id, hit.column))
      controller.run('play-row')
      return
    }
    const mode = event.shiftKey ? 'extend' : event.ctrlKey || event.metaKey ? 'toggle' : 'replace'
    if (mode !== 'replace') event.preventDefault()
    controller.dispatch(setCursor(hit.id, hit.column, mode))
    if (mode !== 'replace') hit.cell.focus({ preventScroll: true })
  }

  const onDoubleClick = (event: React.MouseEvent) => {
    if ((event.target as HTMLElement).closest(EDITOR_SELECTOR)) return
    const hit = cellAt(event.target)
    if (!hit) return
    const offset = hit.column === 'text' ? offsetAtPoint(hit.cell, event.clientX, event.clientY) : null
    controller.dispatch(setCursor(hit.id, hit.column))
    controller.dispatch(startEdit(offset ?? 'end'))
  }

  const onClick = (event: React.MouseEvent) => {
    const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]')
    if (button) controller.run(button.dataset.action as ActionId)
  }

  // The selected rows' context menu: right-click, Shift+F10 or the ContextMenu key.
  const [menu, setMenu] = useState<RowMenuPlace | null>(null)
  const menuOpen = useRef(false)
  const openMenu = (place: RowMenuPlace) => {
    menuOpen.current = true
    setMenu(place)
  }
  const closeMenu = useCallback(() => {
    menuOpen.current = false
    setMenu(null)
  }, [])
  const onContextMenu = (event: React.MouseEvent) => {
    // Cell editors keep the browser's own menu (spelling suggestions).
    if ((event.target as HTMLElement).closest(EDITOR_SELECTOR)) return
    event.preventDefault()
    const hit = cellAt(event.target)
    if (!hit || menuOpen.current) return
    if (!selection.has(hit.id)) controller.dispatch(setCursor(hit.id, hit.column))
    const focusCell = selection.has(hit.id) && cursor ? scrollerRef.current?.querySelector<HTMLElement>(`[data-id="${cursor.id}"] [data-col="${cursor.column}"]`) : hit.cell
    openMenu({ x: event.clientX, y: event.clientY, returnFocus: focusCell ?? hit.cell })
  }

  const onKeyDown = (event: React.KeyboardEvent) => {
    const target = event.target as HTMLElement
    if (target.closest(EDITOR_SELECTOR)) return
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      const cell = target.closest<HTMLElement>('[data-col]')
      const box = cell?.getBoundingClientRect()
      if (cell && box) openMenu({ x: box.left + 8, y: box.top + Math.min(box.height, 28), returnFocus: cell })
      return
    }
    if (controller.handleKey(event.nativeEvent, 'grid')) return
    const e = event.nativeEvent
    if (cursor && e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // Type-ahead: typing on a speaker or time cell opens its editor with what was typed.
      if (cursor.column === 'who' || (cursor.column === 'time' && /[0-9:]/.test(e.key))) {
        event.preventDefault()
        controller.dispatch(startEdit('end', e.key))
      }
    }
  }

  const rendered = new Set<number>()
  for (let i = first; i <= last && i < rowIds.length; i++) rendered.add(i)
  const cursorIndex = cursor ? indexInRows(rowIds, cursor.id) : -1
  if (cursorIndex >= 0) rendered.add(cursorIndex)
  const editingIndex = editing ? indexInRows(rowIds, editing.id) : -1
  if (editingIndex >= 0) rendered.add(editingIndex)

  const rows = [...rendered].sort((a, b) => a - b).map((i) => {
    const id = rowIds[i]!
    const rowProblems = problems.get(id)
    return (
      <GridRow
        key={id}
        id={id}
        index={i}
        cursorColumn={i === cursorIndex ? cursor!.column : null}
        selected={selection.has(id)}
        editing={i === editingIndex ? editing : null}
        problems={rowProblems ? rowProblems.map((p) => p.message).join('\n') : ''}
        problemCodes={rowProblems ? rowProblems.map((p) => p.code).join(' ') : ''}
        problemIsError={rowProblems?.some((p) => p.severity === 'error') ?? false}
        query={query}
        roster={roster}
        rowRef={rowRef}
        markSpoken={markSpoken}
      />
    )
  })

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Transcript"
      aria-rowcount={rowIds.length + 1}
      aria-colcount={3}
      aria-multiselectable="true"
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="head-row">
          <div className="gutter" aria-hidden="true">
            #
          </div>
          <div role="columnheader" className="head-cell">
            Time
          </div>
          <div role="columnheader" className="head-cell">
            Speaker
          </div>
          <div role="columnheader" className="head-cell">
            Text
          </div>
        </div>
      </div>
      {/* The scroller is not a flex item (Blink never lays a flex item out on its own): rows it mounts lay out from it, not the page. */}
      <div className="grid-body-frame">
        <div
          role="rowgroup"
          className="grid-body"
          ref={scrollerRef}
          onScroll={onScroll}
          onMouseDown={onMouseDown}
          onDoubleClick={onDoubleClick}
          onClick={onClick}
          onKeyDown={onKeyDown}
          onContextMenu={onContextMenu}
        >
          <div className="grid-canvas" style={{ height: total }}>
            {rows}
          </div>
          {rowIds.length === 0 && (
            <div className="grid-empty">
              This episode has no transcript entries yet. Insert a section header with the toolbar to begin.
            </div>
          )}
        </div>
      </div>
      {menu && createPortal(<RowContextMenu place={menu} onClose={closeMenu} />, document.body)}
    </div>
  )
}
