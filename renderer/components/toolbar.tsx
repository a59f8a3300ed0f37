import type { ReactNode } from 'react'
import { shortcutLabel, type ActionId } from '../keymap'
import { useAppState, useController } from '../state/hooks'
import { dirtyOf } from '../state/selectors'
import { dirtySessions } from '../state/tabs'

/** A toolbar button; `hint` is the longer tooltip of a short label (the label stays in its name). */
function ToolButton(props: { action: ActionId; label: string; hint?: string; disabled?: boolean; primary?: boolean; icon?: ReactNode; keys?: string }) {
  const controller = useController()
  const keys = props.keys ?? shortcutLabel(props.action)
  return (
    <button
      type="button"
      className={props.primary ? 'tool primary' : 'tool'}
      disabled={props.disabled}
      title={keys ? `${props.hint ?? props.label} (${keys})` : (props.hint ?? props.label)}
      aria-keyshortcuts={keys || undefined}
      // Keep focus (and the caret) where it is: buttons act on the current cell.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => controller.run(props.action)}
    >
      {props.icon && (
        <span className="tool-icon" aria-hidden="true">
          {props.icon}
        </span>
      )}
      <span>{props.label}</span>
    </button>
  )
}

/** The editing toolbar: every button runs the same action as its shortcut. */
export function Toolbar() {
  const dirty = useAppState((s) => dirtyOf(s.session!.editor))
  const canUndo = useAppState((s) => s.session!.editor.done.length > 0)
  const canRedo = useAppState((s) => s.session!.editor.undone.length > 0)
  const saving = useAppState((s) => s.session!.saving)
  const canSplit = useAppState((s) => s.session!.editing?.column === 'text')
  const dirtyTabs = useAppState((s) => dirtySessions(s).length)
  return (
    <div className="toolbar" role="toolbar" aria-label="Editing">
      <div className="tool-group">
        <ToolButton action="save" label="Save" primary disabled={!dirty || saving} />
        {dirtyTabs > 1 && <ToolButton action="save-all" label={`Save all (${dirtyTabs})`} hint="Save every episode with unsaved changes" />}
        <ToolButton action="review-changes" label="Review…" hint="Review changes: what Save will write, as a diff" disabled={dirtyTabs === 0} />
        <ToolButton action="revert" label="Revert" disabled={!dirty} />
      </div>
      <div className="tool-group">
        <ToolButton action="undo" label="Undo" icon="↶" disabled={!canUndo} />
        <ToolButton action="redo" label="Redo" icon="↷" disabled={!canRedo} />
      </div>
      <div className="tool-group">
        <ToolButton action="insert-header" label="Insert section" icon="§" />
        <ToolButton action="split" label="Split" disabled={!canSplit} />
        <ToolButton action="merge-up" label="Merge up" />
      </div>
      <div className="tool-group">
        <ToolButton action="rename-speaker" label="Rename…" hint="Rename a speaker everywhere" />
        <ToolButton action="swap-speakers" label="Swap…" hint="Swap two speakers in the selected rows" />
      </div>
      <div className="tool-group">
        <ToolButton action="import-chapters" label="Chapters…" hint="Replace sections from a chapter list" />
        <ToolButton action="export-chapters" label="Export…" hint="Export the sections as a chapter list" />
        <ToolButton action="sync-clips" label="Sync clips" hint="Sync quotableClips and duration from the sections" />
        <ToolButton action="fix-typography" label="Typography" hint="Fix typography in this episode" />
      </div>
      <div className="tool-group tool-end">
        <ToolButton action="find" label="Find" />
        <ToolButton action="help" label="Shortcuts" keys="F1" />
      </div>
    </div>
  )
}
