import { parseArgs } from 'node:util'
import { parseEpisode, serializeEpisode, verifySavedText } from '../shared/episode/index'
import { fixTypography } from '../shared/typography/typography-lint'
import { TYPOGRAPHY_RULES, type TypographyRule } from '../shared/typography/typography-rules'
import { readRegularFile } from './host/read-regular-file'
import { ChaptersUsageError } from './cli-chapters'
import { writeFileAtomic } from './host/atomic-write'
import { decodeFileText, encodeFileText } from './host/text-codec'

/** Usage lines of `fix --typography`. */
export const FIX_TYPOGRAPHY_USAGE = `  transcript-editor fix --typography [--skip RULE,...] FILE...
                                                    fix dash look-alikes, doubled spaces, spaces before
                                                    punctuation and mixed quotes in headers and lines
                                                    (rules: ${TYPOGRAPHY_RULES.join(', ')})`

/** The rules left on after `--skip a,b`; an unknown name is a usage error. */
function rulesWithout(skip: string | undefined): ReadonlySet<TypographyRule> {
  const off = (skip ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  for (const name of off) {
    if (!(TYPOGRAPHY_RULES as readonly string[]).includes(name)) throw new ChaptersUsageError(`Unknown typography rule "${name}"; the rules are ${TYPOGRAPHY_RULES.join(', ')}.`)
  }
  return new Set(TYPOGRAPHY_RULES.filter((r) => !off.includes(r)))
}

/** Runs `fix --typography`: fixes every fixable typography problem in each file, touching only those entries. */
export async function fixTypographyCommand(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { typography: { type: 'boolean' }, skip: { type: 'string' } } })
  if (!values.typography || positionals.length === 0) throw new ChaptersUsageError('fix --typography needs at least one FILE.')
  const rules = rulesWithout(values.skip)
  let failed = 0
  for (const file of positionals) {
    let text: string
    try {
      text = decodeFileText(await readRegularFile(file))
      const { doc, count } = fixTypography(parseEpisode(text), rules)
      const out = serializeEpisode(doc)
      const refusal = verifySavedText(out, doc)
      if (refusal) throw new Error(refusal)
      if (out !== text) await writeFileAtomic(file, encodeFileText(out))
      console.log(`${file}: fixed typography in ${count} ${count === 1 ? 'entry' : 'entries'}`)
    } catch (error) {
      if (!(error instanceof Error)) throw error
      console.error(`${file}: ${error.message}`)
      failed++
    }
  }
  return failed > 0 ? 1 : 0
}
