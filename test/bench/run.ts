import { runFormatBench } from './format-bench'

runFormatBench()
