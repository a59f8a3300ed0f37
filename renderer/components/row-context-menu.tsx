import { useLayoutEffect, useRef, useState } from 'react'
import { isHeader } from '../../shared/episode/index'
import { shortcutLabel, type ActionId } from '../keymap'
import { LIST_KEYS, listKeyTarget } from './list-keys'
import { assignSpeaker, selectedIndices } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { indexOfId, speakersOf } from '../state/selectors'
import { openRosterOf, quickKeyOf } from '../state/speaker-names'

/** Where the row menu opens (viewport pixels) and the cell to give focus back to when it closes. */
export interface RowMenuPlace {
  readonly x: number
  readonly y: number
  readonly returnFocus: HTMLElement | null
}

interface Item {
  readonly label: string
  readonly action?: ActionId
  readonly shortcut?: string
  readonly submenu?: boolean
}

/** Keeps a menu of this size inside the window. */
function clampTo(x: number, y: number, el: HTMLElement | null): { left: number; top: number } {
  const w = el?.offsetWidth ?? 0
  const h = el?.offsetHeight ?? 0
  return { left: Math.max(4, Math.min(x, window.innerWidth - w - 4)), top: Math.max(4, Math.min(y, window.innerHeight - h - 4)) }
}

/** Moves focus among a menu's items: arrows wrap, Home and End jump. */
function moveFocus(menu: HTMLElement | null, key: string): void {
  const items = [...(menu?.querySelectorAll<HTMLElement>(':scope > [role="menuitem"]') ?? [])]
  if (items.length === 0) return
  const next = listKeyTarget(key, items.indexOf(document.activeElement as HTMLElement), items.length, true)
  if (next !== null) items[next]!.focus()
}

/**
 * The selected rows' context menu (right-click, Shift+F10 or the ContextMenu key): "Assign speaker ▸"
 * with each speaker, and the row actions that apply to the cursor row. ARIA menu roles; arrows move,
 * → and ← open and close the speakers, Enter runs, Escape closes and focus returns to the cell.
 */
