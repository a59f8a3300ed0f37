import { runFormatBench } from './format-bench'
import { runUiBench } from './ui-bench'
import { runWorkspaceBench } from './workspace-bench'

runFormatBench()
runWorkspaceBench()
await runUiBench()
