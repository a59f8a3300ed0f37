import { pairsEqual, valueOf } from './entry'
import { resolvePlain } from './pyyaml-resolve'
import { entryText } from './serialize-episode'
import type { Entry, EpisodeStyle } from './types'
import { yamlEquals } from './yaml-value'
import { parseYamlTree, type MapNode, type YamlNode } from './yaml-tree'

/**
 * A value of an edited entry that the edit did not change but that is now written in another form:
 * `quoted` (plain before, quoted now: unquoted, some reader takes it for something else), `rewrapped`
 * (the same quoting, its line breaks moved), `restyled` (any other change of form, such as
 * `"Alexey"` written `Alexey`). `before` and `after` are the value's text as written, quotes included.
 */
export interface RewrittenValue {
  readonly key: string
  readonly before: string
  readonly after: string
  readonly change: 'quoted' | 'rewrapped' | 'restyled'
}

/** A value's node and its text as written, by key (a repeated key: the last, the one readers keep). */
type WrittenForms = ReadonlyMap<string, { readonly node: YamlNode; readonly text: string }>

/**
 * The values of an entry whose written form an edit changed beyond what the edit changed: every
 * key whose value is the same before and after, but which Save now writes differently from how
 * the entry stood (its file text, or its text after earlier edits). Empty for most edits, for an
 * entry written again in the form it already had (a second edit, an undo), for a new or removed
 * entry, for a value written back as the file has it (an undo), and for an edit that changed no
 * value (re-quoting is then the edit's purpose).
 */
export function rewrittenValues(before: Entry, after: Entry, style: EpisodeStyle): RewrittenValue[] {
  const beforeText = entryText(before, style)
  const afterText = entryText(after, style)
  if (beforeText === afterText || pairsEqual(before.pairs, after.pairs)) return []
  const was = writtenForms(beforeText)
  const now = writtenForms(afterText)
  // A value written back as the file has it (an undo) is no change to tell about.
  const file = after.source ? writtenForms(after.source.text) : null
  const rewritten: RewrittenValue[] = []
  for (const [key, form] of now) {
    const old = was.get(key)
    const value = valueOf(after, key)
    const previous = valueOf(before, key)
    if (!old || old.text === form.text || file?.get(key)?.text === form.text) continue
    if (value === undefined || previous === undefined || !yamlEquals(value, previous)) continue
    rewritten.push({ key, before: old.text, after: form.text, change: changeOf(old.node, form.node) })
  }
  return rewritten
}

function changeOf(before: YamlNode, after: YamlNode): RewrittenValue['change'] {
  if (before.type !== 'scalar' || after.type !== 'scalar') return 'restyled'
  if (before.style === 'plain' && after.style !== 'plain') return 'quoted'
  return before.style === after.style ? 'rewrapped' : 'restyled'
}

/** Each key's value node and written text in one entry's text (a `- key: …` item). */
function writtenForms(text: string): WrittenForms {
  const src = `transcript:\n${text}`
  const tree = parseYamlTree(src, 0, src.length)
  const seq = tree.pairs[0]!.value
  const item = seq.type === 'seq' ? seq.items[0] : undefined
  const forms = new Map<string, { node: YamlNode; text: string }>()
  if (item?.type !== 'map') return forms
  for (const pair of (item as MapNode).pairs) forms.set(pair.key, { node: pair.value, text: src.slice(pair.value.start, pair.value.end).trimEnd() })
  return forms
}

/**
 * One plain-words notice for the values an edit wrote in another form, `rewrites` holding each
 * edited entry's `rewrittenValues`; null when there are none (most edits). Such as: "Also quoted
 * time '0:54' in this entry: unquoted, YAML readers disagree on it (Jekyll, which builds the
 * site, reads the number 54; PyYAML reads the text)".
 */
export function describeRewrites(rewrites: readonly (readonly RewrittenValue[])[]): string | null {
  const touched = rewrites.filter((r) => r.length > 0)
  if (touched.length === 0) return null
  const all = touched.flat()
  const where = touched.length === 1 ? (rewrites.length === 1 ? 'in this entry' : 'in one of the edited entries') : `in ${touched.length} of the edited entries`
  const quoted = all.filter((r) => r.change === 'quoted')
  const why = `unquoted, YAML readers disagree on ${quoted.length === 1 ? 'it' : 'them'}`
  const detail = quoted[0] ? readings(unquote(quoted[0].after), all.length > 1) : ''
  const onlyQuoted = quoted.length === all.length
  const phrases = groups(all).map((group) => phrase(group) + (group[0]!.change === 'quoted' && !onlyQuoted ? ` (${why}: ${detail})` : ''))
  return `Also ${phrases.join('; ')} ${where}${onlyQuoted ? `: ${why} (${detail})` : ''}. Review changes shows the lines Save will write.`
}

/** The rewrites of one key and kind together, in order of first appearance. */
function groups(all: readonly RewrittenValue[]): RewrittenValue[][] {
  const byKind = new Map<string, RewrittenValue[]>()
  for (const r of all) {
    const id = `${r.change} ${r.key}`
    byKind.set(id, [...(byKind.get(id) ?? []), r])
  }
  return [...byKind.values()]
}

function phrase(group: readonly RewrittenValue[]): string {
  const first = group[0]!
  const n = group.length
  switch (first.change) {
    case 'quoted':
      return `quoted ${first.key} ${examples(group.map((r) => r.after))}`
    case 'rewrapped':
      return `re-wrapped ${first.key}${n > 1 ? ` (${n} values)` : ''} (the same text, its line breaks moved)`
    case 'restyled':
      return `wrote ${first.key} ${shorten(first.before)} as ${shorten(first.after)}${n > 1 ? ` and ${n - 1} more like it` : ''} (the same value)`
  }
}

/** Up to three distinct examples, then how many more. */
function examples(texts: readonly string[]): string {
  const distinct = [...new Set(texts)]
  const shown = distinct.slice(0, 3).map(shorten)
  const more = distinct.length - shown.length
  if (more > 0) return `${shown.join(', ')} and ${more} more`
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0]!
}

function shorten(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ')
  return flat.length > 40 ? `${flat.slice(0, 37)}…` : flat
}

function unquote(written: string): string {
  if (written.startsWith("'")) return written.slice(1, -1).replace(/''/g, "'")
  if (written.startsWith('"')) return written.slice(1, -1)
  return written
}

/** SafeYAML's (Jekyll's) sexagesimal number, which unlike PyYAML's also starts with 0: `0:54`. */
const SEXAGESIMAL = /^[0-9][0-9_]*(?::[0-5]?[0-9])+$/

/** What the readers make of `text` written plain, in plain words. */
function readings(text: string, many: boolean): string {
  const pyyaml = resolvePlain(text)
  const py = typeof pyyaml === 'string' ? 'PyYAML reads the text' : `PyYAML reads ${typeof pyyaml === 'object' && pyyaml !== null ? 'another type' : String(pyyaml)}`
  if (SEXAGESIMAL.test(text)) {
    const number = text
      .replace(/_/g, '')
      .split(':')
      .reduce((sum, part) => sum * 60 + Number(part), 0)
    return `Jekyll, which builds the site, reads ${many ? `${text} as ` : ''}the number ${number}; ${py}`
  }
  return typeof pyyaml === 'string' ? `some do not read ${text} as text` : py
}
