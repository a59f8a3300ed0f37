import { Annotation, EditorSelection, EditorState, Prec } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { defaultKeymap } from '@codemirror/commands'
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { EntryId } from '../../shared/episode/index'
import type { Editing } from '../state/app-state'
import { setEntryText } from '../state/commands'
import { useController } from '../state/hooks'

const fromStore = Annotation.define<boolean>()

/** Transcript text never holds line breaks: pasted or typed breaks become spaces. */
const singleParagraph = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged) return tr
  let breaks = false
  tr.changes.iterChanges((_fa, _ta, _fb, _tb, inserted) => {
    if (inserted.toString().includes('\n')) breaks = true
  })
  if (!breaks) return tr
  const changes: { from: number; to: number; insert: string }[] = []
  tr.changes.iterChanges((from, to, _fb, _tb, inserted) => {
    changes.push({ from, to, insert: inserted.toString().replace(/\s*\n\s*/g, ' ') })
  })
  return { changes, scrollIntoView: true }
})

/**
 * Cell look: inherits the grid's font and colours from the cell, and lays text out exactly as
 * the read-only cell does (`.line-text`: pre-wrap, break anywhere, no padding), so no word moves
 * when a cell enters edit mode. CodeMirror's own wrapping uses `break-spaces`, which makes a
 * trailing space take room and wraps words earlier.
 */
const cellTheme = EditorView.theme({
  '&': { color: 'inherit', backgroundColor: 'transparent', fontSize: 'inherit' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'inherit', lineHeight: 'inherit', overflow: 'visible' },
  '.cm-content': { padding: '0', caretColor: 'var(--accent)', minHeight: '1lh' },
  '.cm-content.cm-lineWrapping': { whiteSpace: 'pre-wrap', wordBreak: 'normal', overflowWrap: 'anywhere' },
  '.cm-line': { padding: '0' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '.cm-selectionBackground': { backgroundColor: 'var(--selection-text) !important' },
  '&.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection-text) !important' },
  '.cm-content ::selection': { backgroundColor: 'var(--selection-text)' },
})

/**
 * Keeps the caret in view by scrolling the grid, the one scroller around a cell, where CodeMirror's
 * default walks every ancestor up to the window and reads its computed style on each keystroke.
 * Other strategies than 'nearest' (none asked for in a cell) keep the default.
 */
function scrollCaretInGrid(scroller: HTMLElement) {
  return EditorView.scrollHandler.of((view, range, options) => {
    if (options.y !== 'nearest') return false
    // Layout queries of the view are not allowed here (it runs during the measure phase): read
    // the caret's box from the DOM position CodeMirror maps it to.
    const { node, offset } = view.domAtPos(range.head)
    const at = document.createRange()
    at.setStart(node, offset)
    let caret = at.getBoundingClientRect()
    if (caret.height === 0) caret = (node instanceof Element ? node : node.parentElement ?? view.contentDOM).getBoundingClientRect()
    const box = scroller.getBoundingClientRect()
    if (caret.top - options.yMargin < box.top) scroller.scrollTop -= box.top - caret.top + options.yMargin
    else if (caret.bottom + options.yMargin > box.bottom) scroller.scrollTop += caret.bottom + options.yMargin - box.bottom
    return true
  })
}

/** Runs `run` once the next frame has been painted; returns the cancel function. */
function afterPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0)
  })
  return () => {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}

function initialSelection(caret: Editing['caret'], length: number): EditorSelection {
  if (caret === 'all') return EditorSelection.single(0, length)
  if (caret === 'start') return EditorSelection.single(0)
  if (caret === 'end') return EditorSelection.single(length)
  return EditorSelection.single(Math.max(0, Math.min(length, caret)))
}

/**
 * Has CodeMirror put its styles in the document's adopted style sheets, as it does for a shadow
 * root, instead of the <style> element it adds to a document (which the page's CSP forbids).
 *
 * CodeMirror mounts its styles with style-mod, which keeps one adopted sheet per document for the
 * shadow roots of that document and finds a root's style set under a symbol-keyed property of the
 * root. A probe view in a detached shadow root creates that set (through CodeMirror's own copy of
 * style-mod); giving the document the same property makes later views in the document use it.
 * If style-mod stored it otherwise, the document would get a <style> element, and the CSP
 * violation would fail the end-to-end tests.
 *
 * Why not a shadow root for the editor: reading the selection of a shadow root makes Chromium
 * compute a visible selection, with a layout check, for each of its fields, and CodeMirror reads
 * it several times a keystroke (about 1 ms per key at 3,000 entries in test/bench/profile-keys.ts).
 */
function adoptCodeMirrorStyles(doc: Document): void {
  const target = doc as unknown as Record<symbol, unknown>
  if (adoptedIn.has(doc)) return
  adoptedIn.add(doc)
  const probeRoot = doc.createElement('div').attachShadow({ mode: 'open' })
  const probe = new EditorView({ root: probeRoot, parent: probeRoot })
  const source = probeRoot as unknown as Record<symbol, unknown>
  for (const key of Object.getOwnPropertySymbols(probeRoot)) if (!(key in target)) target[key] = source[key]
  probe.destroy()
}

