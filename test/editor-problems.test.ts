import assert from 'node:assert/strict'
import type { WorkspaceLintCode } from '../shared/workspace/speaker-lint'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { defaultSettings } from '../shared/api/contract'
import { InvalidHostArgumentsError, validateHostArgs } from '../shared/api/validate'
import { parseEpisode, requoteEntry, serializeEpisode, type Episode } from '../shared/episode/index'
import { fixTypography } from '../shared/typography/typography-lint'
import { createController } from '../renderer/state/controller'
import { setCursor, undoCommand } from '../renderer/state/commands'
import { fixEpisodeTypography } from '../renderer/state/chapter-commands'
import { applyProblemFix, quickFix } from '../renderer/state/problem-commands'
import { defaultLintContext, lintContextFor, problemsFor, type EditorProblem, type LintContext } from '../renderer/state/problems'
import { CHECK_GROUPS } from '../renderer/state/check-catalog'
import { lintRules } from '../shared/episode/lint'
import { createSettingsStore } from '../electron/host/settings-store'
import { writeEpisodeChapterList } from '../electron/host/episode-chapter-list'
import { FakeHost, ManualClock } from './helpers/fake-host'
import { dirtyOf } from '../renderer/state/selectors'
import { withChapterList } from '../renderer/state/chapter-copies-lint'
import { lintChapterCopies } from '../shared/chapters/index'
import { episodesDir } from './helpers/corpus'

/** A real corpus episode: double spaces, mixed quotes, an unbalanced quote, string times that differ from `sec`. */
const TEAM = 'building-data-team.md'
const TEAM_TEXT = readFileSync(join(episodesDir, TEAM), 'utf8')
/** Three unquoted values Jekyll misreads, in its first entries. */
const CRISP = readFileSync(join(episodesDir, 'crisp-dm.md'), 'utf8')

const codes = (problems: readonly EditorProblem[]) => new Set(problems.map((p) => p.code))
/** What a list of problems says (fixes are closures, compared by what they are for). */
const said = (problems: readonly EditorProblem[]) => problems.map((p) => `${p.entry} ${p.code} ${p.message} ${p.fix?.label ?? ''}`)

/** Indices of the entries two documents do not share (by object). */
function changedEntries(a: Episode, b: Episode): number[] {
  assert.equal(a.entries.length, b.entries.length)
  return a.entries.flatMap((e, i) => (e === b.entries[i] ? [] : [i]))
}

