import { diffLines, type DiffHunk } from './line-diff'

/** A hunk of a unified diff: its `@@ -a,b +c,d @@` header and its lines, each with its sign. */
export interface PatchHunk {
  readonly header: string
  readonly lines: readonly { readonly sign: ' ' | '-' | '+'; readonly text: string }[]
}

/** `start,count` as git writes a hunk's range (`start` alone for one line; the line before for none). */
function range(first: number | null, count: number, before: number): string {
  const start = count === 0 ? before : (first ?? before)
  return count === 1 ? `${start}` : `${start},${count}`
}

function toPatchHunk(hunk: DiffHunk): PatchHunk {
  const old = hunk.lines.filter((l) => l.kind !== 'added')
  const now = hunk.lines.filter((l) => l.kind !== 'removed')
  // With no line on one side, git names the line before the hunk on that side.
  const oldBefore = (hunk.lines.find((l) => l.oldLine !== null)?.oldLine ?? 1) - 1
  const newBefore = (hunk.lines.find((l) => l.newLine !== null)?.newLine ?? 1) - 1
  return {
    header: `@@ -${range(old[0]?.oldLine ?? null, old.length, oldBefore)} +${range(now[0]?.newLine ?? null, now.length, newBefore)} @@`,
    lines: hunk.lines.map((l) => ({ sign: l.kind === 'removed' ? '-' : l.kind === 'added' ? '+' : ' ', text: l.text })),
  }
}

/** The unified diff (three lines of context, as `git diff` writes it) of `before` against `after`. */
export function unifiedDiff(before: string, after: string): PatchHunk[] {
  return diffLines(before, after).map(toPatchHunk)
}

/** The hunks as patch text, under `--- a/NAME` and `+++ b/NAME` (empty when nothing differs). */
export function patchText(name: string, hunks: readonly PatchHunk[]): string {
  if (hunks.length === 0) return ''
  const body = hunks.flatMap((h) => [h.header, ...h.lines.map((l) => `${l.sign}${l.text}`)])
  return [`--- a/${name}`, `+++ b/${name}`, ...body, ''].join('\n')
}