const adoptedIn = new WeakSet<Document>()

/**
 * The events of typing, which are CodeMirror's alone: they stop at the editor's host instead of
 * bubbling to React's root listener, which would dispatch each of them through the fiber tree for
 * no handler (the grid's onKeyDown leaves events from cell editors alone). The window's capture
 * listener for global shortcuts still sees every keydown first.
 */
const EDITOR_OWN_EVENTS = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'compositionstart', 'compositionupdate', 'compositionend'] as const

function stopAtHost(event: Event): void {
  event.stopPropagation()
}

/** Identifies the measure request that fits the host to the editor's height (one per frame). */
const fitHostKey = {}

/**
 * The one CodeMirror 6 view of the grid, mounted in the cell being edited (in the document: see
 * `adoptCodeMirrorStyles`). Every change goes to the app's history as an `input` transaction;
 * there is no CM history.
 */
export function TextCellEditor(props: { id: EntryId; text: string; caret: Editing['caret']; label: string }) {
  const { id, text, caret, label } = props
  const controller = useController()
  const hostRef = useRef<HTMLDivElement>(null)
  const viewRef = useRef<EditorView | null>(null)

  useLayoutEffect(() => {
    const host = hostRef.current
    if (!host) return
    adoptCodeMirrorStyles(host.ownerDocument)
    const scroller = host.closest<HTMLElement>('.grid-body')
    // Typed text reaches the store just after the keystroke is painted (several keys of a burst
    // at once), or sooner when the controller asks for it (`flush`) before anything else happens.
    let pending: string | null = null
    let cancelHandOver: (() => void) | null = null
    const flush = () => {
      cancelHandOver?.()
      cancelHandOver = null
      if (pending === null) return
      const typed = pending
      pending = null
      controller.dispatch(setEntryText(id, typed))
    }
    // The host is a relayout boundary (size and layout containment, with the editor's height): a
    // keystroke lays out the editor alone, not the cell, row and grid around it (Chromium had
    // laid them out three times a key). When the height changes (a line wraps, the grid is
    // resized), the measure CodeMirror runs before that frame is painted sets the new height.
    const fitHost = {
      key: fitHostKey,
      read: (v: EditorView) => v.dom.getBoundingClientRect().height,
      write: (height: number) => {
        const px = `${height}px`
        if (host.style.height !== px) host.style.height = px
      },
    }
    const view = new EditorView({
      root: host.ownerDocument,
      parent: host,
      state: EditorState.create({
        doc: text,
        selection: initialSelection(caret, text.length),
        extensions: [
          Prec.highest(keymap.of([{ any: (_view, event) => controller.handleKey(event, 'editing') }])),
          keymap.of(defaultKeymap),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ spellcheck: 'true', 'aria-label': label, 'aria-multiline': 'false' }),
          singleParagraph,
          cellTheme,
          scroller ? scrollCaretInGrid(scroller) : [],
          EditorView.updateListener.of((update) => {
            if (update.docChanged || update.geometryChanged || update.heightChanged) update.view.requestMeasure(fitHost)
            if (!update.docChanged || update.transactions.every((t) => t.annotation(fromStore))) return
            pending = update.state.doc.toString()
            cancelHandOver ??= afterPaint(flush)
          }),
        ],
      }),
    })
    viewRef.current = view
    for (const type of EDITOR_OWN_EVENTS) host.addEventListener(type, stopAtHost)
    host.style.height = `${view.dom.getBoundingClientRect().height}px`
    host.style.contain = 'size layout'
    controller.setActiveTextEditor({
      id,
      caret: () => {
        const sel = view.state.selection.main
        return { offset: sel.head, empty: sel.empty, length: view.state.doc.length, selected: view.state.sliceDoc(sel.from, sel.to) }
      },
      flush,
    })
    view.focus()
    return () => {
      flush()
      controller.setActiveTextEditor(null)
      view.destroy()
      for (const type of EDITOR_OWN_EVENTS) host.removeEventListener(type, stopAtHost)
      host.style.contain = ''
      host.style.height = ''
      viewRef.current = null
    }
    // The view lives as long as this cell is edited; text and caret changes are reconciled below.
  }, [id])

  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    const current = view.state.doc.toString()
    if (current === text) return
    let start = 0
    while (start < current.length && start < text.length && current[start] === text[start]) start++
    let endA = current.length
    let endB = text.length
    while (endA > start && endB > start && current[endA - 1] === text[endB - 1]) {
      endA--
      endB--
    }
    view.dispatch({ changes: { from: start, to: endA, insert: text.slice(start, endB) }, annotations: fromStore.of(true) })
  }, [text])

  useEffect(() => {
    const view = viewRef.current
    if (!view || typeof caret !== 'number') return
    if (view.state.selection.main.head !== caret) view.dispatch({ selection: initialSelection(caret, view.state.doc.length), annotations: fromStore.of(true) })
  }, [caret])

  return <div ref={hostRef} className="text-editor-host" data-editor-for={id} />
}