export function RowContextMenu(props: { place: RowMenuPlace; onClose: () => void }) {
  const { place, onClose } = props
  const controller = useController()
  const session = useAppState((s) => s.session!)
  const menuRef = useRef<HTMLDivElement>(null)
  const subRef = useRef<HTMLDivElement>(null)
  const [subOpen, setSubOpen] = useState(false)
  const [pos, setPos] = useState({ left: place.x, top: place.y })
  const [subPos, setSubPos] = useState({ left: 0, top: 0 })

  const doc = session.editor.doc
  const cursorIndex = session.cursor ? indexOfId(doc, session.cursor.id) : -1
  const cursorEntry = doc.entries[cursorIndex]
  const onHeader = cursorEntry !== undefined && isHeader(cursorEntry)
  const selected = selectedIndices(session).length
  const lines = selectedIndices(session).filter((i) => !isHeader(doc.entries[i]!)).length
  const counts = speakersOf(doc)
  const speakers = useAppState(openRosterOf)!
  const items: Item[] = [
    ...(lines > 0 ? [{ label: 'Assign speaker', submenu: true }] : []),
    { label: 'Insert section above', action: 'insert-header' },
    ...(onHeader
      ? [
          { label: 'Move section up', action: 'move-up' as const },
          { label: 'Move section down', action: 'move-down' as const },
          { label: 'Delete section', action: 'delete-header' as const },
        ]
      : [
          ...(cursorIndex > 0 && !isHeader(doc.entries[cursorIndex - 1]!) ? [{ label: 'Merge into the line above', action: 'merge-up' as const }] : []),
          { label: selected > 1 ? `Delete ${selected} rows` : 'Delete line', action: 'delete-rows' as const },
        ]),
    { label: 'Rename speaker…', action: 'rename-speaker' },
    ...(lines > 1 ? [{ label: 'Swap speakers…', action: 'swap-speakers' as const }] : []),
  ]

  useLayoutEffect(() => {
    setPos(clampTo(place.x, place.y, menuRef.current))
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
  }, [place])

  useLayoutEffect(() => {
    if (!subOpen) return
    const parent = menuRef.current?.querySelector<HTMLElement>('[aria-haspopup="menu"]')
    const box = parent?.getBoundingClientRect()
    if (!box) return
    const width = subRef.current?.offsetWidth ?? 0
    const right = box.right + width + 4 < window.innerWidth
    setSubPos(clampTo(right ? box.right + 2 : box.left - width - 2, box.top - 5, subRef.current))
  }, [subOpen])

  const close = (refocus = true) => {
    onClose()
    if (refocus) place.returnFocus?.focus({ preventScroll: true })
  }
  const run = (item: Item) => {
    if (item.submenu) {
      setSubOpen(true)
      requestAnimationFrame(() => subRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus())
      return
    }
    close()
    if (item.action) controller.run(item.action)
  }
  const assign = (who: string) => {
    close()
    controller.dispatch(assignSpeaker(who))
  }

  const onKeyDown = (event: React.KeyboardEvent) => {
    const inSub = subRef.current?.contains(document.activeElement) ?? false
    const key = event.key
    event.stopPropagation()
    if (LIST_KEYS.includes(key)) {
      event.preventDefault()
      moveFocus(inSub ? subRef.current : menuRef.current, key)
    } else if (key === 'ArrowRight' && !inSub && (document.activeElement as HTMLElement | null)?.getAttribute('aria-haspopup')) {
      event.preventDefault()
      run({ label: 'Assign speaker', submenu: true })
    } else if ((key === 'ArrowLeft' || key === 'Escape') && inSub) {
      event.preventDefault()
      setSubOpen(false)
      menuRef.current?.querySelector<HTMLElement>('[aria-haspopup="menu"]')?.focus()
    } else if (key === 'Escape') {
      event.preventDefault()
      close()
    } else if (key === 'Tab') {
      event.preventDefault()
      close()
    } else if (key === 'Enter' || key === ' ') {
      event.preventDefault()
      ;(document.activeElement as HTMLElement | null)?.click()
    }
  }

  return (
    <div
      className="menu-layer"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close(false)
      }}
      onContextMenu={(e) => {
        e.preventDefault()
        if (e.target === e.currentTarget) close(false)
      }}
      onKeyDown={onKeyDown}
    >
      <div ref={menuRef} className="context-menu" role="menu" aria-label="Row actions" style={pos}>
        {items.map((item) => (
          <div
            key={item.label}
            role="menuitem"
            tabIndex={-1}
            className="menu-item"
            aria-haspopup={item.submenu ? 'menu' : undefined}
            aria-expanded={item.submenu ? subOpen : undefined}
            onClick={() => run(item)}
            onMouseEnter={(e) => {
              e.currentTarget.focus()
              if (item.submenu) setSubOpen(true)
              else setSubOpen(false)
            }}
          >
            <span className="menu-label">{item.label}</span>
            {item.submenu ? (
              <span className="menu-hint" aria-hidden="true">
                ▸
              </span>
            ) : item.action ? (
              <span className="menu-hint">{shortcutLabel(item.action)}</span>
            ) : null}
          </div>
        ))}
      </div>
      {subOpen && (
        <div ref={subRef} className="context-menu" role="menu" aria-label="Assign speaker" style={subPos}>
          {speakers.order.map((who, i) => {
            // Only people have an Alt key (`quickKeyOf`); other values show their line count.
            const key = quickKeyOf(speakers, who)
            return (
              <div key={who} role="menuitem" tabIndex={-1} className="menu-item" title={speakers.nameOf(who) !== who ? `${speakers.nameOf(who)} (written “${who}”)` : who} onClick={() => assign(who)} onMouseEnter={(e) => e.currentTarget.focus()}>
                <span className={`speaker-dot s${i % 8}`} aria-hidden="true" />
                <span className="menu-label">{speakers.nameOf(who)}</span>
                <span className="menu-hint">{key !== null ? shortcutLabel(`assign-${key}` as ActionId) : `${counts.get(who) ?? 0}`}</span>
              </div>
            )
          })}
        </div>
      )}
    </div>
  )
}
