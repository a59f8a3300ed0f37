import { hostChannels, playerPlaceBounds, type FileHandle, type HostApi, type SaveRequest } from './contract'

/** Longest text the host accepts for a save or a draft (UTF-16 code units, about 20 MB). */
const maxTextLength = 20 * 1024 * 1024

/** Longest path the host accepts from `openPath`. */
const maxPathLength = 4096

/** The shape of every handle the host issues: `h` and 32 lowercase hex digits (128 random bits). */
const fileHandlePattern = /^h[0-9a-f]{32}$/

const hashPattern = /^[0-9a-f]{64}$/

/** The shape of `episodeDigest`: 16 lowercase hex digits. */
const digestPattern = /^[0-9a-f]{16}$/

/** A method of the host API, i.e. a key of `hostChannels`. */
export type HostMethod = keyof typeof hostChannels

/** The validated arguments of a host method, as the implementation receives them. */
export type HostArgs<M extends HostMethod> = Parameters<NonNullable<HostApi[M]>>

/** Arguments that do not match the contract; the message says which and why. */
export class InvalidHostArgumentsError extends Error {
  constructor(method: string, reason: string) {
    super(`Invalid arguments for ${method}: ${reason}`)
    this.name = 'InvalidHostArgumentsError'
  }
}

/** True when `name` is a method of the contract (own key of `hostChannels`, not an inherited one). */
export function isHostMethod(name: unknown): name is HostMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(hostChannels, name)
}

/** True when `value` looks like a handle the host could have issued (format only, not ownership). */
function isFileHandle(value: unknown): value is FileHandle {
  return typeof value === 'string' && fileHandlePattern.test(value)
}

type Check = (value: unknown) => string | null

const handleCheck: Check = (value) =>
  isFileHandle(value) ? null : 'a file handle issued by the host was expected'

const textCheck: Check = (value) => {
  if (typeof value !== 'string') return 'text must be a string'
  if (value.length > maxTextLength) return `text is larger than ${maxTextLength} characters`
  return null
}

const pathCheck: Check = (value) => {
  if (typeof value !== 'string' || value.trim() === '') return 'path must be a non-empty string'
  if (value.length > maxPathLength) return `path is longer than ${maxPathLength} characters`
  if (value.includes('\0')) return 'path contains a NUL character'
  return null
}

/** Most episodes the UI may report at once (open tabs). */
const maxHandles = 10_000

const handleListCheck: Check = (value) => {
  if (!Array.isArray(value)) return 'a list of file handles was expected'
  if (value.length > maxHandles) return `more than ${maxHandles} file handles`
  return value.every(isFileHandle) ? null : 'a list of file handles issued by the host was expected'
}

const saveRequestCheck: Check = (value) => {
  if (!isPlainObject(value)) return 'the save request must be an object'
  const allowed = new Set(['handle', 'text', 'baseHash', 'expectedDigest', 'keepDraft'])
  const extra = Object.keys(value).find((key) => !allowed.has(key))
  if (extra !== undefined) return `unknown field "${extra}" in the save request`
  const request = value as Partial<Record<keyof SaveRequest, unknown>>
  const handle = handleCheck(request.handle)
  if (handle) return handle
  const text = textCheck(request.text)
  if (text) return text
  if (request.baseHash !== null && !(typeof request.baseHash === 'string' && hashPattern.test(request.baseHash))) {
    return 'baseHash must be a sha256 hex digest or null'
  }
  if (!(typeof request.expectedDigest === 'string' && digestPattern.test(request.expectedDigest))) {
    return 'expectedDigest must be the 16 hex digits of episodeDigest'
  }
  if (request.keepDraft !== undefined && request.keepDraft !== true) return 'keepDraft must be true when given'
  return null
}

/** Longest search text, replacement, glossary term or misspelling the host accepts. */
const maxQueryLength = 10_000

const queryCheck: Check = (value) => {
  if (!isPlainObject(value)) return 'the query must be an object'
  const allowed = new Set(['find', 'replace', 'regex', 'matchCase', 'wholeWord', 'in'])
  const extra = Object.keys(value).find((key) => !allowed.has(key))
  if (extra !== undefined) return `unknown field "${extra}" in the query`
  const q = value as Record<string, unknown>
  if (typeof q.find !== 'string' || q.find === '' || q.find.length > maxQueryLength) return `find must be a string of 1 to ${maxQueryLength} characters`
  if (q.replace !== undefined && (typeof q.replace !== 'string' || q.replace.length > maxQueryLength)) return `replace must be a string of at most ${maxQueryLength} characters`
  for (const flag of ['regex', 'matchCase', 'wholeWord'] as const) {
    if (q[flag] !== undefined && typeof q[flag] !== 'boolean') return `${flag} must be a boolean`
  }
  const scopes = q.in
  if (scopes !== undefined) {
    if (!Array.isArray(scopes) || scopes.length === 0 || scopes.length > 3) return 'in must list one to three of lines, headers, speakers'
    if (!scopes.every((s) => s === 'lines' || s === 'headers' || s === 'speakers')) return 'in must list only lines, headers, speakers'
  }
  return null
}

