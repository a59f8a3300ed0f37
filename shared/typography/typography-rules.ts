/** The typography rules for section headers and lines; each can be switched off on its own. */
export type TypographyRule = 'dash-lookalike' | 'double-space' | 'space-before-punctuation' | 'unbalanced-quotes' | 'mixed-quotes'

/** Every rule, in the order fixes apply. */
export const TYPOGRAPHY_RULES: readonly TypographyRule[] = ['dash-lookalike', 'double-space', 'space-before-punctuation', 'mixed-quotes', 'unbalanced-quotes']

/** One finding in a text: the rule, a plain-language message, and whether the rule can fix it. */
export interface TypographyFinding {
  readonly rule: TypographyRule
  readonly message: string
  readonly fixable: boolean
}

/** Hyphen and dash look-alikes the site does not use: U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2043, U+FE63, U+FF0D. */
const DASH_LOOKALIKE = /[\u2010\u2011\u2012\u2043\uFE63\uFF0D]/g
const DOUBLE_SPACE = /(?<=\S) {2,}(?=\S)/g
const SPACE_BEFORE_PUNCTUATION = /(?<=\S) +([,;:!?]|\.(?!\.))(?=\s|$)/g

/** A space right before a punctuation mark: the cheap test before SPACE_BEFORE_PUNCTUATION. */
const SPACE_THEN_PUNCTUATION = / [,;:!?.]/

/** How many quotes of each kind a text has. */
export interface QuoteCounts {
  readonly straightDouble: number
  readonly open: number
  readonly close: number
  readonly straightSingle: number
  readonly curlySingle: number
}

/** How a kind of quote is written: `"` and `'`, or “ ” and ‘ ’. */
export type QuoteStyle = 'straight' | 'curly'

/** The style of double quotes and of single quotes (apostrophes) that a fix writes. */
export interface QuoteStyles {
  readonly double: QuoteStyle
  readonly single: QuoteStyle
}

/** How many quotes of each kind a text has, in one pass. */
export function quoteCounts(text: string): QuoteCounts {
  const c = { straightDouble: 0, open: 0, close: 0, straightSingle: 0, curlySingle: 0 }
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x22:
        c.straightDouble++
        break
      case 0x201c:
        c.open++
        break
      case 0x201d:
        c.close++
        break
      case 0x27:
        c.straightSingle++
        break
      case 0x2018:
      case 0x2019:
        c.curlySingle++
        break
    }
  }
  return c
}

