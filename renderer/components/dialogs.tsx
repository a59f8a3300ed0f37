import { compileQuery } from '../../shared/workspace/find-query'
import { useMemo, useState } from 'react'
import { isHeader, serializeEpisode, swapSpeakers, textOf } from '../../shared/episode/index'
import { mentionsOf, renameSpeakerEverywhere } from '../../shared/workspace/rename-speaker'
import { cleanName } from '../../shared/workspace/speakers'
import { shortcuts, shownKeys, type Shortcut } from '../keymap'
import type { Dialog } from '../state/app-state'
import { renameSpeakerEverywhere as renameSpeakerInEpisode, selectedIndices, setDialog, swapSelectedSpeakers } from '../state/commands'
import { openRosterOf, renameTarget } from '../state/speaker-names'
import { highlight } from './highlight'
import { useAppState, useController } from '../state/hooks'
import { speakerOf, speakersOf } from '../state/selectors'
import { basename } from './path-name'
import { ExportChaptersDialog, ImportChaptersDialog } from './chapter-dialogs'
import { clipText } from './clip-text'
import { DiffView } from './diff-view'
import { MergeDialog } from './merge-dialog'
import { QuickFixDialog } from './quick-fix-dialog'
import { SettingsDialog } from './settings-dialog'
import { Modal } from './modal'
import { QuickOpenDialog } from './quick-open'
import { ReviewDialog } from './review-dialog'
import { sessionOf } from '../state/tabs'
import { GlossaryAddDialog, ReplacePreviewDialog } from './search-dialogs'

function useClose() {
  const controller = useController()
  return () => controller.dispatch(setDialog(null))
}

/** Cancel and a primary button that says how many lines the action changes. */
function ApplyFooter(props: { verb: string; count: number; onCancel: () => void; onApply: () => void }) {
  const { verb, count } = props
  return (
    <>
      <button type="button" className="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button type="button" className="button primary" disabled={count === 0} onClick={props.onApply}>
        {count > 0 ? `${verb} in ${count} ${count === 1 ? 'line' : 'lines'}` : verb}
      </button>
    </>
  )
}

