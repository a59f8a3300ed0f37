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
const PY_YAML = /^(?:!|&|\*)$/

const PY_RESOLVERS: readonly (readonly [PyyamlTag, RegExp])[] = [
  ['bool', PY_BOOL],
  ['float', PY_FLOAT],
  ['int', PY_INT],
  ['merge', PY_MERGE],
  ['null', PY_NULL],
  ['timestamp', PY_TIMESTAMP],
  ['value', PY_VALUE],
  ['yaml', PY_YAML],
]

/** Python's `re.match(r'^...$')`: `$` also matches just before one final `\n`. */
function pyFullMatch(re: RegExp, text: string): boolean {
  return re.test(text) || (text.endsWith('\n') && re.test(text.slice(0, -1)))
}

/**
 * The tag PyYAML's resolver assigns to a plain scalar with this text (`Resolver.resolve` with
 * implicit plain). The emitter writes a string plain only when this is `'str'`.
 */
export function pyyamlPlainTag(text: string): PyyamlTag {
  for (const [tag, re] of PY_RESOLVERS) if (pyFullMatch(re, text)) return tag
  return 'str'
}


function pyInt(text: string, base: number): number {
  // Python's int(s, base) after underscores were removed: every character must be a digit of base.
  if (text === '') return Number.NaN
  const re = base === 2 ? /^[01]+$/ : base === 8 ? /^[0-7]+$/ : base === 16 ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/
  if (!re.test(text)) return Number.NaN
  return base === 10 ? Number(text) : parseInt(text, base)
}

function constructInt(raw: string): number {
  // constructor.py construct_yaml_int
  let value = raw.replace(/_/g, '')
  let sign = 1
  if (value[0] === '-') sign = -1
  if (value[0] === '+' || value[0] === '-') value = value.slice(1)
  let result: number
  if (value === '0') return 0
  else if (value.startsWith('0b')) result = pyInt(value.slice(2), 2)
  else if (value.startsWith('0x')) result = pyInt(value.slice(2), 16)
  else if (value[0] === '0') result = pyInt(value, 8)
  else if (value.includes(':')) {
    const digits = value.split(':').map((part) => pyInt(part, 10)).reverse()
    let base = 1
    result = 0
    for (const digit of digits) {
      result += digit * base
      base *= 60
    }
  } else result = pyInt(value, 10)
  return result === 0 ? 0 : sign * result
}

function pyFloat(text: string): number {
  // Python's float() for the texts the float resolver lets through (digits, one dot, exponent).
  return /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(text) ? Number(text) : Number.NaN
}

function constructFloat(raw: string): number | null {
  // constructor.py construct_yaml_float; null when Python would raise ValueError.
  let value = raw.replace(/_/g, '').toLowerCase()
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
 * `yes` is true but `y` is a string). Ints become JS numbers (exact up to 2^53), floats
 * `{kind:'float'}`, dates and timestamps `{kind:'date', text}` with the source text. `<<` and `=`
 * are kept as strings, and so is an int text Python cannot convert (`0b_`), so a file still opens.
 */
export function resolvePlain(text: string): YamlValue {
  switch (pyyamlPlainTag(text)) {
    case 'bool':
      return text[0] === 'y' || text[0] === 'Y' || text[0] === 't' || text[0] === 'T' || text === 'on' || text === 'On' || text === 'ON'
    case 'null':
      return null
    case 'int': {
      const n = constructInt(text)
      return Number.isNaN(n) ? text : n
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
const LEADING_INDICATOR = new Set('#,[]{}&*!|>\'"%@`')
const BREAK_OR_SPACE_AFTER = new Set(['\0', ' ', '\t', '\r', '\n', '\x85', '\u2028', '\u2029'])

function isPrintable(cp: number): boolean {
  if (cp === 0x0a || (cp >= 0x20 && cp <= 0x7e)) return true
  return (
    (cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp < 0x10ffff)) &&
    cp !== 0xfeff
  )
}

function pyyamlAllowsBlockPlain(text: string): boolean {
  if (text === '') return false
  if (text.startsWith('---') || text.startsWith('...')) return false
  const chars = Array.from(text)
  const n = chars.length
  for (let i = 0; i < n; i++) {
    const ch = chars[i]!
    const cp = ch.codePointAt(0)!
    if (!isPrintable(cp)) return false
    if (ch === '\n' || ch === '\x85' || ch === '\u2028' || ch === '\u2029') return false
    const followedByWs = i + 1 >= n || BREAK_OR_SPACE_AFTER.has(chars[i + 1]!)
    if (i === 0) {
      if (ch === ' ' || LEADING_INDICATOR.has(ch)) return false
      if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) return false
    } else {
      if (ch === ':' && followedByWs) return false
      if (ch === '#' && BREAK_OR_SPACE_AFTER.has(chars[i - 1]!)) return false
    }
  }
  return chars[n - 1] !== ' '
}

// Jekyll's SafeYAML 1.0.5 (safe_yaml/transform/*.rb), taken conservatively (a superset of what it types).
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

function safeYamlTypes(t: string): boolean {
  if (t.length <= 5 && SY_WORDS.has(t.toLowerCase())) return true
  const stripped = t.replace(/[_,]/g, '')
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
  return (
    pyyamlAllowsBlockPlain(text) &&
    pyyamlPlainTag(text) === 'str' &&
    !safeYamlTypes(text) &&
    !psychTypes(text) &&
    !yaml12Types(text) &&
    !yaml11Types(text)
  )
}

