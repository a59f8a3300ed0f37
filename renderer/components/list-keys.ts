/** The keys that move focus within a list of items: arrows step, Home and End jump. */
export const LIST_KEYS: readonly string[] = ['ArrowDown', 'ArrowUp', 'Home', 'End']

/**
 * Where a list key moves focus from item `at` in a list of `count` items: arrows stop at the ends,
 * unless `wrap` (as in a menu), Home and End go to the first and last. Null for any other key or an empty list.
 */
export function listKeyTarget(key: string, at: number, count: number, wrap = false): number | null {
  if (count === 0 || !LIST_KEYS.includes(key)) return null
  if (key === 'Home') return 0
  if (key === 'End') return count - 1
  const next = at + (key === 'ArrowDown' ? 1 : -1)
  return wrap ? (next + count) % count : Math.max(0, Math.min(count - 1, next))
}
