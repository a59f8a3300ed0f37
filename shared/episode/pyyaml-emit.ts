import { isLeadingIndicator, isWsOrBreak, pyyamlPlainTag, readersTakeAsString, type PyyamlTag } from './pyyaml-resolve'
import type { YamlValue } from './yaml-value'

/*
 * A port of the parts of PyYAML 6.0.3's pure-Python emitter (emitter.py), serializer and
 * SafeRepresenter that `yaml.dump(data, default_flow_style=False, width=80, indent=2)` uses for
 * str / int / bool / None / float / date / list / dict. The state variables (column, whitespace,
 * indention, indent stack) and the writers are kept line-for-line so that the output is
 * byte-identical; columns count code points, as Python's str does.
 */

/** How an entry is written: PyYAML's `yaml.dump` options plus the file's layout details. */
export interface EmitOptions {
  /** PyYAML's `allow_unicode`: false writes every non-ASCII character as a `\u` escape in double quotes. */
  readonly allowUnicode: boolean
  /** PyYAML's `sort_keys`: sort mapping keys by code point; false keeps the given order. */
  readonly sortKeys: boolean
  /** `'pyyaml'` = PyYAML's exact choice; `'portable'` also quotes plain strings some reader would misread. */
  readonly quoting: 'pyyaml' | 'portable'
  /** Column of the entry's `-` (0 for PyYAML's own indentless `transcript:\n- line:` layout). */
  readonly seqIndent: number
  /** Line break written for every break. */
  readonly newline: '\n' | '\r\n'
}

const BEST_WIDTH = 80
const BEST_INDENT = 2

const ESCAPE_REPLACEMENTS: ReadonlyMap<number, string> = new Map([
  [0x00, '0'],
  [0x07, 'a'],
  [0x08, 'b'],
  [0x09, 't'],
  [0x0a, 'n'],
  [0x0b, 'v'],
  [0x0c, 'f'],
  [0x0d, 'r'],
  [0x1b, 'e'],
  [0x22, '"'],
  [0x5c, '\\'],
  [0x85, 'N'],
  [0xa0, '_'],
  [0x2028, 'L'],
  [0x2029, 'P'],
])

const SPACE = 0x20
const QUOTE = 0x27

/** `\n`, NEL, LS, PS: PyYAML's line breaks. */
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029
}

/** `,?[]{}`: flow indicators anywhere. */
function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d
}

const SURROGATE = /[\uD800-\uDFFF]/

/**
 * A string seen as Python sees it: a sequence of code points. `cps[i]` is the i-th code point and
 * `slice(a, b)` the text of code points a..b-1; offsets are only materialised for astral text.
 */
class CodePoints {
  readonly cps: number[]
  private readonly offsets: number[] | null

  constructor(readonly text: string) {
    const cps: number[] = []
    if (!SURROGATE.test(text)) {
      for (let i = 0; i < text.length; i++) cps.push(text.charCodeAt(i))
      this.offsets = null
    } else {
      const offsets: number[] = []
      for (let i = 0; i < text.length; ) {
        const cp = text.codePointAt(i)!
        offsets.push(i)
        cps.push(cp)
        i += cp > 0xffff ? 2 : 1
      }
      offsets.push(text.length)
      this.offsets = offsets
    }
    this.cps = cps
  }

  get length(): number {
    return this.cps.length
  }

  slice(start: number, end: number): string {
    if (start >= end) return ''
    return this.offsets ? this.text.slice(this.offsets[start], this.offsets[end]) : this.text.slice(start, end)
  }
}

interface ScalarAnalysis {
  readonly chars: CodePoints
  readonly empty: boolean
  readonly multiline: boolean
  readonly allowFlowPlain: boolean
  readonly allowBlockPlain: boolean
  readonly allowSingleQuoted: boolean
}

/** PyYAML's "printable" set for analysis: NEL, U+00A0..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFE, not BOM. */
function isUnicodePrintable(c: number): boolean {
  return (c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c < 0x10ffff)) && c !== 0xfeff
}

