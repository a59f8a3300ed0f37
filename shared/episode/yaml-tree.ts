import { locate } from './front-matter'
import { EpisodeSyntaxError } from './types'

/** How a scalar was written in the source. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded'

/** A scalar with its decoded text (not yet typed) and its source span. */
export interface ScalarNode {
  readonly type: 'scalar'
  readonly style: ScalarStyle
  readonly text: string
  readonly start: number
  readonly end: number
}

/**
 * One `key: value` of a mapping. `start` is the key's offset; `end` is where the pair's last line ends.
 * For a repeated key, `start` is the first occurrence (PyYAML's position) and `valueKeyStart` the key
 * whose value was kept (the last), so a splice edits that one and leaves the text between alone.
 */
export interface PairNode {
  readonly key: string
  readonly value: YamlNode
  readonly start: number
  readonly end: number
  readonly valueKeyStart: number
}

/** A block or flow mapping. */
export interface MapNode {
  readonly type: 'map'
  readonly pairs: readonly PairNode[]
  readonly start: number
  readonly end: number
}

/** A block or flow sequence; for block items, `itemLines` holds the offset of each item's line start. */
export interface SeqNode {
  readonly type: 'seq'
  readonly items: readonly YamlNode[]
  readonly itemLines: readonly number[]
  readonly flow: boolean
  readonly start: number
  readonly end: number
}

/** A node of the lenient YAML tree. */
export type YamlNode = ScalarNode | MapNode | SeqNode

/**
 * How deep lists and mappings may nest (an episode needs 3). PyYAML itself gives up somewhere past
 * 300 levels (Python's recursion limit); refusing at 100 keeps a located error and the stack safe.
 */
const MAX_DEPTH = 100

/** PyYAML's limit on a simple key: its `:` must come within 1,024 characters of its start. */
const MAX_KEY_LENGTH = 1024

const SPACE = 32
const TAB = 9
const LF = 10
const CR = 13
const HASH = 35

/**
 * Parses the block YAML that PyYAML writes (and that people edit by hand) into a tree with
 * source offsets. It is lenient where PyYAML is (quoted scalars whose continuation lines are
 * under-indented, repeated keys) and refuses, with a located plain-language error, what
 * PyYAML refuses or what an episode never needs (anchors, aliases, tags, complex keys).
 * Offsets are into `src`; only `src[start, end)` is read, and every line in it ends with a break.
 */
export function parseYamlTree(src: string, start: number, end: number): MapNode {
  const firstRawBreak = refuseUnprintable(src, start, end)
  const tree = new TreeParser(src, start, end).parseDocument()
  if (firstRawBreak !== -1) refuseRawBreaksOutsideQuotes(src, firstRawBreak, end, tree)
  return tree
}

/**
 * Characters PyYAML's reader may refuse: C0 and C1 controls (but tab, LF, CR), DEL, U+FFFE,
 * U+FFFF, and surrogates, which are fine only as a pair (an astral character); and NEL, U+2028
 * and U+2029, which it reads but `refuseRawBreaksOutsideQuotes` looks at (one scan finds both).
 * Without the `u` flag, so the scan of a whole front matter stays a few milliseconds.
 */
const MAYBE_UNPRINTABLE = /[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd]/g

/** A CR not followed by LF. */
const LONE_CR = /\r(?!\n)/g

/**
 * Refuses, with its location, the first character in `src[start, end)` that PyYAML refuses to
 * read. Returns the offset of the first raw line break there (see `RAW_BREAK`), or -1.
 */
