import type { Glossary } from '../../shared/workspace/glossary'
import { glossaryLint } from '../../shared/lint/extra-lints'
import type { AppCommand } from './commands'
import { extraLintSlot } from './problems'

export { glossaryLint }

/** Where the glossary's lint goes in the lint context. */
const glossarySlot = extraLintSlot()

/** Puts the glossary's lint (none without a glossary) in the lint context, in place of the previous glossary's. */
export function withGlossaryLint(glossary: Glossary | null): AppCommand {
  return (state) => ({ ...state, lintContext: glossarySlot(state.lintContext, glossary ? glossaryLint(glossary) : null) })
}