/** emitter.py `analyze_scalar`, over code points. */
function analyzeScalar(scalar: string, allowUnicode: boolean): ScalarAnalysis {
  const chars = new CodePoints(scalar)
  const cps = chars.cps
  const n = cps.length
  if (n === 0) {
    return { chars, empty: true, multiline: false, allowFlowPlain: false, allowBlockPlain: true, allowSingleQuoted: true }
  }
  let blockIndicators = false
  let flowIndicators = false
  let lineBreaks = false
  let specialCharacters = false
  let leadingSpace = false
  let leadingBreak = false
  let trailingSpace = false
  let trailingBreak = false
  let breakSpace = false
  let spaceBreak = false
  if (scalar.startsWith('---') || scalar.startsWith('...')) {
    blockIndicators = true
    flowIndicators = true
  }
  let precededByWhitespace = true
  let followedByWhitespace = n === 1 || isWsOrBreak(cps[1]!)
  let previousSpace = false
  let previousBreak = false
  for (let index = 0; index < n; index++) {
    const ch = cps[index]!
    if (index === 0) {
      if (isLeadingIndicator(ch)) {
        flowIndicators = true
        blockIndicators = true
      }
      if (ch === 0x3f || ch === 0x3a) {
        flowIndicators = true
        if (followedByWhitespace) blockIndicators = true
      }
      if (ch === 0x2d && followedByWhitespace) {
        flowIndicators = true
        blockIndicators = true
      }
    } else {
      if (isFlowIndicator(ch)) flowIndicators = true
      if (ch === 0x3a) {
        flowIndicators = true
        if (followedByWhitespace) blockIndicators = true
      }
      if (ch === 0x23 && precededByWhitespace) {
        flowIndicators = true
        blockIndicators = true
      }
    }
    const brk = isBreak(ch)
    if (brk) lineBreaks = true
    if (!(ch === 0x0a || (ch >= 0x20 && ch <= 0x7e))) {
      if (isUnicodePrintable(ch)) {
        if (!allowUnicode) specialCharacters = true
      } else {
        specialCharacters = true
      }
    }
    if (ch === SPACE) {
      if (index === 0) leadingSpace = true
      if (index === n - 1) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true
      previousBreak = false
    } else if (brk) {
      if (index === 0) leadingBreak = true
      if (index === n - 1) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousSpace = false
      previousBreak = true
    } else {
      previousSpace = false
      previousBreak = false
    }
    precededByWhitespace = isWsOrBreak(ch)
    followedByWhitespace = index + 2 >= n || isWsOrBreak(cps[index + 2]!)
  }
  let allowFlowPlain = true
  let allowBlockPlain = true
  let allowSingleQuoted = true
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowFlowPlain = allowBlockPlain = false
  if (breakSpace) allowFlowPlain = allowBlockPlain = allowSingleQuoted = false
  if (spaceBreak || specialCharacters) allowFlowPlain = allowBlockPlain = allowSingleQuoted = false
  if (lineBreaks) allowFlowPlain = allowBlockPlain = false
  if (flowIndicators) allowFlowPlain = false
  if (blockIndicators) allowBlockPlain = false
  return { chars, empty: false, multiline: lineBreaks, allowFlowPlain, allowBlockPlain, allowSingleQuoted }
}

