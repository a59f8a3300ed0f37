/** Which texts of an episode a search looks in: spoken lines, section headers, speaker names. */
export type SearchScope = 'lines' | 'headers' | 'speakers'

/** Every scope, in the order the UI lists them. */
export const SEARCH_SCOPES: readonly SearchScope[] = ['lines', 'headers', 'speakers']

/**
 * What to find (and what to replace it with). Plain text and case-sensitive unless told
 * otherwise, like the site's editors' own `sed`/VS Code habits; lines only by default.
 */
export interface FindQuery {
  readonly find: string
  /** The replacement; with `regex`, `$1`, `$&`, `$<name>` and `$$` work as in JavaScript's `String.replace`. */
  readonly replace?: string
  readonly regex?: boolean
  readonly matchCase?: boolean
  /** Only matches not preceded or followed by a letter, digit or `_` (any script). */
  readonly wholeWord?: boolean
  /** Where to look; defaults to `['lines']`. */
  readonly in?: readonly SearchScope[]
}

/** A query that cannot run (an empty search, a broken regular expression), in plain words. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'QueryError'
  }
}

/** A query checked and turned into a regular expression, ready to run over many texts. */
export interface CompiledQuery {
  readonly query: FindQuery
  /** Global; `i` when case is ignored. Never used with `u`, so a user's pattern keeps JavaScript's usual meaning. */
  readonly pattern: RegExp
  readonly scopes: ReadonlySet<SearchScope>
}

/** Checks a query and compiles it; throws `QueryError` with a plain-language reason. */
export function compileQuery(query: FindQuery): CompiledQuery {
  if (query.find === '') throw new QueryError('Type something to find.')
  const scopes = new Set<SearchScope>(query.in ?? ['lines'])
  if (scopes.size === 0) throw new QueryError('Choose at least one place to search: lines, headers or speakers.')
  for (const s of scopes) {
    if (!(SEARCH_SCOPES as readonly string[]).includes(s)) throw new QueryError(`"${s}" is not a place to search; use lines, headers or speakers.`)
  }
  const source = query.regex ? query.find : escapeRegExp(query.find)
  const flags = query.matchCase === false ? 'gi' : 'g'
  let pattern: RegExp
  try {
    pattern = new RegExp(source, flags)
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^.*: /, '') : String(error)
    throw new QueryError(`"${query.find}" is not a valid regular expression (${detail.toLowerCase()}). Turn off "regex" to search for the text as typed.`)
  }
  return { query, pattern, scopes }
}

/** Escapes every character that has a meaning in a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}

/** A match inside one string: where it is and the captured groups (for `$1` in replacements). */
export interface TextMatch {
  readonly start: number
  readonly end: number
  readonly groups: RegExpExecArray
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u

function isWordAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false
  const code = text.charCodeAt(index)
  // A low surrogate belongs to the character starting one unit earlier.
  const start = code >= 0xdc00 && code <= 0xdfff && index > 0 ? index - 1 : index
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(start)!))
}

function isWordBefore(text: string, index: number): boolean {
  if (index <= 0) return false
  const code = text.charCodeAt(index - 1)
  return isWordAt(text, code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1)
}

/**
 * Every non-empty, non-overlapping match of the query in `text`, left to right. With
 * `wholeWord`, a match touching a letter or digit is skipped and the search goes on one
 * character later (so "Ali" in "Alina Ali" finds the second).
 */
export function matchesIn(compiled: CompiledQuery, text: string): TextMatch[] {
  const re = compiled.pattern
  const out: TextMatch[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index
    const end = start + m[0].length
    if (end === start) {
      re.lastIndex = start + 1
      continue
    }
    if (compiled.query.wholeWord && (isWordBefore(text, start) || isWordAt(text, end))) {
      re.lastIndex = start + 1
      continue
    }
    out.push({ start, end, groups: m })
  }
  re.lastIndex = 0
  return out
}

/**
 * The text a match is replaced with. Plain queries insert the replacement as typed; regex
 * queries expand it as `String.prototype.replace` does (`$$`, `$&`, `` $` ``, `$'`, `$1`–`$99`, `$<name>`).
 */
export function replacementFor(compiled: CompiledQuery, match: TextMatch, input: string): string {
  const template = compiled.query.replace ?? ''
  if (!compiled.query.regex) return template
  return expandTemplate(template, match.groups, input)
}

function expandTemplate(template: string, m: RegExpExecArray, input: string): string {
  const captures = m.length - 1
  let out = ''
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!
    const next = template[i + 1]
    if (ch !== '$' || next === undefined) {
      out += ch
      continue
    }
    if (next === '$') {
      out += '$'
      i++
    } else if (next === '&') {
      out += m[0]
      i++
    } else if (next === '`') {
      out += input.slice(0, m.index)
      i++
    } else if (next === "'") {
      out += input.slice(m.index + m[0].length)
      i++
    } else if (next >= '0' && next <= '9') {
      const two = template.slice(i + 1, i + 3)
      const twoDigits = /^\d\d$/.test(two) ? Number(two) : 0
      const one = Number(next)
      if (twoDigits >= 1 && twoDigits <= captures) {
        out += m[twoDigits] ?? ''
        i += 2
      } else if (one >= 1 && one <= captures) {
        out += m[one] ?? ''
        i++
      } else {
        out += '$'
      }
    } else if (next === '<' && m.groups !== undefined) {
      const close = template.indexOf('>', i + 2)
      if (close < 0) {
        out += '$'
      } else {
        out += m.groups[template.slice(i + 2, close)] ?? ''
        i = close
      }
    } else {
      out += '$'
    }
  }
  return out
}