function refuseUnprintable(src: string, start: number, end: number): number {
  let firstRawBreak = -1
  MAYBE_UNPRINTABLE.lastIndex = start
  for (let match = MAYBE_UNPRINTABLE.exec(src); match && match.index < end; match = MAYBE_UNPRINTABLE.exec(src)) {
    const at = match.index
    const code = src.charCodeAt(at)
    const next = src.charCodeAt(at + 1)
    if (code === 0x85 || code === 0x2028 || code === 0x2029) {
      if (firstRawBreak === -1) firstRawBreak = at
      continue
    }
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      MAYBE_UNPRINTABLE.lastIndex = at + 2
      continue
    }
    const hex = code.toString(16).toUpperCase().padStart(4, '0')
    const { line, column } = locate(src, at)
    const escape = code < 0x100 ? `\\x${hex.slice(2)}` : `\\u${hex}`
    throw new EpisodeSyntaxError(
      `This character (U+${hex}) is not allowed in YAML, and PyYAML refuses the whole file; delete it or write it as "${escape}" inside double quotes`,
      line,
      column,
    )
  }
  // A lone CR: looked for only in a file with CRs (most have none; CRLF files have one per line).
  const cr = src.indexOf('\r', start)
  if (cr !== -1 && cr < end && (firstRawBreak === -1 || cr < firstRawBreak)) {
    LONE_CR.lastIndex = cr
    const lone = LONE_CR.exec(src)
    if (lone && lone.index < end && (firstRawBreak === -1 || lone.index < firstRawBreak)) firstRawBreak = lone.index
  }
  return firstRawBreak
}

/** NEL, U+2028, U+2029, and a CR not followed by LF: line breaks to PyYAML, ordinary characters to YAML 1.2 readers. */
const RAW_BREAK = /\r(?!\n)|[\x85\u2028\u2029]/g

