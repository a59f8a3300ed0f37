import { useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ChapterListFile } from '../../shared/api/contract'
import { formatChapterList, parseChapterList, placeChapters, sectionsAsChapters, type Chapter, type ChapterListFormat, type SectionChange } from '../../shared/chapters/index'
import { EditError, type Episode } from '../../shared/episode/index'
import { formatTime } from '../../shared/episode/time'
import { replaceSections } from '../state/chapter-commands'
import { errorText, setDialog } from '../state/commands'
import { useAppState, useController } from '../state/hooks'
import { lineText } from '../state/selectors'
import { Modal } from './modal'

/** What the preview says about each kind of change. */
const KIND_LABEL: Readonly<Record<SectionChange['kind'], string>> = {
  kept: 'kept',
  added: 'added',
  removed: 'removed',
  renamed: 'renamed',
  moved: 'moved',
}

/** The first few words of a line, for saying where a section will stand. */
function firstWords(text: string, words = 8): string {
  const all = text.trim().split(/\s+/)
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ')
}

/** Where a section stands: "before 12:34 “first words of the line…”", or "at the end". */
function anchorText(doc: Episode, change: SectionChange, words = 8): string {
  if (!change.before) return 'at the end'
  const entry = doc.entries[change.before.entry]
  const start = entry ? firstWords(lineText(entry) ?? '', words) : ''
  const time = change.before.sec !== undefined ? `${formatTime(change.before.sec)} ` : ''
  return `before ${time}“${start}”`
}

/** The preview of a placement: one row per section, marked with what becomes of it. */
function SectionPreview(props: { doc: Episode; changes: readonly SectionChange[] }) {
  return (
    <ol className="chapter-preview" aria-label="New outline" data-testid="chapter-preview">
      {props.changes.map((c, i) => (
        <li key={i} className={`chapter-row chapter-${c.kind}`} data-kind={c.kind}>
          <span className="chapter-kind">{KIND_LABEL[c.kind]}</span>
          <span className="chapter-time">{c.sec !== undefined ? formatTime(c.sec) : ''}</span>
          <span className="chapter-title">
            {c.title}
            {c.oldTitle !== undefined && <span className="chapter-old"> (was “{c.oldTitle}”)</span>}
          </span>
          <span className="chapter-anchor" title={anchorText(props.doc, c, 40)}>
            {anchorText(props.doc, c)}
          </span>
        </li>
      ))}
    </ol>
  )
}

/** The placement of a pasted list, or why it cannot be applied. */
function usePlacement(doc: Episode, text: string) {
  return useMemo(() => {
    const parsed = parseChapterList(text)
    if (parsed.errors.length > 0 || parsed.chapters.length === 0) return { parsed, placed: null, error: null }
    try {
      return { parsed, placed: placeChapters(doc, parsed.chapters), error: null }
    } catch (error) {
      if (!(error instanceof EditError)) throw error
      return { parsed, placed: null, error: errorText(error) }
    }
  }, [doc, text])
}

/** "Replace sections from chapter list…": paste or pick a list, preview the outline, apply as one step. */
export function ImportChaptersDialog() {
  const controller = useController()
  const close = () => controller.dispatch(setDialog(null))
  const doc = useAppState((s) => s.session!.editor.doc)
  const [text, setText] = useState('')
  const [fileError, setFileError] = useState<string | null>(null)
  const [own, setOwn] = useState<ChapterListFile | null>(null)
  useEffect(() => {
    let live = true
    void controller.readChapterList().then((found) => live && setOwn(found))
    return () => {
      live = false
    }
  }, [controller])
  const { parsed, placed, error } = usePlacement(doc, text)
  const counts = new Map<string, number>()
  for (const c of placed?.changes ?? []) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1)
  const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(', ')
  const canApply = placed !== null && placed.changed
  const apply = () => {
    if (!canApply) return
    controller.dispatch(setDialog(null))
    controller.dispatch(replaceSections(parsed.chapters))
  }
  const pick = async (file: File | undefined) => {
    if (!file) return
    try {
      setText(await file.text())
      setFileError(null)
    } catch (e) {
      setFileError(`${file.name} could not be read: ${errorText(e)}`)
    }
  }
  return (
    <Modal
      title="Replace sections from chapter list"
      wide
      onCancel={close}
      describedBy="chapter-status"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={!canApply} onClick={apply}>
            Apply
          </button>
        </>
      }
    >
      <div className="chapter-input">
        <label htmlFor="chapter-text">Chapter list (the site’s “00:12:34 Topic” or a YouTube description’s “12:34 Topic”)</label>
        <textarea id="chapter-text" data-autofocus rows={6} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        <label className="chapter-file">
          Or read a file:{' '}
          <input type="file" accept=".txt,text/plain" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        {own && 'text' in own && (
          <p className="chapter-own">
            <button type="button" className="button" onClick={() => setText(own.text)}>
              Use the episode’s list
            </button>{' '}
            <code>{own.name}</code>
          </p>
        )}
        {own && 'reason' in own && <p className="chapter-own muted" data-testid="chapter-own-reason">The episode’s own list was not found: {own.reason}.</p>}
        {fileError && <p className="error-detail">{fileError}</p>}
      </div>
      <p id="chapter-status" className="preview" role="status" aria-live="polite" data-testid="chapter-status">
        {parsed.errors.length > 0
          ? `${parsed.errors.length} ${parsed.errors.length === 1 ? 'line is' : 'lines are'} not a chapter; fix ${parsed.errors.length === 1 ? 'it' : 'them'} to apply the list.`
          : error
            ? `The list cannot be applied: ${error}`
            : !placed
              ? 'Paste a chapter list to see the new outline.'
              : placed.changed
                ? `${parsed.chapters.length} chapters: ${summary}.`
                : 'The sections already match this list; applying it changes nothing.'}
      </p>
      {parsed.errors.length > 0 && (
        <ul className="error-detail chapter-errors" aria-label="Lines that are not chapters">
          {parsed.errors.map((e) => (
            <li key={e.line}>
              Line {e.line}: “{e.text}”: {e.reason}
            </li>
          ))}
        </ul>
      )}
      {placed && <SectionPreview doc={placed.doc} changes={placed.changes} />}
    </Modal>
  )
}

