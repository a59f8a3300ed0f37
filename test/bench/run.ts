import { writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { runFormatBench } from './format-bench'
import { followTargets } from './follow-bench'
import { runUiBench, uiTargets } from './ui-bench'
import { runWorkspaceBench } from './workspace-bench'

// `npm run bench -- --json FILE` also writes the figures as JSON, to compare runs; `--keys` runs
// only the keystroke section (the editor opened once, no format, workspace, textarea or follow
// figures); `--only follow` measures follow mode alone.
const keysOnly = process.argv.includes('--keys')
const jsonAt = process.argv.indexOf('--json')
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined
if ((jsonAt >= 0 && !jsonFile) || (onlyAt >= 0 && only !== 'follow') || (keysOnly && onlyAt >= 0)) {
  console.error('usage: npm run bench [-- [--keys | --only follow] [--json FILE]]')
  process.exit(2)
}

const started = new Date()
const followOnly = only === 'follow'
const format = followOnly || keysOnly ? [] : runFormatBench()
const workspace = followOnly || keysOnly ? null : runWorkspaceBench()
const { rows: ui, follow } = await runUiBench({ followOnly, keysOnly })
if (jsonFile) {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', loadAverage: loadavg() }
  const targets = [...(ui.length > 0 ? uiTargets(ui) : []), ...(follow ? followTargets(follow) : [])]
  const report = { date: started.toISOString(), durationS: (Date.now() - started.getTime()) / 1000, machine, format, workspace, ui, follow, targets }
  await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`figures written to ${jsonFile}`)
}
