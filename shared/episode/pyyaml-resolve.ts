import type { YamlValue } from './yaml-value'

/*
 * PyYAML 6.0.3's implicit resolvers (resolver.py) and SafeLoader constructors (constructor.py) for
 * plain scalars, plus the "portable plain" test: may a string be written unquoted so that every reader
 * of these files (PyYAML, Jekyll's SafeYAML 1.0.5, Ruby Psych 4, YAML 1.2 core as js-yaml 4/5 and
 * npm `yaml` read it, YAML 1.1 as npm `yaml` and js-yaml 5 implement it) gets the same string back?
 * All regexes are compiled once, at module load.
 */

/** The YAML tag PyYAML's resolver gives a plain scalar (`str` when no implicit resolver matches). */
export type PyyamlTag = 'str' | 'bool' | 'int' | 'float' | 'null' | 'timestamp' | 'merge' | 'value' | 'yaml'

// resolver.py, verbatim apart from `re.X` whitespace removal. Order matters only between resolvers
// that share first characters; it is the registration order: bool, float, int, merge, null, timestamp,
// value, yaml.
const PY_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/
const PY_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const PY_INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/
const PY_MERGE = /^(?:<<)$/
const PY_NULL = /^(?:~|null|Null|NULL|)$/
const PY_TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/
const PY_VALUE = /^(?:=)$/
const PY_TRUE = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/
const PY_YAML = /^(?:!|&|\*)$/

/** Each resolver with the first characters resolver.py registers it for ('' for the empty text). */
const PY_RESOLVERS: readonly (readonly [PyyamlTag, RegExp, readonly string[]])[] = [
  ['bool', PY_BOOL, [...'yYnNtTfFoO']],
  ['float', PY_FLOAT, [...'-+0123456789.']],
  ['int', PY_INT, [...'-+0123456789']],
  ['merge', PY_MERGE, ['<']],
  ['null', PY_NULL, ['~', 'n', 'N', '']],
  ['timestamp', PY_TIMESTAMP, [...'0123456789']],
  ['value', PY_VALUE, ['=']],
  ['yaml', PY_YAML, [...'!&*']],
]

/** The resolvers registered for each first character, in registration order, as resolver.py keeps them. */
const RESOLVERS_BY_FIRST_CHAR: ReadonlyMap<string, readonly (readonly [PyyamlTag, RegExp])[]> = (() => {
  const byChar = new Map<string, (readonly [PyyamlTag, RegExp])[]>()
  for (const [tag, re, chars] of PY_RESOLVERS) {
    for (const c of chars) byChar.set(c, [...(byChar.get(c) ?? []), [tag, re] as const])
  }
  return byChar
})()

/** Python's `re.match(r'^...$')`: `$` also matches just before one final `\n`. */
function pyFullMatch(re: RegExp, text: string): boolean {
  return re.test(text) || (text.endsWith('\n') && re.test(text.slice(0, -1)))
}

/**
 * The tag PyYAML's resolver assigns to a plain scalar with this text (`Resolver.resolve` with
 * implicit plain). The emitter writes a string plain only when this is `'str'`.
 */
export function pyyamlPlainTag(text: string): PyyamlTag {
  // Resolver.resolve only tries the resolvers registered for the first character (a sec tries
  // float, int and timestamp; a speaker starting with N bool and null).
  const resolvers = RESOLVERS_BY_FIRST_CHAR.get(text === '' ? '' : text[0]!)
  if (resolvers === undefined) return 'str'
  // Of the letters, only bool and null words (at most 5 characters, and a final `\n`) resolve:
  // prose starting with `N`, `T`, `O`... is a string without trying them.
  if (text.length > MAX_WORD_LENGTH + 1 && isLetter(text.charCodeAt(0))) return 'str'
  // Indexed, without destructuring: cheaper on the still cold code that opens a file.
  for (let i = 0; i < resolvers.length; i++) {
    const resolver = resolvers[i]!
    if (pyFullMatch(resolver[1], text)) return resolver[0]
  }
  return 'str'
}

/** The longest word PY_BOOL or PY_NULL match (`false`, `FALSE`). */
const MAX_WORD_LENGTH = 5

/** An ASCII letter. */
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

const DIGITS_2 = /^[01]+$/
const DIGITS_8 = /^[0-7]+$/
const DIGITS_10 = /^[0-9]+$/
const DIGITS_16 = /^[0-9a-fA-F]+$/
const UNDERSCORES = /_/g
const PY_FLOAT_TEXT = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/

