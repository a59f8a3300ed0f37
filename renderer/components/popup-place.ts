import { useLayoutEffect, useState, type RefObject } from 'react'

/** Where a cell editor's popup goes: below its cell or above it, and how tall it may be (px). */
export interface PopupPlace {
  readonly above: boolean
  readonly maxHeight: number
}

/** Vertical extent of a box on the page. */
interface Span {
  readonly top: number
  readonly bottom: number
}

/**
 * Where a popup `wanted` pixels tall fits beside `anchor` within `view`, `gap` pixels away from
 * the anchor: below when it fits there, else on the side with more room, as desktop combo boxes
 * do; its height is limited to that room (the popup scrolls), never below `least`.
 */
export function popupPlace(anchor: Span, view: Span, wanted: number, gap: number, least = 40): PopupPlace {
  const below = view.bottom - anchor.bottom - gap
  const above = anchor.top - view.top - gap
  const up = below < wanted && above > below
  return { above: up, maxHeight: Math.max(least, Math.floor(up ? above : below)) }
}

/** Room left between a popup and the edge of the view it must stay in (px). */
const EDGE = 4

/**
 * Places a cell editor's popup beside the box it is positioned against (its offset parent: the
 * cell, or the picker's field) inside the grid's visible area, which clips it. It is at most
 * `limit` pixels tall, `gap` pixels from that box; measured when it appears and again when `key`
 * changes (say, its text). Until measured (null), the popup is below, as its style puts it.
 */
export function usePopupPlace(popup: RefObject<HTMLElement | null>, gap: number, limit: number, key: unknown): PopupPlace | null {
  const [place, setPlace] = useState<PopupPlace | null>(null)
  useLayoutEffect(() => {
    const p = popup.current
    const anchor = p?.offsetParent
    const view = p?.closest('.grid-body')
    if (!p || !anchor || !view) return
    const style = getComputedStyle(p)
    // Its content's height (scrollHeight ignores any maximum), borders included.
    const natural = p.scrollHeight + Number.parseFloat(style.borderTopWidth) + Number.parseFloat(style.borderBottomWidth)
    const frame = view.getBoundingClientRect()
    const room = { top: frame.top + EDGE, bottom: Math.min(frame.bottom, window.innerHeight) - EDGE }
    const next = popupPlace(anchor.getBoundingClientRect(), room, Math.min(limit, natural), gap)
    const capped = { above: next.above, maxHeight: Math.min(limit, next.maxHeight) }
    setPlace((old) => (old && old.above === capped.above && old.maxHeight === capped.maxHeight ? old : capped))
  }, [popup, gap, limit, key])
  return place
}
