import type { Episode } from './episode'
import * as edits from './edits'
import { EditError } from './edits'

/** One edit operation as the command line's `--ops` JSON writes it. */
export type EditOp =
  | { op: 'setLine'; entry: number; line: string }
  | { op: 'setSpeaker'; entry: number; who: string }
  | { op: 'renameSpeaker'; from: string; to: string }
  | { op: 'insertHeader'; before: number; header: string }
  | { op: 'setHeader'; entry: number; header: string }
  | { op: 'removeEntry'; entry: number }
  | { op: 'moveEntry'; entry: number; to: number }
  | { op: 'splitLine'; entry: number; offset: number; sec?: number }
  | { op: 'mergeWithPrevious'; entry: number; who?: string }
  | { op: 'setSec'; entry: number; sec: number }
  | { op: 'setTime'; entry: number; time: string }

type Field = 'int' | 'string' | 'int?' | 'string?'

const OP_FIELDS: { readonly [K in EditOp['op']]: Readonly<Record<string, Field>> } = {
  setLine: { entry: 'int', line: 'string' },
  setSpeaker: { entry: 'int', who: 'string' },
  renameSpeaker: { from: 'string', to: 'string' },
  insertHeader: { before: 'int', header: 'string' },
  setHeader: { entry: 'int', header: 'string' },
  removeEntry: { entry: 'int' },
  moveEntry: { entry: 'int', to: 'int' },
  splitLine: { entry: 'int', offset: 'int', sec: 'int?' },
  mergeWithPrevious: { entry: 'int', who: 'string?' },
  setSec: { entry: 'int', sec: 'int' },
  setTime: { entry: 'int', time: 'string' },
}

/** An op's fields for a message: `entry, offset and sec (optional)`. */
function fieldList(fields: Readonly<Record<string, Field>>): string {
  const names = Object.entries(fields).map(([key, type]) => (type.endsWith('?') ? `${key} (optional)` : key))
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`
}

/** Checks that a JSON value is a well-formed op; throws `EditError` saying what is wrong. */
export function validateOp(value: unknown): EditOp {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EditError('An op must be a JSON object such as {"op": "setLine", …}')
  const record = value as Record<string, unknown>
  const name = record.op
  if (typeof name !== 'string' || !Object.hasOwn(OP_FIELDS, name)) {
    throw new EditError(`Unknown op ${JSON.stringify(name)}; known ops: ${Object.keys(OP_FIELDS).join(', ')}`)
  }
  const fields = OP_FIELDS[name as EditOp['op']]
  for (const key of Object.keys(record)) {
    if (key !== 'op' && !Object.hasOwn(fields, key)) throw new EditError(`${name} has no field "${key}"; it takes ${fieldList(fields)}`)
  }
  for (const [key, type] of Object.entries(fields)) {
    const v = record[key]
    if (v === undefined && type.endsWith('?')) continue
    const ok = type.startsWith('int') ? Number.isInteger(v) : typeof v === 'string'
    if (!ok) throw new EditError(`${name}.${key} must be ${type.startsWith('int') ? 'a whole number' : 'a string'}`)
  }
  return value as EditOp
}

/** Applies one op. */
export function applyOp(doc: Episode, op: EditOp): Episode {
  switch (op.op) {
    case 'setLine':
      return edits.setLine(doc, op.entry, op.line)
    case 'setSpeaker':
      return edits.setSpeaker(doc, op.entry, op.who)
    case 'renameSpeaker':
      return edits.renameSpeaker(doc, op.from, op.to).doc
    case 'insertHeader':
      return edits.insertHeader(doc, op.before, op.header)
    case 'setHeader':
      return edits.setHeader(doc, op.entry, op.header)
    case 'removeEntry':
      return edits.removeEntry(doc, op.entry)
    case 'moveEntry':
      return edits.moveEntry(doc, op.entry, op.to)
    case 'splitLine':
      return edits.splitLine(doc, op.entry, op.offset, op.sec)
    case 'mergeWithPrevious':
      return edits.mergeWithPrevious(doc, op.entry, op.who)
    case 'setSec':
      return edits.setSec(doc, op.entry, op.sec)
    case 'setTime':
      return edits.setTime(doc, op.entry, op.time)
  }
}

/** Validates and applies a JSON list of ops in order; an error names the op that failed. */
export function applyOps(doc: Episode, ops: unknown): Episode {
  if (!Array.isArray(ops)) throw new EditError('The ops file must hold a JSON list of ops')
  return ops.reduce<Episode>((current, raw, i) => {
    try {
      return applyOp(current, validateOp(raw))
    } catch (error) {
      if (error instanceof EditError) throw new EditError(`Op ${i}: ${error.message}`)
      throw error
    }
  }, doc)
}