/** Python's `repr(float)` (shortest round-trip digits; exponent form below 1e-4 and from 1e16). */
function pythonFloatRepr(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const exp = x.toExponential() // shortest digits, e.g. "-1.2345e+21"
  const match = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(exp)
  if (!match) return String(x)
  const sign = match[1]!
  const digits = match[2]! + (match[3] ?? '')
  const decpt = Number(match[4]) + 1
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`
  }
  const e = decpt - 1
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
}

/** SafeRepresenter.represent_float. */
function representFloat(x: number): string {
  if (Number.isNaN(x)) return '.nan'
  if (x === Number.POSITIVE_INFINITY) return '.inf'
  if (x === Number.NEGATIVE_INFINITY) return '-.inf'
  let value = pythonFloatRepr(x).toLowerCase()
  if (!value.includes('.') && value.includes('e')) value = value.replace('e', '.0e')
  return value
}

/** A scalar as the serializer hands it to the emitter: its tag and text (the implicit flags follow from them). */
interface ScalarNode {
  readonly tag: PyyamlTag
  readonly text: string
}

function representScalar(value: YamlValue): ScalarNode | null {
  if (value === null) return { tag: 'null', text: 'null' }
  if (typeof value === 'string') return { tag: 'str', text: value }
  if (typeof value === 'boolean') return { tag: 'bool', text: value ? 'true' : 'false' }
  if (typeof value === 'bigint') return { tag: 'int', text: value.toString() }
  if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      return { tag: 'int', text: Number.isSafeInteger(value) ? String(value) : BigInt(value).toString() }
    }
    return { tag: 'float', text: representFloat(value) }
  }
  if (value.kind === 'float') return { tag: 'float', text: representFloat(value.value) }
  if (value.kind === 'date') return { tag: 'timestamp', text: value.text }
  return null
}

function compareCodePoints(a: string, b: string): number {
  // Python str ordering: by code point (JS `<` compares UTF-16 units, which differs above U+FFFF).
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const xs = x >= 0xd800 && x <= 0xdfff
    const ys = y >= 0xd800 && y <= 0xdfff
    if (xs !== ys) return xs ? 1 : -1
    return x - y
  }
  return a.length - b.length
}

/** A Python dict built from the pairs (first position, last value), sorted when sort_keys. */
function mappingItems(pairs: readonly (readonly [string, YamlValue])[], sortKeys: boolean): (readonly [string, YamlValue])[] {
  const index = new Map<string, number>()
  const items: [string, YamlValue][] = []
  for (const [k, v] of pairs) {
    const at = index.get(k)
    if (at === undefined) {
      index.set(k, items.length)
      items.push([k, v])
    } else items[at]![1] = v
  }
  if (sortKeys) items.sort((a, b) => compareCodePoints(a[0], b[0]))
  return items
}

interface NodeContext {
  /** emitter.py `mapping_context`: the node is a mapping key or value. */
  readonly mapping: boolean
  /** emitter.py `simple_key_context`. */
  readonly simpleKey: boolean
  /** A mapping key (simple or `? ` complex): always PyYAML's quoting, never the portable rule. */
  readonly key: boolean
}

const VALUE_CONTEXT: NodeContext = { mapping: true, simpleKey: false, key: false }
const KEY_CONTEXT: NodeContext = { mapping: true, simpleKey: true, key: true }
const COMPLEX_KEY_CONTEXT: NodeContext = { mapping: true, simpleKey: false, key: true }
const ITEM_CONTEXT: NodeContext = { mapping: false, simpleKey: false, key: false }

/** The emitter's mutable state and writers (emitter.py `Emitter`, block context only). */
class Writer {
  private readonly out: string[] = []
  column = 0
  whitespace = true
  indention = true
  indent: number
  private readonly indents: number[] = []
  private flowLevel = 0

  constructor(
    private readonly options: EmitOptions,
    indent: number,
  ) {
    this.indent = indent
  }

  text(): string {
    return this.out.join('')
  }

  private write(data: string, width: number): void {
    this.out.push(data)
    this.column += width
  }

  increaseIndent(indentless: boolean): void {
    // `indent` is never None here (we start inside the document), so `flow` makes no difference.
    this.indents.push(this.indent)
    if (!indentless) this.indent += BEST_INDENT
  }

  popIndent(): void {
    this.indent = this.indents.pop()!
  }

  writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ' ' + indicator
    this.whitespace = whitespace
    this.indention = this.indention && indention
    this.write(data, data.length)
  }

  writeIndent(): void {
    const indent = this.indent
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.writeLineBreak()
    if (this.column < indent) {
      this.whitespace = true
      this.out.push(' '.repeat(indent - this.column))
      this.column = indent
    }
  }

  writeLineBreak(data?: string): void {
    this.whitespace = true
    this.indention = true
    this.column = 0
    this.out.push(data ?? this.options.newline)
  }

  // --- nodes ---------------------------------------------------------------------------------

  node(value: YamlValue, ctx: NodeContext): void {
    const scalar = representScalar(value)
    if (scalar) {
      this.increaseIndent(false)
      this.scalar(scalar, ctx, null)
      this.popIndent()
      return
    }
    if (value === null || typeof value !== 'object') return
    if (value.kind === 'seq') {
      if (value.items.length === 0) return this.emptyFlow('[', ']')
      const indentless = ctx.mapping && !this.indention
      this.increaseIndent(indentless)
      for (const item of value.items) {
        this.writeIndent()
        this.writeIndicator('-', true, false, true)
        this.node(item, ITEM_CONTEXT)
      }
      this.popIndent()
    } else if (value.kind === 'map') {
      const items = mappingItems(value.pairs, this.options.sortKeys)
      if (items.length === 0) return this.emptyFlow('{', '}')
      this.blockMapping(items)
    }
  }

  blockMapping(items: readonly (readonly [string, YamlValue])[]): void {
    this.increaseIndent(false)
    for (const [key, value] of items) {
      this.writeIndent()
      const keyNode: ScalarNode = { tag: 'str', text: key }
      const analysis = analyzeScalar(key, this.options.allowUnicode)
      // check_simple_key: the length counts the prepared `!!str` tag too (5 characters).
      const simple = analysis.chars.length + 5 < 128 && !analysis.empty && !analysis.multiline
      if (simple) {
        this.increaseIndent(false)
        this.scalar(keyNode, KEY_CONTEXT, analysis)
        this.popIndent()
        this.writeIndicator(':', false)
        this.node(value, VALUE_CONTEXT)
      } else {
        this.writeIndicator('?', true, false, true)
        this.increaseIndent(false)
        this.scalar(keyNode, COMPLEX_KEY_CONTEXT, analysis)
        this.popIndent()
        this.writeIndent()
        this.writeIndicator(':', true, false, true)
        this.node(value, VALUE_CONTEXT)
      }
    }
    this.popIndent()
  }

  emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true)
    this.flowLevel++
    this.increaseIndent(false)
    this.popIndent()
    this.flowLevel--
    this.writeIndicator(close, false)
  }

  // --- scalars -------------------------------------------------------------------------------

  scalar(node: ScalarNode, ctx: NodeContext, known: ScalarAnalysis | null): void {
    const analysis = known ?? analyzeScalar(node.text, this.options.allowUnicode)
    const implicitPlain = pyyamlPlainTag(node.text) === node.tag
    const implicitQuoted = node.tag === 'str'
    let style = chooseStyle(analysis, implicitPlain, ctx.simpleKey, this.flowLevel > 0)
    if (
      style === '' &&
      node.tag === 'str' &&
      !ctx.key &&
      this.options.quoting === 'portable' &&
      // PyYAML chose plain for a `str`, so its analysis and resolver have both passed already.
      !readersTakeAsString(node.text, true)
    ) {
      style = analysis.allowSingleQuoted ? "'" : '"'
    }
    if (
      style === "'" &&
      this.options.quoting === 'portable' &&
      !ctx.key &&
      (node.text.includes('\x85') || node.text.includes('\u2028') || node.text.includes('\u2029'))
    ) {
      // YAML 1.2 readers do not take NEL/LS/PS as line breaks, so PyYAML's raw break in a
      // single-quoted scalar would come back with the indentation inside the string.
      style = '"'
    }
    if (!((style === '' && implicitPlain) || (style !== '' && implicitQuoted))) {
      this.writeIndicator(`!!${node.tag}`, true)
    }
    const split = !ctx.simpleKey
    if (style === '"') this.writeDoubleQuoted(analysis.chars, split)
    else if (style === "'") this.writeSingleQuoted(analysis.chars, split)
    else this.writePlain(analysis.chars, split)
  }

  /** A line break as PyYAML writes it: `\n` becomes the configured newline, NEL/LS/PS are written raw. */
  private writeBreakChar(c: number): void {
    this.writeLineBreak(c === 0x0a ? undefined : String.fromCharCode(c))
  }

  writePlain(text: CodePoints, split: boolean): void {
    const cps = text.cps
    const n = cps.length
    if (n === 0) return
    if (!this.whitespace) this.write(' ', 1)
    this.whitespace = false
    this.indention = false
    let spaces = false
    let breaks = false
    let start = 0
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? cps[end]! : -1
      if (spaces) {
        if (ch !== SPACE) {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent()
            this.whitespace = false
            this.indention = false
          } else {
            this.write(text.slice(start, end), end - start)
          }
          start = end
        }
      } else if (breaks) {
        if (!isBreak(ch)) {
          if (cps[start] === 0x0a) this.writeLineBreak()
          for (let i = start; i < end; i++) this.writeBreakChar(cps[i]!)
          this.writeIndent()
          this.whitespace = false
          this.indention = false
          start = end
        }
      } else if (ch === -1 || ch === SPACE || isBreak(ch)) {
        this.write(text.slice(start, end), end - start)
        start = end
      }
      if (ch !== -1) {
        spaces = ch === SPACE
        breaks = isBreak(ch)
      }
    }
  }

  writeSingleQuoted(text: CodePoints, split: boolean): void {
    this.writeIndicator("'", true)
    const cps = text.cps
    const n = cps.length
    let spaces = false
    let breaks = false
    let start = 0
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? cps[end]! : -1
      if (spaces) {
        if (ch !== SPACE) {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== n) {
            this.writeIndent()
          } else {
            this.write(text.slice(start, end), end - start)
          }
          start = end
        }
      } else if (breaks) {
        if (!isBreak(ch)) {
          if (cps[start] === 0x0a) this.writeLineBreak()
          for (let i = start; i < end; i++) this.writeBreakChar(cps[i]!)
          this.writeIndent()
          start = end
        }
      } else if (ch === -1 || ch === SPACE || ch === QUOTE || isBreak(ch)) {
        if (start < end) {
          this.write(text.slice(start, end), end - start)
          start = end
        }
      }
      if (ch === QUOTE) {
        this.write("''", 2)
        start = end + 1
      }
      if (ch !== -1) {
        spaces = ch === SPACE
        breaks = isBreak(ch)
      }
    }
    this.writeIndicator("'", false)
  }

  writeDoubleQuoted(text: CodePoints, split: boolean): void {
    this.writeIndicator('"', true)
    const allowUnicode = this.options.allowUnicode
    const cps = text.cps
    const n = cps.length
    let start = 0
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? cps[end]! : -1
      if (ch === -1 || mustEscape(ch, allowUnicode)) {
        if (start < end) {
          this.write(text.slice(start, end), end - start)
          start = end
        }
        if (ch !== -1) {
          const data = escapeChar(ch)
          this.write(data, data.length)
          start = end + 1
        }
      }
      if (0 < end && end < n - 1 && (ch === SPACE || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        const width = Math.max(0, end - start) + 1
        const data = text.slice(start, end) + '\\'
        if (start < end) start = end
        this.write(data, width)
        this.writeIndent()
        this.whitespace = false
        this.indention = false
        if (cps[start] === SPACE) this.write('\\', 1)
      }
    }
    this.writeIndicator('"', false)
  }
}

/** write_double_quoted's test: characters that are written as escapes. */
function mustEscape(c: number, allowUnicode: boolean): boolean {
  if (c >= 0x20 && c <= 0x7e) return c === 0x22 || c === 0x5c
  if (c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true
  return !(allowUnicode && ((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)))
}

function escapeChar(c: number): string {
  const short = ESCAPE_REPLACEMENTS.get(c)
  if (short !== undefined) return '\\' + short
  const hex = c.toString(16).toUpperCase()
  if (c <= 0xff) return '\\x' + hex.padStart(2, '0')
  if (c <= 0xffff) return '\\u' + hex.padStart(4, '0')
  return '\\U' + hex.padStart(8, '0')
}

/** emitter.py `choose_scalar_style` for a node without a requested style: '' plain, `'`, or `"`. */
function chooseStyle(analysis: ScalarAnalysis, implicitPlain: boolean, simpleKey: boolean, flow: boolean): '' | "'" | '"' {
  if (implicitPlain) {
    if (
      !(simpleKey && (analysis.empty || analysis.multiline)) &&
      ((flow && analysis.allowFlowPlain) || (!flow && analysis.allowBlockPlain))
    ) {
      return ''
    }
  }
  if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) return "'"
  return '"'
}

