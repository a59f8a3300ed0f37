import { writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { runFormatBench } from './format-bench'
import { followTargets } from './follow-bench'
import { runUiBench, uiTargets } from './ui-bench'
import { runWorkspaceBench } from './workspace-bench'

// `npm run bench -- --json FILE` also writes the figures as JSON, to compare runs;
// `-- --only follow` measures follow mode alone.
const jsonAt = process.argv.indexOf('--json')
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined
const onlyAt = process.argv.indexOf('--only')
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined
if ((jsonAt >= 0 && !jsonFile) || (onlyAt >= 0 && only !== 'follow')) {
  console.error('usage: npm run bench [-- --json FILE] [--only follow]')
  process.exit(2)
}

const started = new Date()
const followOnly = only === 'follow'
const format = followOnly ? [] : runFormatBench()
const workspace = followOnly ? null : runWorkspaceBench()
const { rows: ui, follow } = await runUiBench({ followOnly })
if (jsonFile) {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', loadAverage: loadavg() }
  const targets = [...(ui.length > 0 ? uiTargets(ui) : []), ...followTargets(follow)]
  const report = { date: started.toISOString(), durationS: (Date.now() - started.getTime()) / 1000, machine, format, workspace, ui, follow, targets }
  await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`figures written to ${jsonFile}`)
}