describe('problems the editor shows', () => {
  const doc = parseEpisode(TEAM_TEXT)

  it('joins the linter and the typography rules, in row order, and caches them per document and context', () => {
    const problems = problemsFor(doc, defaultLintContext)
    assert.ok(codes(problems).has('typography-double-space'))
    assert.ok(codes(problems).has('typography-mixed-quotes'))
    assert.ok(codes(problems).has('sec-backwards'))
    assert.deepEqual(problems.map((p) => p.entry), [...problems.map((p) => p.entry)].sort((a, b) => a - b))
    assert.equal(problemsFor(doc, defaultLintContext), problems, 'the same list for the same document and context')
    assert.notEqual(problemsFor(doc, lintContextFor(defaultSettings)), problems, 'a new context lints again')
  })

  it('leaves out every rule the settings switch off, and only those', () => {
    const all = problemsFor(doc, defaultLintContext)
    const context = lintContextFor({ disabledRules: ['typography-mixed-quotes', 'sec-backwards'], hostSpeaker: null })
    const some = problemsFor(doc, context)
    assert.ok(!codes(some).has('typography-mixed-quotes'))
    assert.ok(!codes(some).has('sec-backwards'))
    assert.deepEqual(said(some), said(all.filter((p) => p.code !== 'typography-mixed-quotes' && p.code !== 'sec-backwards')))
  })

  it('adds the extra lints of the context, which switches can turn off too', () => {
    const unknown = (d: Episode): EditorProblem[] => [{ entry: d.entries.length - 1, severity: 'error', code: 'unknown-speaker', message: 'Not in _people/' }]
    const context: LintContext = { disabled: new Set(), extra: [unknown] }
    assert.ok(codes(problemsFor(doc, context)).has('unknown-speaker'))
    assert.ok(!codes(problemsFor(doc, { disabled: new Set(['unknown-speaker']), extra: [unknown] })).has('unknown-speaker'))
  })

  it('fixes a typography problem in its entry only, with its rule only', () => {
    const problem = problemsFor(doc, defaultLintContext).find((p) => p.code === 'typography-double-space')!
    assert.ok(problem.fix, 'a doubled space can be fixed')
    const fixed = problem.fix.edit(doc)
    assert.deepEqual(changedEntries(doc, fixed), [problem.entry])
    assert.equal(serializeEpisode(fixed), serializeEpisode(fixTypography(doc, new Set(['double-space']), [problem.entry]).doc))
    assert.ok(!problemsFor(fixed, defaultLintContext).some((p) => p.entry === problem.entry && p.code === 'typography-double-space'))
  })

  it('offers no fix where the right text is a guess: unbalanced quotes, a string "time" that differs from "sec"', () => {
    const problems = problemsFor(doc, defaultLintContext)
    assert.ok(problems.some((p) => p.code === 'typography-unbalanced-quotes'))
    assert.ok(problems.filter((p) => p.code === 'typography-unbalanced-quotes' || p.code === 'time-mismatch').every((p) => !p.fix))
  })

  it('quotes an unquoted value Jekyll misreads, rewriting that entry only', () => {
    const crisp = parseEpisode(CRISP)
    const problem = problemsFor(crisp, defaultLintContext).find((p) => p.code === 'ambiguous-value')!
    const fixed = problem.fix!.edit(crisp)
    assert.deepEqual(changedEntries(crisp, fixed), [problem.entry])
    assert.equal(serializeEpisode(fixed), serializeEpisode(requoteEntry(crisp, problem.entry)))
    assert.ok(!problemsFor(fixed, defaultLintContext).some((p) => p.entry === problem.entry && p.code === 'ambiguous-value'))
  })

  it('lists every linter and typography code, and the workspace checks, in the Settings dialog, once', () => {
    const listed = CHECK_GROUPS.flatMap((g) => g.checks.map((c) => c.code))
    const workspaceChecks: readonly WorkspaceLintCode[] = ['misspelling', 'unknown-speaker']
    assert.deepEqual([...listed].sort(), [...Object.keys(lintRules), ...workspaceChecks].sort())
  })
})

async function openTeam(host = new FakeHost({ [TEAM]: TEAM_TEXT })) {
  const controller = createController(host, { schedule: new ManualClock().schedule })
  await controller.start()
  await controller.openFile(TEAM)
  return { host, controller }
}