const BASE_PREFIX: Readonly<Record<number, string>> = { 2: '0b', 8: '0o', 10: '', 16: '0x' }

function pyInt(text: string, base: number): bigint | null {
  // Python's int(s, base) after underscores were removed: every character must be a digit of base.
  const re = base === 2 ? DIGITS_2 : base === 8 ? DIGITS_8 : base === 16 ? DIGITS_16 : DIGITS_10
  return re.test(text) ? BigInt(BASE_PREFIX[base]! + text) : null
}

/** A plain decimal int short enough to be exact as a double: the common case (`sec: 3751`), read fast. */
const SHORT_DECIMAL = /^[-+]?[1-9][0-9]{0,14}$/

function constructInt(raw: string): number | bigint | null {
  // constructor.py construct_yaml_int, in exact (bigint) arithmetic like Python's int.
  if (SHORT_DECIMAL.test(raw)) return Number(raw)
  let value = raw.replace(UNDERSCORES, '')
  let sign = 1n
  if (value[0] === '-') sign = -1n
  if (value[0] === '+' || value[0] === '-') value = value.slice(1)
  let result: bigint | null
  if (value === '0') return 0
  else if (value.startsWith('0b')) result = pyInt(value.slice(2), 2)
  else if (value.startsWith('0x')) result = pyInt(value.slice(2), 16)
  else if (value[0] === '0') result = pyInt(value, 8)
  else if (value.includes(':')) {
    const digits = value.split(':').map((part) => pyInt(part, 10)).reverse()
    let base = 1n
    result = 0n
    for (const digit of digits) {
      if (digit === null) return null
      result += digit * base
      base *= 60n
    }
  } else result = pyInt(value, 10)
  if (result === null) return null
  return exactInt(sign * result)
}

/** An int as a JS number while that is exact, else as a bigint, so it is never rounded. */
function exactInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

function pyFloat(text: string): number {
  // Python's float() for the texts the float resolver lets through (digits, one dot, exponent).
  return PY_FLOAT_TEXT.test(text) ? Number(text) : Number.NaN
}

function constructFloat(raw: string): number | null {
  // constructor.py construct_yaml_float; null when Python would raise ValueError.
  let value = raw.replace(UNDERSCORES, '').toLowerCase()
  let sign = 1
  if (value[0] === '-') sign = -1
  if (value[0] === '+' || value[0] === '-') value = value.slice(1)
  if (value === '.inf') return sign * Number.POSITIVE_INFINITY
  if (value === '.nan') return Number.NaN
  let result: number
  if (value.includes(':')) {
    const digits = value.split(':').map(pyFloat).reverse()
    let base = 1
    result = 0
    for (const digit of digits) {
      result += digit * base
      base *= 60
    }
  } else result = pyFloat(value)
  return Number.isNaN(result) ? null : sign * result
}

/**
 * The value PyYAML's SafeLoader constructs for a PLAIN scalar with this text: YAML 1.1 as PyYAML
 * implements it (`2:02` is int 122, `0:36` stays a string, `012` is octal 10, `1e3` is a string,
 * `yes` is true but `y` is a string). Ints become JS numbers up to 2^53 and bigints beyond, floats
 * `{kind:'float'}`, dates and timestamps `{kind:'date', text}` with the source text. `<<` and `=`
 * are kept as strings, and so is an int text Python cannot convert (`0b_`), so a file still opens.
 */
export function resolvePlain(text: string): YamlValue {
  switch (pyyamlPlainTag(text)) {
    case 'bool':
      // construct_yaml_bool: yes / true / on (any of PyYAML's three spellings) are true.
      return PY_TRUE.test(text)
    case 'null':
      return null
    case 'int': {
      const n = constructInt(text)
      return n === null ? text : n
    }
    case 'float': {
      const f = constructFloat(text)
      return f === null ? text : { kind: 'float', value: f }
    }
    case 'timestamp':
      return { kind: 'date', text }
    default:
      return text
  }
}

// ---------------------------------------------------------------------------------------------
// Portable plain scalars

// PyYAML's own block-plain analysis (emitter.analyze_scalar with allow_unicode=True, block context).

/** `\0 \t\r\n`, NEL, LS, PS: what analyze_scalar counts as whitespace around indicators. */
export function isWsOrBreak(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0x00 || c === 0x85 || c === 0x2028 || c === 0x2029
}