const BREAK_ESCAPES: Readonly<Record<string, string>> = { '\r': '\\r', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P' }

/**
 * Refuses a raw NEL, U+2028, U+2029 or lone CR outside a quoted value: PyYAML and Psych read it as a
 * line break (and refuse most files with one), YAML 1.2 readers as part of the text, so the file
 * means different things to different readers. Inside quotes they fold the same way for all.
 */
function refuseRawBreaksOutsideQuotes(src: string, start: number, end: number, tree: MapNode): void {
  // `start` may be the first raw break (as `refuseUnprintable` found it): the text before has none.
  RAW_BREAK.lastIndex = start
  const first = RAW_BREAK.exec(src)
  if (!first || first.index >= end) return
  const quoted: (readonly [number, number])[] = []
  const collect = (node: YamlNode): void => {
    if (node.type === 'scalar') {
      if (node.style === 'single' || node.style === 'double') quoted.push([node.start, node.end])
    } else if (node.type === 'seq') node.items.forEach(collect)
    else node.pairs.forEach((pair) => collect(pair.value))
  }
  collect(tree)
  for (let match: RegExpExecArray | null = first; match && match.index < end; match = RAW_BREAK.exec(src)) {
    const at = match.index
    if (quoted.some(([a, b]) => a < at && at < b)) continue
    const { line, column } = locate(src, at)
    const hex = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
    throw new EpisodeSyntaxError(
      `A raw line separator (U+${hex}) outside quotes: PyYAML reads it as a line break, other YAML readers as text; write it as "${BREAK_ESCAPES[match[0]]}" inside double quotes`,
      line,
      column,
    )
  }
}

class TreeParser {
  private pos: number
  private depth = 0
  /** Colons, hashes and tabs ahead, for `plainStop`. */
  private readonly colons: CharFinder
  private readonly hashes: CharFinder
  private readonly tabs: CharFinder

  constructor(
    private readonly src: string,
    private readonly begin: number,
    private readonly end: number,
  ) {
    this.pos = begin
    this.colons = new CharFinder(src, ':')
    this.hashes = new CharFinder(src, '#')
    this.tabs = new CharFinder(src, '\t')
  }

  parseDocument(): MapNode {
    this.skipBlankLines()
    if (this.pos >= this.end) return { type: 'map', pairs: [], start: this.begin, end: this.begin }
    const indent = this.column(this.pos)
    if (indent !== 0) this.fail('The first key of the front matter must start at the beginning of its line', this.pos)
    if (!this.isKeyAhead(this.pos)) {
      this.fail('Expected a "key: value" line here; the front matter must be a set of keys', this.pos)
    }
    const map = this.parseBlockMap(0)
    this.skipBlankLines()
    if (this.pos < this.end) this.unexpectedLine()
    return map
  }

  private unexpectedLine(): never {
    const col = this.column(this.pos)
    if (col > 0) this.fail('This line is indented more than it should be', this.pos)
    this.fail('Expected a "key: value" line here, found text that is not part of any value', this.pos)
  }

  /** Enters one level of list or mapping nesting at `offset`; refuses more than `MAX_DEPTH` levels. */
  private enter(offset: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(`Lists and mappings are nested more than ${MAX_DEPTH} levels deep here`, offset)
  }

  /** Refuses a tab outside quoted values, block text and comments, where PyYAML refuses it. */
  private failTab(offset: number): never {
    this.fail('A tab here is refused by YAML readers such as PyYAML: tabs are allowed only inside quoted values, block text (| or >) and comments; use spaces', offset)
  }

  /**
   * Refuses a key whose `:` is more than 1,024 characters (code points) after its start: PyYAML
   * does not look further for a simple key's colon, so it refuses the file.
   */
  private checkKeyLength(keyStart: number, colon: number): void {
    if (colon - keyStart <= MAX_KEY_LENGTH) return
    const length = [...this.src.slice(keyStart, colon)].length
    if (length > MAX_KEY_LENGTH) {
      this.fail(`This key is ${length} characters long; YAML readers such as PyYAML refuse keys longer than ${MAX_KEY_LENGTH} characters`, keyStart)
    }
  }

  private fail(message: string, offset: number): never {
    const { line, column } = locate(this.src, offset)
    throw new EpisodeSyntaxError(message, line, column)
  }

  /** Column of an offset, counted from its line start. */
  private column(offset: number): number {
    return offset - (this.src.lastIndexOf('\n', offset - 1) + 1)
  }

  private isBreak(offset: number): boolean {
    if (offset >= this.end) return true
    const c = this.src.charCodeAt(offset)
    return c === LF || (c === CR && this.src.charCodeAt(offset + 1) === LF)
  }

  private isBlankOrEnd(offset: number): boolean {
    if (offset >= this.end) return true
    const c = this.src.charCodeAt(offset)
    return c === SPACE || c === TAB || this.isBreak(offset)
  }

  /** Moves past the line break at `offset` (which must be a break or the end). */
  private afterBreak(offset: number): number {
    if (offset >= this.end) return this.end
    return this.src.charCodeAt(offset) === CR ? offset + 2 : offset + 1
  }

  /**
   * Skips empty lines, comment lines and leading spaces; leaves `pos` at the first content
   * character of the next content line (or at the end). A tab before a line's content or comment
   * (even on an otherwise blank line) is refused, as PyYAML refuses it.
   */
  private skipBlankLines(): void {
    let p = this.pos
    while (p < this.end) {
      while (p < this.end && this.src.charCodeAt(p) === SPACE) p++
      const c = this.src.charCodeAt(p)
      if (c === TAB) this.failTab(p)
      if (p < this.end && this.src.charCodeAt(p) === HASH) {
        p = this.lineEnd(p)
      }
      if (this.isBreak(p)) {
        if (p >= this.end) break
        p = this.afterBreak(p)
        continue
      }
      this.pos = p
      return
    }
    this.pos = this.end
  }

  /** Offset of the line break (or end) of the line containing `offset`. */
  private lineEnd(offset: number): number {
    const nl = this.src.indexOf('\n', offset)
    const e = nl === -1 || nl > this.end ? this.end : nl
    return e > offset && this.src.charCodeAt(e - 1) === CR ? e - 1 : e
  }

  /** After a value on a line: allows trailing spaces and a comment, then consumes the break. */
  private finishLine(): void {
    let p = this.pos
    while (p < this.end && this.src.charCodeAt(p) === SPACE) p++
    if (this.src.charCodeAt(p) === TAB && p < this.end) this.failTab(p)
    if (p < this.end && this.src.charCodeAt(p) === HASH && (p === this.pos ? this.isBlankOrEnd(p - 1) || p === this.begin : true)) {
      p = this.lineEnd(p)
    }
    if (!this.isBreak(p)) {
      if (this.src.charCodeAt(p) === 58) this.fail('Unexpected ":" — a value containing ": " must be quoted', p)
      this.fail('Unexpected text after the value on this line', p)
    }
    this.pos = this.afterBreak(p)
  }

  private isSeqIndicator(offset: number): boolean {
    return this.src.charCodeAt(offset) === 45 /* - */ && this.isBlankOrEnd(offset + 1)
  }

  /** Whether a `key:` (plain or quoted) starts at `offset` on its line. */
  private isKeyAhead(offset: number): boolean {
    return this.scanKey(offset) !== null
  }

  /** Scans a mapping key at `offset`; returns the key and the offset just after its `:`. */
  private scanKey(offset: number): { key: string; after: number } | null {
    const src = this.src
    const c = src.charCodeAt(offset)
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const lineEnd = this.lineEnd(offset)
      let p = offset + 1
      let key = ''
      for (;;) {
        if (p >= lineEnd) return null
        const ch = src.charCodeAt(p)
        if (c === 39 && ch === 39) {
          if (src.charCodeAt(p + 1) === 39) {
            key += "'"
            p += 2
            continue
          }
          break
        }
        if (c === 34 && ch === 92 /* \ */) {
          key += src[p + 1] ?? ''
          p += 2
          continue
        }
        if (c === 34 && ch === 34) break
        key += src[p]
        p++
      }
      p++
      while (src.charCodeAt(p) === SPACE) p++
      if (src.charCodeAt(p) !== 58 || !this.isBlankOrEnd(p + 1)) return null
      this.checkKeyLength(offset, p)
      return { key, after: p + 1 }
    }
    if (c === 45 && this.isBlankOrEnd(offset + 1)) return null
    if (c === 63 /* ? */ && this.isBlankOrEnd(offset + 1)) {
      this.fail('Complex "? key" mappings are not supported in episode files', offset)
    }
    if ('[]{},#&*!|>%@`\'"'.includes(src[offset] ?? '')) return null
    // A plain key ends where plain text would: at a `: ` (a ` #` or the line's end: no key here).
    const lineEnd = this.lineEnd(offset)
    const p = this.plainStop(offset, lineEnd)
    if (p === lineEnd || src.charCodeAt(p) !== 58) return null
    let k = p
    while (k > offset && src.charCodeAt(k - 1) === SPACE) k--
    this.checkKeyLength(offset, p)
    return { key: src.slice(offset, k), after: p + 1 }
  }

  /** Parses a block mapping whose keys sit at column `indent`; `pos` is at its first key. */
  private parseBlockMap(indent: number): MapNode {
    const start = this.pos
    this.enter(start)
    const pairs: PairNode[] = []
    /** Where each key is in `pairs`, made only for a mapping with many keys (see `indexOfKey`). */
    let keyIndex: Map<string, number> | null = null
    let end = start
    for (;;) {
      const keyStart = this.pos
      const scanned = this.scanKey(keyStart)
      if (!scanned) {
        if (this.isSeqIndicator(keyStart)) this.fail('A list item ("- ") is not expected here', keyStart)
        this.fail('Expected a "key: value" line here', keyStart)
      }
      this.pos = scanned.after
      const value = this.parseValueAfterIndicator(indent, indent, true)
      const pair: PairNode = { key: scanned.key, value, start: keyStart, end: this.pos, valueKeyStart: keyStart }
      if (keyIndex === null && pairs.length >= LINEAR_KEY_SEARCH) keyIndex = new Map(pairs.map((p, i) => [p.key, i]))
      const earlier = keyIndex ? (keyIndex.get(scanned.key) ?? -1) : indexOfKey(pairs, scanned.key)
      if (earlier === -1) {
        keyIndex?.set(scanned.key, pairs.length)
        pairs.push(pair)
      } else {
        // PyYAML keeps the first position and the last value of a repeated key.
        pairs[earlier] = { ...pair, start: pairs[earlier]!.start }
      }
      end = this.pos
      this.skipBlankLines()
      if (this.pos >= this.end) break
      const col = this.column(this.pos)
      if (col < indent) break
      if (col > indent) this.fail('This line is indented more than the keys above it', this.pos)
      if (this.isSeqIndicator(this.pos)) break
    }
    this.pos = end
    this.depth--
    return { type: 'map', pairs, start, end }
  }

  /** Parses a block sequence whose `- ` indicators sit at column `indent`. */
  private parseBlockSeq(indent: number): SeqNode {
    const start = this.pos
    this.enter(start)
    const items: YamlNode[] = []
    const itemLines: number[] = []
    for (;;) {
      itemLines.push(this.pos - indent)
      this.pos++
      items.push(this.parseValueAfterIndicator(indent, indent, false))
      const itemEnd = this.pos
      this.skipBlankLines()
      if (this.pos >= this.end || this.column(this.pos) !== indent || !this.isSeqIndicator(this.pos)) {
        if (this.pos < this.end && this.column(this.pos) > indent) {
          this.fail('This line is indented more than the list item above it', this.pos)
        }
        this.pos = itemEnd
        break
      }
    }
    this.depth--
    return { type: 'seq', items, itemLines, flow: false, start, end: this.pos }
  }

  /**
   * Parses what follows a `key:` or a `- `: a value on the same line, a nested block on the
   * next lines, or nothing (null). `parentIndent` is the column of the key or dash; plain
   * continuation lines must be indented more than `blockIndent`.
   */
  private parseValueAfterIndicator(parentIndent: number, blockIndent: number, afterKey: boolean): YamlNode {
    const src = this.src
    let p = this.pos
    while (p < this.end && src.charCodeAt(p) === SPACE) p++
    if (src.charCodeAt(p) === TAB && p < this.end) this.failTab(p)
    const inlineComment = src.charCodeAt(p) === HASH && p > this.pos
    if (this.isBreak(p) || inlineComment) {
      const empty: ScalarNode = { type: 'scalar', style: 'plain', text: '', start: p, end: p }
      this.pos = p
      this.finishLine()
      const lineAfter = this.pos
      this.skipBlankLines()
      if (this.pos < this.end) {
        const col = this.column(this.pos)
        if (afterKey && col === parentIndent && this.isSeqIndicator(this.pos)) return this.parseBlockSeq(col)
        if (col > parentIndent) {
          if (this.isSeqIndicator(this.pos)) return this.parseBlockSeq(col)
          if (this.isKeyAhead(this.pos)) return this.parseBlockMap(col)
          return this.parseInlineValue(blockIndent)
        }
      }
      this.pos = lineAfter
      return empty
    }
    this.pos = p
    const col = this.column(p)
    if (!afterKey) {
      // A compact nested collection on the dash's line: `- key: value` or `- - x`.
      if (this.isSeqIndicator(p)) return this.parseBlockSeq(col)
      if (this.isKeyAhead(p)) return this.parseBlockMap(col)
    } else if (this.isSeqIndicator(p)) {
      this.fail('A list cannot start on the same line as its key', p)
    } else if (this.isKeyAhead(p) && src.charCodeAt(p) !== 39 && src.charCodeAt(p) !== 34) {
      this.fail('Unexpected ":" — a value containing ": " must be quoted', this.scanKey(p)!.after - 1)
    }
    return this.parseInlineValue(blockIndent)
  }

  /** Parses a scalar or flow collection starting at `pos`, then the rest of its line. */
  private parseInlineValue(blockIndent: number): YamlNode {
    const src = this.src
    const p = this.pos
    const ch = src[p]!
    let node: YamlNode
    switch (ch) {
      case "'":
      case '"':
        node = this.parseQuoted(ch === '"')
        break
      case '[':
      case '{':
        node = this.parseFlow()
        break
      case '|':
      case '>':
        return this.parseBlockScalar(blockIndent)
      case '&':
      case '*':
        this.fail('Anchors and aliases (& and *) are not supported in episode files', p)
      // falls through: fail() never returns
      case '!':
        this.fail('Tags (!) are not supported in episode files', p)
      // falls through
      case '%':
      case '@':
      case '`':
        this.fail(`A value cannot start with "${ch}" unless it is quoted`, p)
      // falls through
      default:
        if ((ch === '?' || ch === ':') && this.isBlankOrEnd(p + 1)) {
          this.fail(`A value cannot start with "${ch} " unless it is quoted`, p)
        }
        node = this.parsePlain(blockIndent)
    }
    this.finishLine()
    return node
  }

  /**
   * Where plain text from `p` stops on its line (which ends at `lineStop`): at a `: ` (or a colon
   * ending the line) or a ` #`; `lineStop` when at neither. Refuses a tab before that. Jumps from
   * one colon, hash or tab to the next (`nextOf`) rather than looking at every character: plain
   * text is most of a transcript.
   */
  private plainStop(p: number, lineStop: number): number {
    const src = this.src
    let q = p
    for (;;) {
      const at = Math.min(this.colons.next(q, lineStop), this.hashes.next(q, lineStop), this.tabs.next(q, lineStop))
      if (at === lineStop) return lineStop
      const c = src.charCodeAt(at)
      if (c === TAB) this.failTab(at)
      if (c === 58 && this.isBlankOrEnd(at + 1)) return at
      if (c === HASH && (src.charCodeAt(at - 1) === SPACE || src.charCodeAt(at - 1) === TAB)) return at
      q = at + 1
    }
  }

  /** A plain scalar, possibly over several lines indented more than `blockIndent`. */
  private parsePlain(blockIndent: number): ScalarNode {
    const src = this.src
    const start = this.pos
    const parts: string[] = []
    let p = start
    let contentEnd = start
    for (;;) {
      // One line's worth of plain text.
      const lineStop = this.lineEnd(p)
      const stop = this.plainStop(p, lineStop)
      let e = stop
      while (e > p && (src.charCodeAt(e - 1) === SPACE || src.charCodeAt(e - 1) === TAB)) e--
      parts.push(src.slice(p, e))
      contentEnd = e
      if (stop !== lineStop) break
      // Look for a continuation line.
      let r = this.afterBreak(lineStop)
      let breaks = 0
      let next = -1
      while (r < this.end) {
        let s = r
        while (s < this.end && src.charCodeAt(s) === SPACE) s++
        if (src.charCodeAt(s) === TAB && s < this.end) this.failTab(s)
        if (this.isBreak(s)) {
          if (s >= this.end) break
          breaks++
          r = this.afterBreak(s)
          continue
        }
        if (s - r > blockIndent && src.charCodeAt(s) !== HASH) next = s
        break
      }
      if (next === -1) break
      parts.push(breaks === 0 ? ' ' : '\n'.repeat(breaks))
      p = next
    }
    this.pos = contentEnd
    const text = parts.length === 1 ? parts[0]! : parts.join('')
    return { type: 'scalar', style: 'plain', text, start, end: contentEnd }
  }

  /** A single- or double-quoted scalar, lenient about the indentation of continuation lines. */
  private parseQuoted(double: boolean): ScalarNode {
    const src = this.src
    const start = this.pos
    const quote = double ? 34 : 39
    let text = ''
    let p = start + 1
    let chunk = p
    for (;;) {
      if (p >= this.end) this.fail(`This ${double ? 'double' : 'single'}-quoted value is never closed`, start)
      const c = src.charCodeAt(p)
      if (c === quote) {
        if (!double && src.charCodeAt(p + 1) === 39) {
          text += src.slice(chunk, p + 1)
          p += 2
          chunk = p
          continue
        }
        text += src.slice(chunk, p)
        p++
        break
      }
      if (double && c === 92) {
        text += src.slice(chunk, p)
        p = this.scanEscape(p, (s) => (text += s))
        chunk = p
        continue
      }
      if (c === SPACE || c === TAB || isRawBreak(c)) {
        let q = p
        while (q < this.end && (src.charCodeAt(q) === SPACE || src.charCodeAt(q) === TAB)) q++
        const first = this.quotedBreak(q)
        if (first === null) {
          p = q
          continue
        }
        // Whitespace then a line break: fold, as PyYAML's scan_flow_scalar_spaces does.
        text += src.slice(chunk, p)
        q += first.length
        const breaks: string[] = []
        for (;;) {
          while (q < this.end && (src.charCodeAt(q) === SPACE || src.charCodeAt(q) === TAB)) q++
          const next = this.quotedBreak(q)
          if (next === null) break
          breaks.push(next.value)
          q += next.length
        }
        if (q >= this.end) this.fail(`This ${double ? 'double' : 'single'}-quoted value is never closed`, start)
        text += (first.value !== '\n' ? first.value : breaks.length === 0 ? ' ' : '') + breaks.join('')
        p = q
        chunk = p
        continue
      }
      p++
    }
    this.pos = p
    return { type: 'scalar', style: double ? 'double' : 'single', text, start, end: p }
  }

  /**
   * The line break at `offset` inside a quoted scalar, as PyYAML's scan_line_break reads it: CRLF,
   * LF, a lone CR and NEL are `\n`; U+2028 and U+2029 are kept as themselves. Null when none.
   */
  private quotedBreak(offset: number): { length: number; value: string } | null {
    if (offset >= this.end) return null
    const c = this.src.charCodeAt(offset)
    if (c === CR && this.src.charCodeAt(offset + 1) === LF) return { length: 2, value: '\n' }
    if (c === LF || c === CR || c === 0x85) return { length: 1, value: '\n' }
    if (c === 0x2028 || c === 0x2029) return { length: 1, value: this.src[offset]! }
    return null
  }

  /** Decodes one escape of a double-quoted scalar at `p` (a backslash); returns the offset after it. */
  private scanEscape(p: number, emit: (s: string) => void): number {
    const src = this.src
    const e = src[p + 1]
    const simple = ESCAPES[e ?? '']
    if (simple !== undefined) {
      emit(simple)
      return p + 2
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0
    if (width > 0) {
      const hex = src.slice(p + 2, p + 2 + width)
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) this.fail('Invalid escape in a double-quoted value', p)
      const code = parseInt(hex, 16)
      if (code > 0x10ffff) this.fail(`"\\${e}${hex}" is not a Unicode character (the largest is \\U0010FFFF)`, p)
      emit(String.fromCodePoint(code))
      return p + 2 + width
    }
    if (this.isBreak(p + 1) && p + 1 < this.end) {
      // An escaped line break: join lines without a space, keep extra blank lines.
      let q = this.afterBreak(p + 1)
      for (;;) {
        while (q < this.end && (src.charCodeAt(q) === SPACE || src.charCodeAt(q) === TAB)) q++
        if (q < this.end && this.isBreak(q)) {
          emit('\n')
          q = this.afterBreak(q)
          continue
        }
        return q
      }
    }
    this.fail(`Unknown escape "\\${e ?? ''}" in a double-quoted value`, p)
  }

  /** A literal (`|`) or folded (`>`) block scalar. */
  private parseBlockScalar(blockIndent: number): ScalarNode {
    const src = this.src
    const start = this.pos
    const folded = src[start] === '>'
    let p = start + 1
    let chomp: 'clip' | 'strip' | 'keep' = 'clip'
    let explicit = 0
    for (let i = 0; i < 2; i++) {
      const c = src[p]
      if (c === '-' || c === '+') {
        chomp = c === '-' ? 'strip' : 'keep'
        p++
      } else if (c !== undefined && c >= '1' && c <= '9') {
        explicit = Number(c)
        p++
      }
    }
    this.pos = p
    this.finishLine()
    const lines: string[] = []
    let indent = explicit > 0 ? Math.max(blockIndent, 0) + explicit : -1
    let end = this.pos
    let q = this.pos
    while (q < this.end) {
      const le = this.lineEnd(q)
      let s = q
      while (s < le && src.charCodeAt(s) === SPACE) s++
      if (s === le) {
        lines.push('')
        q = this.afterBreak(le)
        continue
      }
      if (indent < 0) indent = s - q
      if (s - q < indent || indent <= blockIndent) break
      lines.push(src.slice(q + indent, le))
      q = this.afterBreak(le)
      end = q
    }
    let trailing = 0
    while (lines.length > 0 && lines.at(-1) === '') {
      lines.pop()
      trailing++
    }
    let text = ''
    if (folded) {
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!
        if (i > 0) {
          const prev = lines[i - 1]!
          text += prev === '' || line === '' || prev.startsWith(' ') || line.startsWith(' ') ? '\n' : ' '
        }
        text += line
      }
    } else {
      text = lines.join('\n')
    }
    if (lines.length > 0 && chomp !== 'strip') text += '\n'
    if (chomp === 'keep') text += '\n'.repeat(trailing)
    this.pos = end
    return { type: 'scalar', style: folded ? 'folded' : 'literal', text, start, end }
  }

  /** A flow sequence `[a, b]` or mapping `{a: b}`, possibly over several lines. */
  private parseFlow(): YamlNode {
    const src = this.src
    const start = this.pos
    const isMap = src[start] === '{'
    const close = isMap ? '}' : ']'
    this.enter(start)
    this.pos++
    const items: YamlNode[] = []
    const pairs: PairNode[] = []
    for (;;) {
      this.skipFlowSpace()
      if (src[this.pos] === close) {
        this.pos++
        break
      }
      const itemStart = this.pos
      if (isMap && (src[this.pos] === '{' || src[this.pos] === '[')) {
        this.fail('A mapping key must be a plain or quoted value, not a list or mapping', this.pos)
      }
      const first = this.parseFlowItem()
      this.skipFlowSpace()
      if (src[this.pos] === ':') {
        if (first.type !== 'scalar') this.fail('A mapping key must be a plain or quoted value', itemStart)
        this.pos++
        this.skipFlowSpace()
        const value =
          src[this.pos] === ',' || src[this.pos] === close
            ? ({ type: 'scalar', style: 'plain', text: '', start: this.pos, end: this.pos } as const)
            : this.parseFlowItem()
        const pair = { key: first.text, value, start: itemStart, end: this.pos, valueKeyStart: itemStart }
        if (isMap) pairs.push(pair)
        else items.push({ type: 'map', pairs: [pair], start: itemStart, end: this.pos })
      } else if (isMap) {
        pairs.push({ key: (first as ScalarNode).text, value: { type: 'scalar', style: 'plain', text: '', start: this.pos, end: this.pos }, start: itemStart, end: this.pos, valueKeyStart: itemStart })
      } else {
        items.push(first)
      }
      this.skipFlowSpace()
      if (src[this.pos] === ',') {
        this.pos++
        continue
      }
      if (src[this.pos] === close) {
        this.pos++
        break
      }
      if (this.pos >= this.end) this.fail(`This ${isMap ? 'mapping' : 'list'} is never closed with "${close}"`, start)
      this.fail(`Expected "," or "${close}" here`, this.pos)
    }
    this.depth--
    if (isMap) return { type: 'map', pairs, start, end: this.pos }
    return { type: 'seq', items, itemLines: [], flow: true, start, end: this.pos }
  }

  private skipFlowSpace(): void {
    const src = this.src
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos)
      if (c === TAB) this.failTab(this.pos)
      if (c === SPACE || c === LF || c === CR) this.pos++
      else if (c === HASH) this.pos = this.lineEnd(this.pos)
      else break
    }
    if (this.pos >= this.end) this.fail('A list or mapping in brackets is never closed', this.end)
  }

  private parseFlowItem(): YamlNode {
    const src = this.src
    const c = src[this.pos]
    if (c === '[' || c === '{') return this.parseFlow()
    if (c === '"' || c === "'") return this.parseQuoted(c === '"')
    if (c === '&' || c === '*' || c === '!') this.fail('Anchors, aliases and tags are not supported in episode files', this.pos)
    const start = this.pos
    let p = start
    while (p < this.end) {
      const ch = src[p]!
      if (ch === '\t') this.failTab(p)
      if (ch === ',' || ch === ']' || ch === '}' || ch === '[' || ch === '{') break
      if (ch === ':' && (this.isBlankOrEnd(p + 1) || ',]}'.includes(src[p + 1] ?? ''))) break
      if (ch === '#' && (src[p - 1] === ' ' || src[p - 1] === '\n')) break
      p++
    }
    const text = src.slice(start, p).replace(/\s*\r?\n\s*/g, ' ').trim()
    this.pos = p
    return { type: 'scalar', style: 'plain', text, start, end: p }
  }
}

