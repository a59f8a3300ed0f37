import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react'

/** The controls of a dialog that Tab moves between, in order. */
function focusableIn(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>('input, select, textarea, button:not([disabled]), [tabindex="0"]')]
}

/**
 * A modal dialog: labelled, traps Tab inside, Escape cancels, and focus returns to where it was
 * when it closes.
 */
export function Modal(props: { title: string; onCancel: () => void; children: ReactNode; wide?: boolean; footer?: ReactNode; describedBy?: string }) {
  const { title, onCancel, children, wide, footer, describedBy } = props
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  // A body that scrolls must be reachable by keyboard (to scroll it with the arrow keys).
  const [scrolls, setScrolls] = useState(false)
  useLayoutEffect(() => {
    const body = bodyRef.current
    if (!body) return
    const update = () => setScrolls(body.scrollHeight > body.clientHeight + 1)
    update()
    const observer = new ResizeObserver(update)
    observer.observe(body)
    for (const child of body.children) observer.observe(child)
    return () => observer.disconnect()
  })

  // Keys pressed while focus is outside the dialog (lost to the page when a focused button was
  // disabled or removed) still reach it: Tab goes back in, Escape still cancels.
  const cancelRef = useRef(onCancel)
  cancelRef.current = onCancel
  useEffect(() => {
    const onStrayKey = (event: KeyboardEvent) => {
      const dialog = ref.current
      if (!dialog || event.defaultPrevented || dialog.contains(event.target as Node)) return
      if (event.key === 'Escape') {
        event.preventDefault()
        cancelRef.current()
      } else if (event.key === 'Tab') {
        const focusable = focusableIn(dialog)
        const target = event.shiftKey ? focusable[focusable.length - 1] : focusable[0]
        if (!target) return
        event.preventDefault()
        target.focus()
      }
    }
    document.addEventListener('keydown', onStrayKey)
    return () => document.removeEventListener('keydown', onStrayKey)
  }, [])

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector<HTMLElement>('input, select, button')
    first?.focus()
    return () => {
      if (previous && previous.isConnected) previous.focus({ preventScroll: true })
    }
  }, [])

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onCancel()
      return
    }
    if (event.key !== 'Tab' || !ref.current) return
    const focusable = focusableIn(ref.current)
    if (focusable.length === 0) return
    const first = focusable[0]!
    const last = focusable[focusable.length - 1]!
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onCancel()}>
      <div
        ref={ref}
        className={wide ? 'modal wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={describedBy}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        <div className="modal-body" ref={bodyRef} tabIndex={scrolls ? 0 : undefined} aria-labelledby={scrolls ? titleId : undefined} role={scrolls ? 'region' : undefined}>
          {children}
        </div>
        {footer && <div className="modal-footer">{footer}</div>}
      </div>
    </div>
  )
}
