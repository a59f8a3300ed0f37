import { placeChapters, syncChapterCopies, type Chapter } from '../../shared/chapters/index'
import { parseEpisode } from '../../shared/episode/index'
import { metadataValue } from '../../shared/episode/summary'
import { fixTypography, lintTypography, TYPOGRAPHY_CODES } from '../../shared/typography/typography-lint'
import { TYPOGRAPHY_RULES, type TypographyRule } from '../../shared/typography/typography-rules'
import type { FileHandle } from '../../shared/api/contract'
import { change, notify, tryEdit, type AppCommand } from './commands'
import { enabledTypographyRules } from './problems'

/** "1 entry" / "3 entries". */
function entries(count: number): string {
  return `${count} ${count === 1 ? 'entry' : 'entries'}`
}

/**
 * Replaces the section headers by a chapter list (the site's placement rule, see `placeChapters`)
 * as one undo step, and says so; headers that come out the same at the same place are kept as
 * they are, so they keep their bytes on save.
 */
export function replaceSections(chapters: readonly Chapter[]): AppCommand {
  return (state) => {
    let changed = false
    const next = tryEdit((s) => {
      const placed = placeChapters(s.editor.doc, chapters)
      changed = placed.changed
      return placed.changed ? change(s, placed.doc, 'structure') : s
    })(state)
    if (!next) return null
    return notify(changed ? `Sections replaced by ${chapters.length} chapters` : 'The sections already match this chapter list; nothing changed')(next)
  }
}

/** An episode's own chapter list: its file name and chapters. */
export interface NamedChapterList {
  readonly name: string
  readonly chapters: readonly Chapter[]
}

/**
 * Rewrites `quotableClips` and `duration` from the sections (`syncChapterCopies`) as one undo
 * step: the synced text is read back into a new document of the same session. The episode's own
 * list, when given, supplies the starts of sections that stand together before one line. Says
 * what changed, or why nothing did. Nothing happens when another episode is open by then.
 */
export function syncClipsFromSections(handle: FileHandle, list: NamedChapterList | null = null): AppCommand {
  return (state) => (state.session?.handle === handle ? syncWith(list)(state) : null)
}

/** The sync itself, on whatever episode is open. */
function syncWith(list: NamedChapterList | null): AppCommand {
  return (state) => {
    let message = ''
    const next = tryEdit((s) => {
      const doc = s.editor.doc
      if (metadataValue(doc, 'quotableClips') === undefined && metadataValue(doc, 'duration') === undefined) {
        message = 'Nothing to sync: this file has no quotableClips and no duration'
        return s
      }
      const result = syncChapterCopies(doc, list?.chapters ?? [])
      const why = result.notes.join('; ')
      if (!result.changed) {
        message = why ? `Nothing to sync: ${why}` : 'quotableClips and duration already match the sections; nothing changed'
        return s
      }
      const source = list ? ` (section starts from ${list.name})` : ''
      message = `quotableClips and duration rewritten from the sections${source}${why ? `; ${why}` : ''}`
      return change(s, parseEpisode(result.text), 'structure')
    })(state)
    return next && notify(message)(next)
  }
}

/** What the fix of each fixable typography rule did, as the fix-all message lists it ("… in 3"). */
const TYPOGRAPHY_DONE: Readonly<Partial<Record<TypographyRule, string>>> = {
  'dash-lookalike': 'dash look-alikes replaced',
  'double-space': 'doubled spaces made single',
  'space-before-punctuation': 'a space before punctuation removed',
  'mixed-quotes': "quotes written the way most of the episode's are",
}

/**
 * Fixes typography in every entry of the episode as one undo step, with the rules the settings
 * leave switched on, and says what changed: how many entries, and what in how many of them.
 */
export const fixEpisodeTypography: AppCommand = (state) => {
  let message = 'No typography to fix in this episode'
  const rules = enabledTypographyRules(state.lintContext)
  if (rules.size === 0) return notify('Every typography rule is switched off in Settings; nothing to fix')(state)
  const next = tryEdit((s) => {
    const fixed = fixTypography(s.editor.doc, rules)
    if (fixed.count === 0) return s
    const found = lintTypography(s.editor.doc, rules)
    const what = TYPOGRAPHY_RULES.flatMap((rule) => {
      const done = TYPOGRAPHY_DONE[rule]
      const n = new Set(found.filter((p) => p.code === TYPOGRAPHY_CODES[rule]).map((p) => p.entry)).size
      return done && n > 0 ? [`${done} in ${n}`] : []
    })
    message = `Typography fixed in ${entries(fixed.count)}${what.length > 0 ? `: ${what.join(', ')}` : ''}`
    return change(s, fixed.doc, 'structure')
  })(state)
  return next && notify(message)(next)
}
