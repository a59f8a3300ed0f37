import { writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { runFormatBench } from './format-bench'
import { runUiBench, uiTargets } from './ui-bench'
import { runWorkspaceBench } from './workspace-bench'

// `npm run bench -- --json FILE` also writes the figures as JSON, to compare runs; `--keys` runs
// only the keystroke section (the editor opened once, no format, workspace or textarea figures).
const keysOnly = process.argv.includes('--keys')
const jsonAt = process.argv.indexOf('--json')
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined
if (jsonAt >= 0 && !jsonFile) {
  console.error('usage: npm run bench [-- [--keys] [--json FILE]]')
  process.exit(2)
}

const started = new Date()
const format = keysOnly ? null : runFormatBench()
const workspace = keysOnly ? null : runWorkspaceBench()
const ui = await runUiBench({ keysOnly })
if (jsonFile) {
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', loadAverage: loadavg() }
  const report = { date: started.toISOString(), durationS: (Date.now() - started.getTime()) / 1000, machine, format, workspace, ui, targets: uiTargets(ui) }
  await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`figures written to ${jsonFile}`)
}
