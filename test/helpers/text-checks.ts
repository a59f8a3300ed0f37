import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { diffLines } from 'diff'

/** Whether python3 with PyYAML can run here (CI installs Debian python3-yaml). */
export const PYTHON_OK = spawnSync('python3', ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0

/** Why a PyYAML test skips. */
export const NO_PYTHON = 'python3 with PyYAML is not available here'

/** The lines a git diff of two texts shows as removed and added. */
export function lineChanges(a: string, b: string): { removed: string[]; added: string[] } {
  const removed: string[] = []
  const added: string[] = []
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, '').split('\n')
    if (part.removed) removed.push(...lines)
    if (part.added) added.push(...lines)
  }
  return { removed, added }
}

const READ_FRONT_MATTERS = `
import json, re, sys, yaml
out = []
for text in json.load(open(sys.argv[1], encoding='utf-8')):
    m = re.match(r'---[ \\t]*\\r?\\n(.*?)^(?:---|\\.\\.\\.)[ \\t]*$', text, re.S | re.M)
    out.append(yaml.load(m.group(1), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader)))
print(json.dumps(out, default=str))
`

/** Each episode text's front matter as PyYAML's SafeLoader reads it (as the site's scripts do; dates as text), in one process. */
export function pyyamlFrontMatters(texts: readonly string[]): Record<string, unknown>[] {
  const dir = mkdtempSync(join(tmpdir(), 'pyyaml-read-'))
  try {
    writeFileSync(join(dir, 'texts.json'), JSON.stringify(texts))
    writeFileSync(join(dir, 'read.py'), READ_FRONT_MATTERS)
    const run = spawnSync('python3', [join(dir, 'read.py'), join(dir, 'texts.json')], { encoding: 'utf8', maxBuffer: 1 << 28 })
    if (run.status !== 0) throw new Error(`PyYAML could not read the files: ${run.stderr}`)
    return JSON.parse(run.stdout) as Record<string, unknown>[]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
