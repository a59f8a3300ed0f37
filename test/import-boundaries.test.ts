import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { checkFile, checkProject, describeViolation, importsOf } from './helpers/import-boundaries'

const root = fileURLToPath(new URL('..', import.meta.url))

test('the project respects its layering: no import crosses a forbidden boundary', () => {
  assert.deepEqual(checkProject(root).map(describeViolation), [])
})

test('the checker sees static, re-exported, type-only and dynamic imports', () => {
  const text = [
    "import a from './a'",
    "import type { B } from '../b'",
    "export { c } from './c'",
    "const d = await import('node:fs')",
    "type E = import('./e').E",
  ].join('\n')
  assert.deepEqual(
    importsOf('renderer/state/x.ts', text).map((r) => [r.specifier, r.target, r.line]),
    [
      ['./a', 'renderer/state/a', 1],
      ['../b', 'renderer/b', 2],
      ['./c', 'renderer/state/c', 3],
      ['node:fs', null, 4],
      ['./e', 'renderer/state/e', 5],
    ],
  )
})

test('a deliberate forbidden import fails: the state layer importing a component', () => {
  const text = "import { focusNextPane } from '../components/pane-focus'\n"
  assert.deepEqual(checkFile('renderer/state/session.ts', text).map(describeViolation), [
    "renderer/state/session.ts:1 imports '../components/pane-focus': renderer/state/ never imports renderer/components/ (the view layer imports the state, not back)",
  ])
})

test('each boundary of the table is enforced', () => {
  const cases: [file: string, specifier: string][] = [
    ['shared/episode/x.ts', 'node:fs'],
    ['shared/episode/x.ts', 'react'],
    ['shared/api/x.ts', '../../renderer/state/store'],
    ['renderer/components/x.tsx', 'node:path'],
    ['renderer/x.ts', '../electron/host/errors'],
    ['renderer/platform/x.ts', 'electron'],
    ['electron/host/x.ts', 'electron'],
    ['electron/server/x.ts', '../../renderer/keymap'],
  ]
  for (const [file, specifier] of cases) {
    assert.equal(checkFile(file, `import x from '${specifier}'\n`).length, 1, `${file} importing ${specifier} must be refused`)
  }
  const allowed: [file: string, specifier: string][] = [
    ['shared/episode/x.ts', './time'],
    ['renderer/components/x.tsx', 'react'],
    ['renderer/components/x.tsx', '../state/store'],
    ['electron/main.ts', 'electron'],
    ['electron/host/x.ts', 'node:fs'],
    ['test/x.test.ts', '../renderer/components/toolbar'],
  ]
  for (const [file, specifier] of allowed) {
    assert.deepEqual(checkFile(file, `import x from '${specifier}'\n`), [], `${file} importing ${specifier} is allowed`)
  }
})