const glossaryWordCheck: Check = (value) => {
  if (typeof value !== 'string' || value.trim() === '') return 'a non-empty word was expected'
  if (value.length > 200) return 'a glossary word is at most 200 characters'
  if (/[\n\r\0]/.test(value)) return 'a glossary word is one line'
  return null
}

/** Most rule codes the settings may switch off, and the longest code and host name accepted. */
const maxDisabledRules = 200
const maxSettingText = 200

const settingsCheck: Check = (value) => {
  if (!isPlainObject(value)) return 'the settings must be an object'
  const allowed = new Set(['disabledRules', 'hostSpeaker'])
  const extra = Object.keys(value).find((key) => !allowed.has(key))
  if (extra !== undefined) return `unknown field "${extra}" in the settings`
  const rules = value.disabledRules
  if (!Array.isArray(rules) || rules.length > maxDisabledRules) return `disabledRules must be a list of at most ${maxDisabledRules} rule codes`
  if (!rules.every((r) => typeof r === 'string' && r.length > 0 && r.length <= maxSettingText)) return 'every disabled rule must be a non-empty code'
  const host = value.hostSpeaker
  if (host !== null && !(typeof host === 'string' && host.length <= maxSettingText)) return `hostSpeaker must be null or a name of at most ${maxSettingText} characters`
  return null
}

const playerPlaceCheck: Check = (value) => {
  if (!isPlainObject(value)) return 'the player place must be an object'
  const allowed = new Set(['time', 'follow', 'rate', 'source'])
  const extra = Object.keys(value).find((key) => !allowed.has(key))
  if (extra !== undefined) return `unknown field "${extra}" in the player place`
  const { time, follow, rate, source } = value
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0 || time > playerPlaceBounds.maxTime) return `time must be a number of seconds from 0 to ${playerPlaceBounds.maxTime}`
  if (typeof follow !== 'boolean') return 'follow must be true or false'
  if (typeof rate !== 'number' || !(rate >= playerPlaceBounds.minRate && rate <= playerPlaceBounds.maxRate)) return `rate must be a speed from ${playerPlaceBounds.minRate} to ${playerPlaceBounds.maxRate}`
  if (source !== 'youtube' && source !== 'recording') return 'source must be "youtube" or "recording"'
  return null
}

const argumentChecks: { readonly [M in HostMethod]: readonly Check[] } = {
  openFileDialog: [],
  openFolderDialog: [],
  openPath: [pathCheck],
  getWorkspace: [],
  readFile: [handleCheck],
  saveFile: [saveRequestCheck],
  writeDraft: [handleCheck, textCheck, textCheck],
  discardDraft: [handleCheck],
  listRecent: [],
  setDirty: [handleListCheck],
  getEpisodeMedia: [handleCheck],
  pickMediaForEpisode: [handleCheck],
  forgetEpisodeMedia: [handleCheck],
  getPlayerPlace: [handleCheck],
  setPlayerPlace: [handleCheck, playerPlaceCheck],
  readChapterList: [handleCheck],
  searchWorkspace: [queryCheck],
  readGlossary: [],
  addGlossaryTerm: [glossaryWordCheck, glossaryWordCheck],
  getSettings: [],
  saveSettings: [settingsCheck],
  writeChapterList: [handleCheck, textCheck],
  getSiteContext: [],
}

/**
 * Checks the arguments of one host call against the contract (count, types, sizes, handle
 * format) and returns them typed; throws `InvalidHostArgumentsError` otherwise. Both the
 * Electron main process and the browser-mode server run every call through this.
 */
export function validateHostArgs<M extends HostMethod>(method: M, args: unknown): HostArgs<M> {
  if (!isHostMethod(method)) throw new InvalidHostArgumentsError(String(method), 'no such method')
  if (!Array.isArray(args)) throw new InvalidHostArgumentsError(method, 'arguments must be an array')
  const checks = argumentChecks[method]
  if (args.length !== checks.length) {
    throw new InvalidHostArgumentsError(method, `expected ${checks.length} argument(s), got ${args.length}`)
  }
  checks.forEach((check, index) => {
    const problem = check(args[index])
    if (problem) throw new InvalidHostArgumentsError(method, `argument ${index + 1}: ${problem}`)
  })
  return args as HostArgs<M>
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
