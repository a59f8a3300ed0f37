import { applyProblemFix, fixableAt } from '../state/problem-commands'
import { setDialog } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import type { EntryId } from '../../shared/episode/index'
import { Modal } from './modal'

/** The quick fix's menu when the cursor row has several fixable problems: one button per fix. */
export function QuickFixDialog(props: { id: EntryId }) {
  const controller = useController()
  const close = () => controller.dispatch(setDialog(null))
  const doc = useAppState((s) => s.session?.editor.doc)
  const context = useAppState((s) => s.lintContext)
  const fixable = doc ? fixableAt(doc, context, props.id) : []
  const seen = new Map<string, number>()
  return (
    <Modal title="Fix a problem of this row" onCancel={close} footer={<button type="button" className="button" onClick={close}>Cancel</button>}>
      {fixable.length === 0 ? (
        <p>These problems are gone; nothing to fix.</p>
      ) : (
        <ul className="quick-fix-list" aria-label="Fixes">
          {fixable.map((p, i) => {
            const nth = seen.get(p.code) ?? 0
            seen.set(p.code, nth + 1)
            return (
              <li key={`${p.code}-${nth}`}>
                <button type="button" className="button quick-fix-option" data-autofocus={i === 0 ? true : undefined} onClick={() => controller.dispatch(applyProblemFix(props.id, p.code, nth))}>
                  {p.fix!.label}
                </button>
                <span className="muted quick-fix-why">{p.message}</span>
              </li>
            )
          })}
        </ul>
      )}
    </Modal>
  )
}
