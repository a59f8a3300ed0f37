import { useState, type ReactNode } from 'react'
import type { Dialog } from '../state/app-state'
import { setDialog } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { FIELD_NAMES } from '../state/workspace-search-controller'
import { Modal } from './modal'

/** The before and after of a text with the changed middle marked (common start and end kept plain). */
function changedParts(before: string, after: string): { head: string; removed: string; added: string; tail: string } {
  let head = 0
  while (head < before.length && head < after.length && before[head] === after[head]) head++
  let tail = 0
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++
  return { head: before.slice(0, head), removed: before.slice(head, before.length - tail), added: after.slice(head, after.length - tail), tail: before.slice(before.length - tail) }
}

/** Long unchanged text around a change, shortened to its ends. */
function clip(text: string, side: 'head' | 'tail'): string {
  const max = 60
  if (text.length <= max) return text
  return side === 'head' ? `…${text.slice(text.length - max)}` : `${text.slice(0, max)}…`
}

function ChangeRow(props: { before: string; after: string }): ReactNode {
  const { head, removed, added, tail } = changedParts(props.before, props.after)
  return (
    <>
      <div className="change-before">
        <span className="change-sign" aria-hidden="true">−</span>
        {clip(head, 'head')}
        <del>{removed}</del>
        {clip(tail, 'tail')}
      </div>
      <div className="change-after">
        <span className="change-sign" aria-hidden="true">+</span>
        {clip(head, 'head')}
        <ins>{added}</ins>
        {clip(tail, 'tail')}
      </div>
    </>
  )
}

/** What a replacement across episodes will change, entry by entry, before it is applied. */
export function ReplacePreviewDialog(props: Extract<Dialog, { kind: 'replace-preview' }>) {
  const controller = useController()
  const { episodes, failed, plan } = props.preview
  const entries = episodes.reduce((n, e) => n + e.changes.length, 0)
  const close = () => controller.dispatch(setDialog(null))
  const title = plan.source === 'glossary' ? 'Fix glossary misspellings' : `Replace “${plan.query.find}” with “${plan.query.replace ?? ''}”`
  return (
    <Modal
      title={title}
      wide
      onCancel={close}
      describedBy="replace-preview-summary"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button primary" data-autofocus disabled={entries === 0} onClick={() => void controller.applyReplace()}>
            {`Replace in ${episodes.length} ${episodes.length === 1 ? 'episode' : 'episodes'}`}
          </button>
        </>
      }
    >
      <p id="replace-preview-summary" className="preview" data-testid="replace-preview-summary">
        {`${entries} ${entries === 1 ? 'entry changes' : 'entries change'} in ${episodes.length} ${episodes.length === 1 ? 'episode' : 'episodes'}. Each episode gets one undo step and stays unsaved until you save it.`}
      </p>
      {failed.length > 0 && (
        <ul className="preview-failed" role="alert">
          {failed.map((f) => (
            <li key={f.relPath}>{`${f.relPath}: ${f.message}`}</li>
          ))}
        </ul>
      )}
      <div className="replace-preview" data-testid="replace-preview">
        {episodes.map((e) => (
          <section key={e.handle} className="preview-episode" aria-label={e.title ?? e.relPath}>
            <h3>
              {e.title ?? e.relPath} <span className="preview-count">{`${e.changes.length} ${e.changes.length === 1 ? 'entry' : 'entries'}`}</span>
            </h3>
            {e.changes.map((c) => (
              <div key={`${c.entry}:${c.field}`} className="preview-change">
                <div className="change-where">{`Entry ${c.entry + 1}, ${FIELD_NAMES[c.field]}`}</div>
                <ChangeRow before={c.before} after={c.after} />
              </div>
            ))}
          </section>
        ))}
      </div>
    </Modal>
  )
}

/** Adds a misheard word to the glossary: the misspelling (from the selection) and the right spelling. */
export function GlossaryAddDialog(props: Extract<Dialog, { kind: 'glossary-add' }>) {
  const controller = useController()
  const file = useAppState((s) => s.glossary.file)
  const glossary = useAppState((s) => s.glossary.glossary)
  const terms = glossary?.terms ?? []
  const [misspelling, setMisspelling] = useState(props.misspelling)
  const [term, setTerm] = useState('')
  const close = () => controller.dispatch(setDialog(null))
  const where = file === null ? 'The glossary has not been read.' : 'reason' in file ? file.reason : file.text === null ? `It will be created at ${file.path}.` : `In ${file.path}.`
  const ready = misspelling.trim() !== '' && term.trim() !== '' && misspelling.trim() !== term.trim() && file !== null && !('reason' in file)
  const apply = async () => {
    if (!ready) return
    if (await controller.addGlossaryTerm(term, misspelling)) close()
  }
  return (
    <Modal
      title="Add to glossary"
      onCancel={close}
      describedBy="glossary-where"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          {/* The form's submit button, so Enter in either field adds the term. */}
          <button type="submit" form="glossary-add-form" className="button primary" disabled={!ready}>
            Add
          </button>
        </>
      }
    >
      <form
        id="glossary-add-form"
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          void apply()
        }}
      >
        <label htmlFor="glossary-misspelling">Misheard as</label>
        <input id="glossary-misspelling" value={misspelling} spellCheck={false} onChange={(e) => setMisspelling(e.target.value)} />
        <label htmlFor="glossary-term">Correct spelling</label>
        <input id="glossary-term" data-autofocus value={term} list="glossary-terms" spellCheck={false} onChange={(e) => setTerm(e.target.value)} />
        <datalist id="glossary-terms">
          {terms.map((t) => (
            <option key={t.term} value={t.term} />
          ))}
        </datalist>
      </form>
      <p id="glossary-where" className="preview">
        {where}
      </p>
    </Modal>
  )
}