describe('settings and fixes in the app state', () => {
  it('reads the settings at start and rebuilds the lint context from them', async () => {
    const host = new FakeHost({ [TEAM]: TEAM_TEXT })
    host.settings = { disabledRules: ['typography-double-space'], hostSpeaker: 'Alexey' }
    const { controller } = await openTeam(host)
    const state = controller.store.getState()
    assert.equal(state.settings.hostSpeaker, 'Alexey')
    assert.ok(state.lintContext.disabled.has('typography-double-space'))
    assert.ok(!codes(problemsFor(state.session!.settled, state.lintContext)).has('typography-double-space'))
  })

  it('saves settings through the host and applies them at once', async () => {
    const { host, controller } = await openTeam()
    const doc = controller.store.getState().session!.settled
    assert.ok(codes(problemsFor(doc, controller.store.getState().lintContext)).has('typography-mixed-quotes'))
    assert.equal(await controller.saveSettings({ disabledRules: ['typography-mixed-quotes'], hostSpeaker: null }), true)
    assert.deepEqual(host.settings.disabledRules, ['typography-mixed-quotes'])
    assert.ok(!codes(problemsFor(doc, controller.store.getState().lintContext)).has('typography-mixed-quotes'))
  })

  it('keeps settings in force and says so when the host cannot save them', async () => {
    const { host, controller } = await openTeam()
    host.failing.set('saveSettings', new Error('disk full'))
    assert.equal(await controller.saveSettings({ disabledRules: ['empty-line'], hostSpeaker: null }), false)
    assert.ok(controller.store.getState().lintContext.disabled.has('empty-line'))
    assert.match(controller.store.getState().notice!.text, /could not be saved for next time: disk full/)
  })

  it('quick fix on the cursor row applies its one fix as one undo step and says what it did', async () => {
    const { controller } = await openTeam()
    const doc = controller.store.getState().session!.editor.doc
    const target = problemsFor(doc, defaultLintContext).find((p) => p.code === 'typography-double-space' && problemsFor(doc, defaultLintContext).filter((q) => q.entry === p.entry && q.fix).length === 1)!
    controller.dispatch(setCursor(doc.entries[target.entry]!.id, 'text'))
    controller.dispatch(quickFix)
    const after = controller.store.getState()
    assert.deepEqual(changedEntries(doc, after.session!.editor.doc), [target.entry])
    assert.match(after.notice!.text, new RegExp(`^Row ${target.entry + 1}: make doubled spaces single`))
    controller.dispatch(undoCommand)
    assert.equal(controller.store.getState().session!.editor.doc.entries[target.entry], doc.entries[target.entry])
  })

  it('quick fix opens a menu when the row has several fixes, and says when there is nothing to fix', async () => {
    const { controller } = await openTeam()
    const doc = controller.store.getState().session!.editor.doc
    const several = doc.entries.findIndex((_, i) => problemsFor(doc, defaultLintContext).filter((p) => p.entry === i && p.fix).length > 1)
    assert.ok(several >= 0, 'a row with a doubled space and mixed quotes')
    controller.dispatch(setCursor(doc.entries[several]!.id, 'text'))
    controller.dispatch(quickFix)
    assert.deepEqual(controller.store.getState().dialog, { kind: 'quick-fix', id: doc.entries[several]!.id })
    const clean = doc.entries.findIndex((_, i) => !problemsFor(doc, defaultLintContext).some((p) => p.entry === i))
    controller.dispatch(setCursor(doc.entries[clean]!.id, 'text'))
    controller.dispatch(quickFix)
    assert.equal(controller.store.getState().notice!.text, 'No problem to fix on this row')
    assert.equal(controller.store.getState().session!.editor.doc, doc)
  })

  it('a fix asked for a problem that is gone changes nothing and says so', async () => {
    const { controller } = await openTeam()
    const doc = controller.store.getState().session!.editor.doc
    controller.dispatch(applyProblemFix(doc.entries[0]!.id, 'typography-double-space'))
    assert.equal(controller.store.getState().session!.editor.doc, doc)
    assert.equal(controller.store.getState().notice!.text, 'That problem is gone; nothing to fix')
  })

  it('quoting a misread value marks the episode unsaved, though its values are the same', async () => {
    const host = new FakeHost({ 'crisp-dm.md': CRISP })
    const controller = createController(host, { schedule: new ManualClock().schedule })
    await controller.start()
    await controller.openFile('crisp-dm.md')
    const doc = controller.store.getState().session!.editor.doc
    const problem = problemsFor(doc, defaultLintContext).find((p) => p.code === 'ambiguous-value')!
    controller.dispatch(applyProblemFix(doc.entries[problem.entry]!.id, 'ambiguous-value'))
    assert.ok(dirtyOf(controller.store.getState().session!.editor), 'the re-quoted entry is saved')
    assert.equal(await controller.save(), true)
    assert.equal(host.files.get('crisp-dm.md'), serializeEpisode(requoteEntry(doc, problem.entry)))
  })

  it('lints the open episode’s section copies against its own chapter list, keeping the other extra lints', async () => {
    const { controller } = await openTeam()
    await new Promise((resolve) => setImmediate(resolve))
    const doc = controller.store.getState().session!.settled
    const extraOnes = controller.store.getState().lintContext.extra
    const copiesLints = (lints: typeof extraOnes) => lints.filter((lint) => lint(doc).some((p) => /^(clip|duration|chapter-list)-mismatch$/.test(p.code)))
    assert.equal(copiesLints(extraOnes).length, 1, 'the section copies lint of the open episode')
    assert.deepEqual(said(problemsFor(doc, controller.store.getState().lintContext)).filter((p) => / clip-mismatch | duration-mismatch /.test(p)), said(lintChapterCopies(doc)))
    const other = (): EditorProblem[] => []
    controller.dispatch((state) => ({ ...state, lintContext: { ...state.lintContext, extra: [...state.lintContext.extra, other] } }))
    const list = { name: 's01e03-building-ds-team.txt', chapters: [{ sec: 0, title: 'Only one' }] }
    controller.dispatch(withChapterList(list))
    const extra = controller.store.getState().lintContext.extra
    assert.equal(extra.length, extraOnes.length + 1, 'the new list replaced the copies lint; the other extra lints stay')
    assert.ok(extra.includes(other))
    assert.ok(codes(problemsFor(doc, controller.store.getState().lintContext)).has('chapter-list-mismatch'))
  })

  it('fix all typography leaves the switched-off rules alone', async () => {
    const { controller } = await openTeam()
    await controller.saveSettings({ disabledRules: ['typography-mixed-quotes'], hostSpeaker: null })
    const doc = controller.store.getState().session!.editor.doc
    controller.dispatch(fixEpisodeTypography)
    const fixed = controller.store.getState().session!.editor.doc
    const expected = fixTypography(doc, new Set(['dash-lookalike', 'double-space', 'space-before-punctuation', 'unbalanced-quotes']))
    assert.equal(serializeEpisode(fixed), serializeEpisode(expected.doc))
    assert.ok(codes(problemsFor(fixed, defaultLintContext)).has('typography-mixed-quotes'))
  })
})