/** Writes the site list to the episode's `podcast-timestamps/` file and says where it wrote, or why not. */
function WriteListButton(props: { text: string; onWritten: () => void }) {
  const controller = useController()
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const write = async () => {
    if (busy) return
    setBusy(true)
    const result = await controller.writeChapterList(props.text)
    setBusy(false)
    if (result.ok) {
      setStatus({ tone: 'ok', text: `${result.written.created ? 'Created' : 'Written to'} podcast-timestamps/${result.written.name}.` })
      props.onWritten()
    } else setStatus({ tone: 'error', text: `Not written: ${result.message}` })
  }
  return (
    <>
      {/* Busy, not disabled: a disabled button would drop keyboard focus out of the dialog. */}
      <button type="button" className="button" aria-disabled={busy} onClick={() => void write()}>
        Write to podcast-timestamps/
      </button>
      <span role="status" className={status?.tone === 'error' ? 'chapter-written error-detail' : 'chapter-written'} data-testid="chapter-written">
        {status?.text}
      </span>
    </>
  )
}

/** One export format with its text and a Copy button. */
function ExportBlock(props: { format: ChapterListFormat; label: string; text: string; children?: ReactNode }) {
  const [copied, setCopied] = useState<string | null>(null)
  const id = `chapter-export-${props.format}`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text)
      setCopied('Copied.')
    } catch (e) {
      setCopied(`Could not copy (${errorText(e)}); select the text and copy it by hand.`)
    }
  }
  return (
    <section className="chapter-export">
      <div className="chapter-export-head">
        <label htmlFor={id}>{props.label}</label>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy {props.format === 'site' ? 'site list' : 'YouTube list'}
        </button>
        {props.children}
        <span role="status" className="chapter-copied">
          {copied}
        </span>
      </div>
      <textarea id={id} readOnly rows={8} spellCheck={false} value={props.text} />
    </section>
  )
}

/** "Export sections as a chapter list": the site's and YouTube's formats, each with Copy. */
export function ExportChaptersDialog() {
  const controller = useController()
  const close = () => controller.dispatch(setDialog(null))
  const doc = useAppState((s) => s.session!.editor.doc)
  // The episode's own list as last read (null: it has none that reads); undefined until the first
  // answer, as the export depends on it: nothing is shown or written before.
  const [own, setOwn] = useState<{ name: string; chapters: readonly Chapter[] } | null | undefined>(undefined)
  // Bumped after a write, so the list is read again (its starts, and whether it now matches).
  const [written, setWritten] = useState(0)
  useEffect(() => {
    let live = true
    void controller.readChapterList().then((found) => {
      const list = found && 'text' in found ? parseChapterList(found.text) : null
      if (live) setOwn(found && 'name' in found && list && list.errors.length === 0 ? { name: found.name, chapters: list.chapters } : null)
    })
    return () => {
      live = false
    }
  }, [controller, written])
  // The episode's own list gives exact starts to sections that stand together before one line.
  const chapters = useMemo(() => sectionsAsChapters(doc, own?.chapters ?? []), [doc, own])
  return (
    <Modal title="Export sections as a chapter list" wide onCancel={close} footer={<button type="button" className="button primary" onClick={close}>Close</button>}>
      {own === undefined ? (
        <p role="status">Reading the episode’s chapter list…</p>
      ) : chapters.length === 0 ? (
        <p>This episode has no sections to export.</p>
      ) : (
        <>
          {own && (
            <p className="chapter-own muted">
              Starts of sections that share a line come from <code>{own.name}</code>.
            </p>
          )}
          <ExportBlock format="site" label="Site (podcast-timestamps/)" text={formatChapterList(chapters, 'site')}>
            <WriteListButton text={formatChapterList(chapters, 'site')} onWritten={() => setWritten((n) => n + 1)} />
          </ExportBlock>
          <ExportBlock format="youtube" label="YouTube description" text={formatChapterList(chapters, 'youtube')} />
        </>
      )}
    </Modal>
  )
}