/**
 * Finds the next occurrences of one character in a text read forward. It remembers the last
 * answer, which stays right while the offset asked from moves forward no further than it, so
 * the text is searched about once (with `indexOf`, faster than a loop over each character).
 */
class CharFinder {
  /** The offset last searched from, and the first occurrence found there (-1: none after it). */
  private from = Number.POSITIVE_INFINITY
  private at = -1

  constructor(
    private readonly text: string,
    private readonly char: string,
  ) {}

  /** The first occurrence at or after `from`, or `limit` when there is none before `limit`. */
  next(from: number, limit: number): number {
    if (!(this.from <= from && (this.at === -1 || this.at >= from))) {
      this.from = from
      this.at = this.text.indexOf(this.char, from)
    }
    return this.at === -1 || this.at > limit ? limit : this.at
  }
}

/**
 * Mappings with fewer keys than this find a repeated key by a linear search (`indexOfKey`): an
 * entry has 4 or 5, and a Map per entry cost more than the search when a long file is opened.
 */
const LINEAR_KEY_SEARCH = 32

/** The index of the pair with `key`, or -1. */
function indexOfKey(pairs: readonly PairNode[], key: string): number {
  for (let i = 0; i < pairs.length; i++) if (pairs[i]!.key === key) return i
  return -1
}

/** A character PyYAML reads as a line break: LF, CR, NEL, U+2028, U+2029. */
function isRawBreak(c: number): boolean {
  return c === LF || c === CR || c === 0x85 || c === 0x2028 || c === 0x2029
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
}