/** The list of every shortcut, generated from the shortcut map. */
function HelpDialog() {
  const close = useClose()
  const groups = new Map<string, Shortcut[]>()
  for (const s of shortcuts) {
    if (/^assign-[2-9]$/.test(s.action)) continue
    const list = groups.get(s.group) ?? []
    const same = list.find((x) => x.action === s.action && x.label === s.label)
    if (same) (same as { keys: readonly string[] }).keys = [...same.keys, ...s.keys]
    else list.push({ ...s })
    groups.set(s.group, list)
  }
  return (
    <Modal title="Keyboard shortcuts" onCancel={close} wide footer={<button type="button" className="button primary" data-autofocus onClick={close}>Close</button>}>
      <div className="help-grid">
        {[...groups].map(([group, list]) => (
          <section key={group} className="help-group">
            <h3>{group}</h3>
            <dl>
              {list.map((s) => (
                <div key={s.action + s.label} className="help-row">
                  <dt>
                    {shownKeys(s.action === 'assign-1' ? ['Alt-1', 'Alt-9'] : s.keys).map((k, i, all) => (
                      <span key={k}>
                        <kbd>{k}</kbd>
                        {i < all.length - 1 ? (s.action === 'assign-1' ? ' … ' : ' ') : ''}
                      </span>
                    ))}
                  </dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  )
}

/** Characters of a speaker named in the rename dialog's sentences, beyond which it is shortened. */
const NAME_IN_TEXT = 60

/** Entries of the text preview shown at most; the count says how many more there are. */
const TEXT_PREVIEW_ROWS = 6

/**
 * Rename a speaker everywhere, with a live count of the lines it changes. Speakers are listed by
 * display name; typing a person's name writes the `who` the file already uses for them. Optionally
 * also where lines and headers mention the old name, shown in a preview before applying.
 */
function RenameDialog(props: { from: string }) {
  const controller = useController()
  const close = useClose()
  const doc = useAppState((s) => s.session!.editor.doc)
  const speakers = useAppState(openRosterOf)!
  const counts = speakersOf(doc)
  const [from, setFrom] = useState(props.from)
  // The name as the file writes it, so Enter before typing renames nothing (a display name would rewrite every line).
  const [to, setTo] = useState(props.from)
  const [alsoInText, setAlsoInText] = useState(false)
  const target = renameTarget(speakers, from, to)
  const result = useMemo(
    () => (target && target !== from ? renameSpeakerEverywhere(doc, from, target, { alsoInText: true }) : null),
    [doc, from, target],
  )
  const count = result?.speakerEntries ?? 0
  // Known before a new name is typed (and when it is the old one), so the checkbox tells the truth.
  const mentioned = useMemo(() => mentionsOf(doc, from), [doc, from])
  const mentions = result?.textEntries ?? mentioned
  const merging = target !== from && counts.has(target)
  const spelled = target !== '' && target !== to.trim() ? ` (as this file writes ${speakers.nameOf(target)})` : ''
  // A sentence written in `who` is named shortened (its full text is in the Speaker field's tooltip).
  const fromName = clipText(cleanName(from), NAME_IN_TEXT)
  const textPart = alsoInText && mentions.length > 0 ? ` and in ${mentions.length} ${mentions.length === 1 ? 'line or header' : 'lines and headers'} that mention “${fromName}”` : ''
  const preview =
    !target ? 'Type the new name.' : target === from ? 'Type a different name.' : count === 0 ? `No line is spoken by “${clipText(from, NAME_IN_TEXT)}”.` : `Rename “${clipText(from, NAME_IN_TEXT)}” to “${clipText(target, NAME_IN_TEXT)}”${spelled} in ${count} ${count === 1 ? 'line' : 'lines'}${merging ? ` (merging into the existing speaker “${clipText(target, NAME_IN_TEXT)}”)` : ''}${textPart}.`
  const apply = () => {
    if (count > 0 && controller.dispatch(renameSpeakerInEpisode(from, target, { alsoInText }))) close()
  }
  const label = (who: string) => (speakers.nameOf(who) !== who ? `${speakers.nameOf(who)} — “${who}”` : who)
  return (
    <Modal
      title="Rename speaker"
      onCancel={close}
      describedBy="rename-preview"
      footer={<ApplyFooter verb="Rename" count={count} onCancel={close} onApply={apply} />}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          apply()
        }}
      >
        <label htmlFor="rename-from">Speaker</label>
        <select id="rename-from" value={from} title={label(from)} onChange={(e) => setFrom(e.target.value)}>
          {[...new Set([...counts.keys(), props.from])].map((who) => (
            <option key={who} value={who} title={who}>
              {clipText(label(who))} ({counts.get(who) ?? 0} {counts.get(who) === 1 ? 'line' : 'lines'})
            </option>
          ))}
        </select>
        <label htmlFor="rename-to">New name</label>
        <input id="rename-to" data-autofocus value={to} list="rename-suggestions" spellCheck={false} onChange={(e) => setTo(e.target.value)} onFocus={(e) => e.target.select()} />
        <datalist id="rename-suggestions">
          {speakers.order.slice(0, speakers.named).filter((r) => r !== from).map((r) => (
            <option key={r} value={speakers.nameOf(r)} label={speakers.nameOf(r) !== r ? `writes “${r}”` : undefined} />
          ))}
        </datalist>
        <span />
        <label className="check-row">
          <input type="checkbox" checked={alsoInText} disabled={mentions.length === 0} onChange={(e) => setAlsoInText(e.target.checked)} />
          {mentions.length === 0
            ? `No line or header mentions “${fromName}”`
            : `Also in the ${mentions.length} ${mentions.length === 1 ? 'line or header' : 'lines and headers'} that mention “${fromName}”`}
        </label>
      </form>
      <p id="rename-preview" className="preview" role="status" aria-live="polite" data-testid="rename-preview">
        {preview}
      </p>
      {alsoInText && result && mentions.length > 0 && (
        <ul className="rename-text-preview" aria-label="Text that changes" data-testid="rename-text-preview" tabIndex={0}>
          {mentions.slice(0, TEXT_PREVIEW_ROWS).map((i) => {
            const entry = result.doc.entries[i]!
            return (
              <li key={entry.id}>
                <span className="problem-where">Row {i + 1}{isHeader(entry) ? ' · section' : ''}</span> {highlight(mentionContext(textOf(entry, isHeader(entry) ? 'header' : 'line') ?? '', cleanName(target)), compileQuery({ find: cleanName(target), matchCase: false, in: ['lines', 'headers'] }), isHeader(entry) ? 'headers' : 'lines')}
              </li>
            )
          })}
          {mentions.length > TEXT_PREVIEW_ROWS && <li className="more">and {mentions.length - TEXT_PREVIEW_ROWS} more</li>}
        </ul>
      )}
    </Modal>
  )
}

/** A line's text around the first mention of a name, cut at spaces, so the preview shows where it changes. */
function mentionContext(text: string, name: string): string {
  const at = text.indexOf(name)
  if (at < 0 || text.length <= 120) return text
  const before = text.lastIndexOf(' ', Math.max(0, at - 40))
  const start = at <= 40 || before < 0 ? 0 : before + 1
  const after = text.indexOf(' ', start + 110)
  const end = after < 0 ? text.length : after
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`
}

/** Swap two speakers within the selected rows, with a count of the lines it changes. */
function SwapDialog() {
  const controller = useController()
  const close = useClose()
  const session = useAppState((s) => s.session!)
  const doc = session.editor.doc
  const indices = selectedIndices(session)
  const inSelection = new Map<string, number>()
  for (const i of indices) {
    const e = doc.entries[i]
    const who = e && !isHeader(e) ? speakerOf(e) : null
    if (who) inSelection.set(who, (inSelection.get(who) ?? 0) + 1)
  }
  const ranked = [...inSelection].sort((x, y) => y[1] - x[1]).map(([w]) => w)
  // The episode's speakers as the speaker picker offers them: by display name, never a guest id.
  const roster = useAppState(openRosterOf)!
  const options = [...new Set([...ranked, ...roster.order])]
  const [a, setA] = useState(ranked[0] ?? options[0] ?? '')
  const [b, setB] = useState(ranked[1] ?? options.find((o) => o !== (ranked[0] ?? options[0])) ?? '')
  const count = a && b && a !== b ? swapSpeakers(doc, indices, a, b).count : 0
  const lines = indices.filter((i) => !isHeader(doc.entries[i]!)).length
  // Named as the drop-downs name them (`Lavanya Gupta`, not the file's `Lavanya`).
  const nameA = clipText(roster.nameOf(a), NAME_IN_TEXT)
  const nameB = clipText(roster.nameOf(b), NAME_IN_TEXT)
  const apply = () => {
    if (count > 0 && controller.dispatch(swapSelectedSpeakers(a, b))) close()
  }
  return (
    <Modal
      title="Swap speakers in the selection"
      onCancel={close}
      footer={<ApplyFooter verb="Swap" count={count} onCancel={close} onApply={apply} />}
    >
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          apply()
        }}
        // A form of selects has no implicit submission: Enter on either select confirms.
        onKeyDown={(e) => {
          if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
          e.preventDefault()
          apply()
        }}
      >
        <label htmlFor="swap-a">Speaker</label>
        <select id="swap-a" data-autofocus value={a} title={a} onChange={(e) => setA(e.target.value)}>
          {options.map((o) => (
            <option key={o} value={o} title={o}>
              {clipText(roster.nameOf(o))} ({inSelection.get(o) ?? 0} selected)
            </option>
          ))}
        </select>
        <label htmlFor="swap-b">with</label>
        <select id="swap-b" value={b} title={b} onChange={(e) => setB(e.target.value)}>
          {options.map((o) => (
            <option key={o} value={o} title={o}>
              {clipText(roster.nameOf(o))} ({inSelection.get(o) ?? 0} selected)
            </option>
          ))}
        </select>
      </form>
      <p className="preview" role="status" aria-live="polite" data-testid="swap-preview">
        {a === b ? 'Choose two different speakers.' : count === 0 ? `None of the ${lines} selected lines is spoken by ${nameA} or ${nameB}.` : `Swap “${nameA}” and “${nameB}” in ${count} of the ${lines} selected ${lines === 1 ? 'line' : 'lines'}.`}
      </p>
    </Modal>
  )
}

/** "Save changes?" before closing episodes with unsaved changes: lists them, offers a review of the changes. */
function LeaveDialog(props: Extract<Dialog, { kind: 'leave' }>) {
  const controller = useController()
  const paths = useAppState((s) => props.episodes.map((h) => sessionOf(s, h)?.path ?? '').join('\n'))
  const names = paths.split('\n').filter(Boolean).map(basename)
  return (
    <Modal
      title="Save changes?"
      onCancel={() => void controller.resolveLeave('cancel')}
      footer={
        <>
          <button type="button" className="button danger-text" onClick={() => void controller.resolveLeave('discard')}>
            Don’t save
          </button>
          <button type="button" className="button" onClick={() => controller.dispatch(setDialog({ kind: 'review', episodes: props.episodes, leave: props.next }))}>
            Review changes…
          </button>
          <span className="spacer" />
          <button type="button" className="button" onClick={() => void controller.resolveLeave('cancel')}>
            Cancel
          </button>
          <button type="button" className="button primary" data-autofocus onClick={() => void controller.resolveLeave('save')}>
            {names.length > 1 ? 'Save all' : 'Save'}
          </button>
        </>
      }
    >
      {names.length === 1 ? (
        <p>
          <strong>{names[0]}</strong> has unsaved changes. Save them before closing it?
        </p>
      ) : (
        <>
          <p>These {names.length} episodes have unsaved changes. Save them before closing them?</p>
          <ul className="leave-list" aria-label="Episodes with unsaved changes">
            {names.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  )
}

/** Confirms discarding unsaved changes (Revert). */
function RevertDialog() {
  const controller = useController()
  const close = useClose()
  return (
    <Modal
      title="Revert to the saved file?"
      onCancel={close}
      footer={
        <>
          <button type="button" className="button" data-autofocus onClick={close}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={() => void controller.revert()}>
            Discard changes
          </button>
        </>
      }
    >
      <p>Your unsaved changes to this episode will be discarded and the file reloaded from disk.</p>
    </Modal>
  )
}

/** The file changed on disk since it was opened: reload theirs, keep mine, or look at the differences. */
function ConflictDialog(props: Extract<Dialog, { kind: 'conflict' }>) {
  const controller = useController()
  const doc = useAppState((s) => s.session!.editor.doc)
  const path = useAppState((s) => s.session!.path)
  const mine = useMemo(() => (props.showDiff ? serializeEpisode(doc) : ''), [props.showDiff, doc])
  const { diskText, diskHash } = props
  return (
    <Modal
      title="The file changed on disk"
      wide={props.showDiff}
      onCancel={() => controller.dispatch(setDialog(null))}
      footer={
        <>
          {props.diskText !== null && !props.showDiff && (
            <button type="button" className="button" onClick={() => controller.dispatch(setDialog({ ...props, showDiff: true }))}>
              Show differences
            </button>
          )}
          <span className="spacer" />
          {/* Focus starts on Cancel: a stray Enter must not overwrite someone else's change. */}
          <button type="button" className="button" data-autofocus onClick={() => controller.dispatch(setDialog(null))}>
            Cancel
          </button>
          {props.diskText !== null && (
            <button type="button" className="button" onClick={() => void controller.reloadFromDisk()}>
              Reload theirs
            </button>
          )}
          <button type="button" className="button" onClick={() => void controller.keepMine()}>
            Keep mine (overwrite)
          </button>
          {diskText !== null && diskHash !== null && (
            <button type="button" className="button primary" onClick={() => controller.mergeWithDisk(diskText, diskHash)}>
              Merge with theirs
            </button>
          )}
        </>
      }
    >
      <p>
        {props.diskText === null ? (
          <>
            <strong>{basename(path)}</strong> was deleted or moved since you opened it. Nothing was saved. Keep mine writes your version back.
          </>
        ) : (
          <>
            Another program changed <strong>{basename(path)}</strong> since you opened it, so nothing was saved. <em>Merge with theirs</em> re-applies your changes on top of their version and asks about entries you both changed; <em>Reload theirs</em> discards your changes; <em>Keep mine</em> replaces their version with yours.
          </>
        )}
      </p>
      {props.showDiff && props.diskText !== null && <DiffView before={props.diskText} after={mine} beforeLabel="On disk" afterLabel="Yours" />}
    </Modal>
  )
}

/** A save the host refused or could not write, in plain words. */
function SaveErrorDialog(props: Extract<Dialog, { kind: 'save-error' }>) {
  const controller = useController()
  const close = useClose()
  return (
    <Modal
      title={props.reason === 'invalid' ? 'The episode was not saved' : 'The file could not be written'}
      onCancel={close}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Close
          </button>
          <button
            type="button"
            className="button primary"
            data-autofocus
            onClick={() => {
              close()
              void controller.save()
            }}
          >
            Try again
          </button>
        </>
      }
    >
      <p>
        {props.reason === 'invalid'
          ? 'Saving stopped because the text to be written would not read back as exactly this transcript. Nothing was written; your changes are still here.'
          : 'Nothing was changed on disk; your changes are still here.'}
      </p>
      <p className="error-detail">{props.message}</p>
    </Modal>
  )
}

/** Shows a diff between two versions. */
function DiffDialog(props: Extract<Dialog, { kind: 'diff' }>) {
  const close = useClose()
  return (
    <Modal title={props.title} wide onCancel={close} footer={<button type="button" className="button primary" data-autofocus onClick={close}>Close</button>}>
      <DiffView before={props.before} after={props.after} beforeLabel={props.beforeLabel ?? 'On disk'} afterLabel={props.afterLabel ?? 'Yours'} />
    </Modal>
  )
}

/** The dialog named by the state, if any. */
export function Dialogs() {
  const dialog = useAppState((s) => s.dialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'help':
      return <HelpDialog />
    case 'rename':
      return <RenameDialog from={dialog.from} />
    case 'swap':
      return <SwapDialog />
    case 'leave':
      return <LeaveDialog {...dialog} />
    case 'review':
      return <ReviewDialog {...dialog} />
    case 'quick-open':
      return <QuickOpenDialog />
    case 'revert':
      return <RevertDialog />
    case 'conflict':
      return <ConflictDialog {...dialog} />
    case 'merge':
      return <MergeDialog {...dialog} />
    case 'save-error':
      return <SaveErrorDialog {...dialog} />
    case 'diff':
      return <DiffDialog {...dialog} />
    case 'chapters-import':
      return <ImportChaptersDialog />
    case 'chapters-export':
      return <ExportChaptersDialog />
    case 'replace-preview':
      return <ReplacePreviewDialog {...dialog} />
    case 'glossary-add':
      return <GlossaryAddDialog {...dialog} />
    case 'settings':
      return <SettingsDialog />
    case 'quick-fix':
      return <QuickFixDialog id={dialog.id} />
  }
}