/** `#,[]{}&*!|>'"%@` and backtick: indicators when first in a plain scalar. */
export function isLeadingIndicator(c: number): boolean {
  switch (c) {
    case 0x23: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x26: case 0x2a: case 0x21:
    case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60:
      return true
    default:
      return false
  }
}

/** Printable for PyYAML with allow_unicode, minus line breaks (a plain scalar never spans lines). */
function isPlainChar(c: number): boolean {
  if (c >= 0x20 && c <= 0x7e) return true
  return (c >= 0xa0 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c >= 0x10000 && c < 0x10ffff)
}

function pyyamlAllowsBlockPlain(text: string): boolean {
  const n = text.length
  if (n === 0 || text.startsWith('---') || text.startsWith('...')) return false
  if (text.charCodeAt(0) === 0x20 || text.charCodeAt(n - 1) === 0x20) return false
  let prev = -1
  for (let i = 0; i < n; ) {
    const c = text.codePointAt(i)!
    const width = c > 0xffff ? 2 : 1
    if (!isPlainChar(c)) return false
    const next = i + width < n ? text.codePointAt(i + width)! : -1
    const followedByWs = next === -1 || isWsOrBreak(next)
    if (i === 0) {
      if (isLeadingIndicator(c)) return false
      if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByWs) return false
    } else {
      if (c === 0x3a && followedByWs) return false
      if (c === 0x23 && isWsOrBreak(prev)) return false
    }
    prev = c
    i += width
  }
  return true
}

// Jekyll's SafeYAML 1.0.5 (safe_yaml/transform/*.rb), taken conservatively (a superset of what it types).
const SY_SEPARATORS = /[_,]/g
const SY_WORDS = new Set(['', '~', 'null', 'yes', 'on', 'true', 'no', 'off', 'false'])
const SY_INT = [/^[-+]?(?:0|[1-9][0-9_,]*)$/, /^0[0-7]+$/, /^0x[0-9a-f]+$/i, /^0b[01_]+$/]
const SY_HEX = /^[-+]?0x[0-9a-fA-F_]+$/
const SY_SEXA_INT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/
const SY_FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$/
const SY_FLOAT_WORDS = new Set(['.inf', '.Inf', '.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN'])
const SY_SEXA_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/
const SY_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
const SY_TIME =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t\r\n\f\v]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?[ \t\r\n\f\v]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?)?$/
const SY_TIME_PREFIX = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/
const SY_SYMBOL = /^:\w+$/

/** A character no number, date, timestamp or special float of any reader contains. */
const NOT_NUMERIC_OR_DATE = /[^0-9a-fA-FxXoOtTZ_,.:+\- \t]/

function safeYamlTypes(t: string): boolean {
  if (t.length <= 5 && SY_WORDS.has(t.toLowerCase())) return true
  const stripped = t.replace(SY_SEPARATORS, '')
  for (const re of SY_INT) if (re.test(stripped) || re.test(t)) return true
  if (SY_HEX.test(t) || SY_SEXA_INT.test(t)) return true
  if (SY_FLOAT.test(t) || SY_FLOAT_WORDS.has(t) || SY_SEXA_FLOAT.test(t)) return true
  return SY_DATE.test(t) || SY_TIME.test(t) || SY_TIME_PREFIX.test(t) || SY_SYMBOL.test(t)
}

// Ruby Psych 4 ScalarScanner#tokenize (what Psych.safe_load and plain Psych.load see).
const PS_STRINGISH = /^[^\d.:-]?[\p{Alphabetic}_ \t\r\n\f\v!@#$%^&*(){}<>|/\\~;=]+/u
const PS_NOT_YTONF = /^[^ytonf~]/i
const PS_NULL = /^null$/i
const PS_BOOL = /^(?:yes|true|on|no|false|off)$/i
const PS_TIME =
  /^-?[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t\r\n\f\v]+)[0-9]{1,2}:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t\r\n\f\v]*(?:Z|[-+][0-9]{1,2}:?(?:[0-9][0-9])?))?$/
