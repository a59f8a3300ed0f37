import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHostServices } from '../../electron/host/host-services'
import { corpusDir } from '../helpers/corpus'

/**
 * The host's listing of the corpus's episodes in a site checkout (a temp copy: `_podcast/` beside
 * the corpus's `_people/` and `podcast-timestamps/`): the first listing of a fresh host (open,
 * workspace, site context, as the UI asks), and a listing again after the settings change.
 * Medians of five runs, wall and CPU (this process's user + system) time, in ms. Run: `node --import tsx test/bench/listing-bench.ts`.
 */
async function main(): Promise<void> {
  if (!corpusDir) throw new Error('needs ../shared/corpus')
  const dir = mkdtempSync(join(tmpdir(), 'listing-bench-'))
  try {
    cpSync(join(corpusDir, 'site'), join(dir, 'site'), { recursive: true })
    cpSync(join(corpusDir, 'episodes'), join(dir, 'site/_podcast'), { recursive: true })
    const cold: number[] = []
    const again: number[] = []
    const coldCpu: number[] = []
    const againCpu: number[] = []
    const cpuMs = () => {
      const u = process.cpuUsage()
      return (u.user + u.system) / 1000
    }
    for (let run = 0; run < 5; run++) {
      const host = createHostServices({ dataDir: join(dir, `data-${run}`) })
      let t = performance.now()
      let c = cpuMs()
      await host.openPath(join(dir, 'site'))
      const workspace = await host.getWorkspace()
      await host.getSiteContext()
      cold.push(performance.now() - t)
      coldCpu.push(cpuMs() - c)
      await host.saveSettings({ disabledRules: ['typography-mixed-quotes'], hostSpeaker: null })
      t = performance.now()
      c = cpuMs()
      await host.getWorkspace()
      again.push(performance.now() - t)
      againCpu.push(cpuMs() - c)
      if (run === 0) {
        globalThis.gc?.()
        const heap = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)
        console.log(`${workspace.files.length} episodes, ${workspace.files.reduce((n, f) => n + f.problems, 0)} problems listed; heap ${heap} MB with the host open`)
      }
      await host.close?.()
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0)
    console.log(`first listing (open + workspace + site context): wall median ${median(cold)} ms, CPU median ${median(coldCpu)} ms`)
    console.log(`listing after a settings change: wall median ${median(again)} ms, CPU median ${median(againCpu)} ms`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
