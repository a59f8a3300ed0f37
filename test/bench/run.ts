import { runFormatBench } from './format-bench'
import { runUiBench } from './ui-bench'

runFormatBench()
await runUiBench()
