import { formatTime } from '../../shared/episode/index'

/**
 * Builds an episode of `count` entries from a real one: its transcript items repeated, with
 * `sec` and `time` renumbered so time still runs forward. Both benches measure this one.
 */
export function syntheticEpisode(source: string, count: number): string {
  const start = source.indexOf('\ntranscript:\n') + '\ntranscript:\n'.length
  const end = source.indexOf('\n---', start) + 1
  const items = source.slice(start, end).split(/\n(?=- )/).map((item) => (item.endsWith('\n') ? item : `${item}\n`))
  const head = source.slice(0, start).replace(/^title: .*$/m, "title: 'Synthetic 3,000-entry episode (bench)'")
  const out: string[] = []
  let sec = 0
  for (let k = 0; out.length < count; k++) {
    let item = items[k % items.length]!
    if (/^ {2}sec: \d+$/m.test(item)) {
      sec += 7
      item = item.replace(/^ {2}sec: \d+$/m, `  sec: ${sec}`).replace(/^ {2}time: .*$/m, `  time: '${formatTime(sec)}'`)
    }
    out.push(item)
  }
  return head + out.join('') + source.slice(end)
}