describe('the host keeps settings and writes chapter lists', () => {
  const dirs: string[] = []
  const temp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'te-settings-'))
    dirs.push(dir)
    return dir
  }
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  it('remembers settings across store instances (runs), in settings.json', async () => {
    const dir = await temp()
    assert.deepEqual(await createSettingsStore(dir).get(), defaultSettings)
    await createSettingsStore(dir).save({ disabledRules: ['typography-dash', 'empty-line'], hostSpeaker: ' Alexey Grigorev ' })
    assert.deepEqual(await createSettingsStore(dir).get(), { disabledRules: ['empty-line', 'typography-dash'], hostSpeaker: 'Alexey Grigorev' })
    assert.match(await readFile(join(dir, 'settings.json'), 'utf8'), /"version": 1/)
  })

  it('falls back to the defaults, saying so, when settings.json is damaged', async () => {
    const dir = await temp()
    await writeFile(join(dir, 'settings.json'), '{ not json')
    const logged: unknown[] = []
    const original = console.error
    console.error = (...args: unknown[]) => void logged.push(args.join(' '))
    try {
      assert.deepEqual(await createSettingsStore(dir).get(), defaultSettings)
    } finally {
      console.error = original
    }
    assert.match(String(logged[0]), /does not read as JSON/)
  })

  it('refuses settings that do not match the contract', () => {
    assert.throws(() => validateHostArgs('saveSettings', [{ disabledRules: 'typography-dash', hostSpeaker: null }]), InvalidHostArgumentsError)
    assert.throws(() => validateHostArgs('saveSettings', [{ disabledRules: [], hostSpeaker: null, theme: 'dark' }]), /unknown field "theme"/)
    assert.doesNotThrow(() => validateHostArgs('saveSettings', [{ disabledRules: ['typography-dash'], hostSpeaker: 'Alexey' }]))
  })

  it('writes the episode’s list, or a new one named sNNeMM-<name>.txt, and refuses outside a site checkout', async () => {
    const root = await temp()
    await mkdir(join(root, '_podcast'))
    const episode = join(root, '_podcast', TEAM)
    await writeFile(episode, TEAM_TEXT)
    const list = '00:00:00 Intro\n00:02:06 Guest\n'
    await assert.rejects(writeEpisodeChapterList(episode, list), /not in a site checkout/)
    await mkdir(join(root, 'podcast-timestamps'))
    assert.deepEqual(await writeEpisodeChapterList(episode, list), { name: 's01e03-building-data-team.txt', created: true })
    assert.equal(await readFile(join(root, 'podcast-timestamps', 's01e03-building-data-team.txt'), 'utf8'), list)
    await assert.rejects(writeEpisodeChapterList(episode, 'not a chapter\n'), /not a chapter list: line 1/)
    assert.deepEqual(await writeEpisodeChapterList(episode, '00:00:00 Intro\n'), { name: 's01e03-building-data-team.txt', created: false })
  })
})
