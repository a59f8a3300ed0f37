/**
 * In-page entry of the bench's baseline: one bare CodeMirror 6 editor (no grid, no React, no
 * store), bundled by `bareEditorScript` and mounted by `mountBareEditor` with the text, width
 * and font of the cell the editor bench typed into.
 */
import { EditorSelection, EditorState } from '@codemirror/state'
import { EditorView, keymap } from '@codemirror/view'
import { defaultKeymap } from '@codemirror/commands'

/** What the baseline editor is mounted with: the cell's text, content width and font. */
export interface BareEditorSpec {
  readonly text: string
  readonly width: number
  readonly font: string
  /** Mount the editor in a shadow root (as the cell does), for comparison. */
  readonly shadow?: boolean
}

/** Mounts the editor in an empty page, caret at the end of the text, focused. */
function mountBareEditor(spec: BareEditorSpec): void {
  document.body.textContent = ''
  const host = document.createElement('div')
  host.style.cssText = `width:${spec.width}px;font:${spec.font};margin:8px`
  document.body.append(host)
  const root = spec.shadow ? host.attachShadow({ mode: 'open', delegatesFocus: true }) : undefined
  const view = new EditorView({
    ...(root ? { root } : {}),
    parent: root ?? host,
    state: EditorState.create({
      doc: spec.text,
      selection: EditorSelection.single(spec.text.length),
      extensions: [keymap.of(defaultKeymap), EditorView.lineWrapping],
    }),
  })
  view.focus()
}

;(window as unknown as { mountBareEditor: typeof mountBareEditor }).mountBareEditor = mountBareEditor