const PS_DATE = /^[0-9]{4}-(?:1[012]|0[0-9]|[0-9])-(?:[12][0-9]|3[01]|0[0-9]|[0-9])$/
const PS_SPECIAL_FLOAT = /^(?:\.inf|-\.inf|\.nan)$/i
const PS_SYMBOL = /^:./
const PS_SEXA = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}(?:\.[0-9_]*)?$/
const PS_FLOAT = /^(?:[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const PS_DOT_ONLY = /^[-+]?\.$/
const PS_INTEGER = /^(?:[-+]?0b[0-1_,]+|[-+]?0[0-7_,]+|[-+]?(?:0|[1-9][0-9_,]*)|[-+]?0x[0-9a-fA-F_,]+)$/

function psychTypes(t: string): boolean {
  if (t === '') return true
  if (PS_STRINGISH.test(t) || t.includes('\n')) {
    if (Array.from(t).length > 5 || PS_NOT_YTONF.test(t)) return false
    return t === '~' || PS_NULL.test(t) || PS_BOOL.test(t)
  }
  if (PS_TIME.test(t) || PS_DATE.test(t) || PS_SPECIAL_FLOAT.test(t) || PS_SYMBOL.test(t) || PS_SEXA.test(t)) return true
  if (PS_FLOAT.test(t)) return !PS_DOT_ONLY.test(t)
  return PS_INTEGER.test(t)
}

// YAML 1.2 core: js-yaml 5 (default schema), npm `yaml` 2 (core), and js-yaml 4 (default schema:
// core with `_` in numbers, 0b/0o, timestamps and `<<`).
const CORE_NULL = /^(?:~|null|Null|NULL)?$/
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/
const CORE_INT = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$/
const CORE_FLOAT =
  /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const JSY4_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const JSY4_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
const JSY4_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$/
const JSY4_INT = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)$/

function yaml12Types(t: string): boolean {
  return (
    CORE_NULL.test(t) ||
    CORE_BOOL.test(t) ||
    CORE_INT.test(t) ||
    CORE_FLOAT.test(t) ||
    JSY4_FLOAT.test(t) ||
    JSY4_INT.test(t) ||
    JSY4_DATE.test(t) ||
    JSY4_TIMESTAMP.test(t) ||
    t === '<<'
  )
}

// YAML 1.1 as npm `yaml` 2 (`version: '1.1'`) and js-yaml 5 (`YAML11_SCHEMA`) implement it.
const Y11_NULL = /^(?:~|[Nn]ull|NULL)?$/
const Y11_BOOL = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON|N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/
const Y11_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+)$/
const Y11_FLOAT =
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+|[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*)$/
const Y11_SEXA = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/
const Y11_TIMESTAMP =
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:t|T|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]+)?(?:[ \t]*(?:Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/

function yaml11Types(t: string): boolean {
  return (
    Y11_NULL.test(t) ||
    Y11_BOOL.test(t) ||
    Y11_INT.test(t) ||
    Y11_FLOAT.test(t) ||
    Y11_SEXA.test(t) ||
    Y11_TIMESTAMP.test(t) ||
    t === '<<'
  )
}

/**
 * True only if this text, written as a PLAIN scalar value in block context, is read back as exactly
 * this string by every target reader: PyYAML, Jekyll's SafeYAML 1.0.5, Ruby Psych 4, YAML 1.2 core
 * (js-yaml 4/5, npm `yaml`) and YAML 1.1 (npm `yaml` with `version: '1.1'`, js-yaml 5 `YAML11_SCHEMA`).
 * It also requires PyYAML's own analysis to allow a block plain scalar (no `: `, ` #`, leading
 * indicator, line break, edge space, unprintable character). The portable emitter quotes whatever
 * fails this: `0:36`, `y`, `yEs`, `nULL`, `1,000`, `1e3`, `0o12`, `2022-3-9`, `:x`, `.`, `e5`, ...
 */
export function isPortablePlain(text: string): boolean {
  return pyyamlAllowsBlockPlain(text) && readersTakeAsString(text)
}

/**
 * The reader half of `isPortablePlain`, for a text already known to be plain-writable (the
 * emitter has run PyYAML's own analysis). `pyyamlSaysStr` skips PyYAML's resolver when the
 * caller has already resolved the text to `str`.
 */
export function readersTakeAsString(text: string, pyyamlSaysStr?: boolean): boolean {
  // Every reader's non-string forms are either at most 5 characters (words such as `yes`, `nULL`,
  // `.inf`), start with `:` (Psych symbols), start with a `YYYY-MM-DD HH:MM:SS` prefix (SafeYAML's
  // unanchored time matcher), or consist only of number / date characters.
  if (text.length > 5 && text.charCodeAt(0) !== 0x3a && !SY_TIME_PREFIX.test(text) && NOT_NUMERIC_OR_DATE.test(text)) {
    return true
  }
  return (
    (pyyamlSaysStr ?? pyyamlPlainTag(text) === 'str') &&
    !safeYamlTypes(text) &&
    !psychTypes(text) &&
    !yaml12Types(text) &&
    !yaml11Types(text)
  )
}