/** The way most quotes of each kind are written in these counts; a tie goes to curly. */
export function majorityQuoteStyles(c: QuoteCounts): QuoteStyles {
  return {
    double: c.open + c.close >= c.straightDouble ? 'curly' : 'straight',
    single: c.curlySingle >= c.straightSingle ? 'curly' : 'straight',
  }
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * What the rules find in one header or line (`rules` limits which run). Dash look-alikes,
 * doubled spaces, spaces before punctuation and straight and curly quotes mixed in one text can
 * be fixed; unbalanced quotes are only reported, since where the missing one goes is a guess.
 */
export function findTypography(text: string, rules: ReadonlySet<TypographyRule> = new Set(TYPOGRAPHY_RULES)): TypographyFinding[] {
  const found: TypographyFinding[] = []
  if (rules.has('dash-lookalike')) {
    const chars = [...new Set(text.match(DASH_LOOKALIKE) ?? [])]
    if (chars.length > 0) found.push({ rule: 'dash-lookalike', fixable: true, message: `Dash look-alike ${chars.map(codePoint).join(', ')} where the site writes "-" or "–"` })
  }
  // Cheap substring checks first: most texts have nothing for these rules, and the regular expressions cost more.
  if (rules.has('double-space') && text.includes('  ') && DOUBLE_SPACE.test(text)) found.push({ rule: 'double-space', fixable: true, message: 'Doubled space between words' })
  DOUBLE_SPACE.lastIndex = 0
  if (rules.has('space-before-punctuation') && SPACE_THEN_PUNCTUATION.test(text)) {
    const m = [...text.matchAll(SPACE_BEFORE_PUNCTUATION)]
    if (m.length > 0) found.push({ rule: 'space-before-punctuation', fixable: true, message: `Space before ${[...new Set(m.map((x) => `"${x[1]}"`))].join(', ')}` })
  }
  const q = rules.has('mixed-quotes') || rules.has('unbalanced-quotes') ? quoteCounts(text) : null
  if (q && rules.has('mixed-quotes')) {
    const mixed = [q.straightDouble > 0 && q.open + q.close > 0 ? 'double' : '', q.straightSingle > 0 && q.curlySingle > 0 ? 'single' : ''].filter(Boolean)
    if (mixed.length > 0) found.push({ rule: 'mixed-quotes', fixable: true, message: `Straight and curly ${mixed.join(' and ')} quotes mixed in one entry` })
  }
  if (q && rules.has('unbalanced-quotes')) {
    const { open, close, straightDouble: straight } = q
    if (open !== close || straight % 2 === 1) {
      const detail = open !== close ? `${open} “ but ${close} ”` : `${straight} straight " (an odd number)`
      found.push({ rule: 'unbalanced-quotes', fixable: false, message: `Unbalanced quotes: ${detail}` })
    }
  }
  return found
}

/**
 * What the mixed-quotes rule says a fix writes for the kinds mixed in a text with these counts,
 * such as "this episode mostly writes single ones straight"; empty when none is mixed.
 */
export function quoteMajorityNote(c: QuoteCounts, styles: QuoteStyles): string {
  const kinds = [
    c.straightDouble > 0 && c.open + c.close > 0 ? `double ones ${styles.double}` : '',
    c.straightSingle > 0 && c.curlySingle > 0 ? `single ones ${styles.single}` : '',
  ].filter(Boolean)
  return kinds.length > 0 ? `this episode mostly writes ${kinds.join(', ')}` : ''
}

/**
 * Applies the fixable rules among `rules` to a header or line; the text is returned as is when
 * nothing applies. Mixed quotes are written in `quotes` (the episode's majority) when given,
 * else the way most of the text's own are.
 */
export function fixTypographyText(text: string, rules: ReadonlySet<TypographyRule> = new Set(TYPOGRAPHY_RULES), quotes?: QuoteStyles): string {
  let out = text
  if (rules.has('dash-lookalike')) out = out.replace(/(?<= )[\u2012](?= )/g, '–').replace(DASH_LOOKALIKE, '-')
  if (rules.has('double-space')) out = out.replace(DOUBLE_SPACE, ' ')
  if (rules.has('space-before-punctuation')) out = out.replace(SPACE_BEFORE_PUNCTUATION, '$1')
  if (rules.has('mixed-quotes')) out = unifyQuotes(out, quotes)
  return out
}

/** Writes each kind of quote (double, single) one way within the text: as `quotes` says, else the way most of them are written. */
function unifyQuotes(text: string, quotes: QuoteStyles | undefined): string {
  const c = quoteCounts(text)
  const styles = quotes ?? majorityQuoteStyles(c)
  let out = text
  if (c.straightDouble > 0 && c.open + c.close > 0) {
    out = styles.double === 'curly' ? curlQuotes(out, '"', '“', '”') : out.replace(/[“”]/g, '"')
  }
  if (c.straightSingle > 0 && c.curlySingle > 0) {
    out = styles.single === 'curly' ? curlQuotes(out, "'", '‘', '’') : out.replace(/[‘’]/g, "'")
  }
  return out
}

/** Turns a straight quote into an opening one at the start or after a space or bracket, else a closing one (an apostrophe). */
function curlQuotes(text: string, straight: string, opening: string, closing: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch !== straight) {
      out += ch
      continue
    }
    const before = i === 0 ? ' ' : text[i - 1]!
    out += /[\s([{“‘—–-]/.test(before) ? opening : closing
  }
  return out
}