/**
 * The exact text PyYAML writes for ONE item of the `transcript:` block sequence, i.e. what
 * `yaml.dump({'transcript': [entry]}, default_flow_style=False, width=80, ...)` writes after the
 * `transcript:\n` line, final line break included. With `seqIndent` N every line is shifted right by
 * N columns and lines are folded on those absolute columns. Values may be any YamlValue (nested
 * lists and maps in PyYAML's block layout, `[]`/`{}` when empty). Keys repeated in `pairs` keep the
 * first position and the last value, as a Python dict would.
 */
export function emitEntry(pairs: readonly (readonly [string, YamlValue])[], options: EmitOptions): string {
  const w = new Writer(options, options.seqIndent)
  // State right after PyYAML's line break that precedes the item: the sequence's indent is the
  // entry's column, the `-` comes next.
  w.writeIndent()
  w.writeIndicator('-', true, false, true)
  const items = mappingItems(pairs, options.sortKeys)
  if (items.length === 0) w.emptyFlow('{', '}')
  else w.blockMapping(items)
  w.writeLineBreak()
  return w.text()
}

/**
 * The text PyYAML writes for a string value of a block mapping key, starting right after the key's
 * `:` at `column`, with continuation lines indented to `indent` (the key's column + 2). With
 * `isKey`, the string is written as a simple key at `column` instead (no leading space, no folding).
 * Used for top-level values such as `title:`, where the key sits at column 0 (indent 2).
 */
export function emitScalar(value: string, options: EmitOptions, indent: number, column: number, isKey = false): string {
  const w = new Writer(options, indent)
  w.column = column
  w.whitespace = isKey
  w.indention = isKey
  w.scalar({ tag: 'str', text: value }, isKey ? KEY_CONTEXT : VALUE_CONTEXT, null)
  return w.text()
}
