/**
 * Cuts a text to at most `max` characters, ending with "…" (for native `<option>`s, which CSS
 * cannot truncate). Show the full text beside it, e.g. in a `title`.
 */
export function clipText(text: string, max = 40): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}
