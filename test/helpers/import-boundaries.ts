import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

/** One import of a source file: what it names, and the project-relative file it resolves to (relative imports only). */
export interface ImportRef {
  readonly specifier: string
  /** Project-relative path with `/` separators, without extension, for `./` and `../` imports; null for packages. */
  readonly target: string | null
  readonly line: number
}

/** An import that crosses a boundary the layering forbids, with the rule it breaks in plain words. */
export interface Violation {
  readonly file: string
  readonly line: number
  readonly specifier: string
  readonly rule: string
}

/** A layering rule: files under `from` must not import what `forbids` matches. */
export interface BoundaryRule {
  /** Folder prefix (project-relative, `/` separators) the rule applies to. */
  readonly from: string
  readonly rule: string
  forbids(ref: ImportRef): boolean
}

const isNodeBuiltin = (ref: ImportRef) => ref.specifier.startsWith('node:')
const under = (folder: string) => (ref: ImportRef) => ref.target !== null && (ref.target === folder || ref.target.startsWith(`${folder}/`))

/**
 * The layering of the project (README, "Architecture"): which folder may import what. Tests and
 * root scripts are unrestricted.
 */
export const boundaryRules: readonly BoundaryRule[] = [
  {
    from: 'shared',
    rule: 'shared/ imports only shared/ (no packages: no node:, electron, react or DOM libraries)',
    forbids: (ref) => ref.target === null || !under('shared')(ref),
  },
  { from: 'renderer', rule: 'renderer/ never imports electron/', forbids: under('electron') },
  { from: 'renderer', rule: 'renderer/ never imports Node built-ins (node:*) or electron', forbids: (ref) => isNodeBuiltin(ref) || ref.specifier === 'electron' },
  { from: 'renderer/state', rule: 'renderer/state/ never imports renderer/components/ (the view layer imports the state, not back)', forbids: under('renderer/components') },
  { from: 'electron/host', rule: 'electron/host/ never imports electron (host services are plain Node)', forbids: (ref) => ref.specifier === 'electron' || ref.specifier.startsWith('electron/') },
  { from: 'electron', rule: 'electron/ never imports renderer/', forbids: under('renderer') },
]

/** Every import, export-from and dynamic `import()` of one source text, parsed with the TypeScript compiler. */
export function importsOf(file: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS)
  const refs: ImportRef[] = []
  const add = (node: ts.Node, literal: ts.Expression | undefined) => {
    if (!literal || !ts.isStringLiteralLike(literal)) return
    const specifier = literal.text
    const target = specifier.startsWith('.') ? toProjectPath(join(dirname(file), specifier)) : null
    refs.push({ specifier, target, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 })
  }
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier)
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression)
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0])
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal as ts.Expression)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return refs
}

function toProjectPath(path: string): string {
  return path.split(sep).join('/').replace(/\.(tsx?|jsx?)$/, '')
}

/** The violations of `rules` in one file given by its project-relative path and text. */
export function checkFile(file: string, text: string, rules: readonly BoundaryRule[] = boundaryRules): Violation[] {
  const applying = rules.filter((r) => file.startsWith(`${r.from}/`))
  if (applying.length === 0) return []
  return importsOf(file, text).flatMap((ref) =>
    applying.filter((r) => r.forbids(ref)).map((r) => ({ file, line: ref.line, specifier: ref.specifier, rule: r.rule })),
  )
}

/** Project-relative paths of every .ts and .tsx file under `folders` of `root` (node_modules and dist skipped). */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(relative(root, path).split(sep).join('/'))
    }
  }
  for (const folder of folders) walk(resolve(root, folder))
  return found.sort()
}

/** Checks every source file of the project at `root`; an empty list means the layering holds. */
export function checkProject(root: string): Violation[] {
  return sourceFiles(root, ['shared', 'renderer', 'electron']).flatMap((file) => checkFile(file, readFileSync(join(root, file), 'utf8')))
}

/** A violation as one line: `file:line imports 'x': rule`. */
export function describeViolation(v: Violation): string {
  return `${v.file}:${v.line} imports '${v.specifier}': ${v.rule}`
}
