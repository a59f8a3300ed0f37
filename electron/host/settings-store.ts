import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultSettings, type AppSettings } from '../../shared/api/contract'
import { writeFileAtomic } from './atomic-write'
import { fsErrorCode } from './errors'
import { createKeyedQueue } from './keyed-queue'

/** The user's settings, remembered across runs in `<dataDir>/settings.json`. */
export interface SettingsStore {
  /** The saved settings; the defaults when none were saved yet or the file cannot be read (said on the console). */
  get(): Promise<AppSettings>
  /** Replaces the saved settings (written atomically, readable by the user only). */
  save(settings: AppSettings): Promise<void>
}

/** Creates the settings store over the host's data folder. */
export function createSettingsStore(dataDir: string): SettingsStore {
  const file = join(dataDir, 'settings.json')
  const queue = createKeyedQueue()
  const serial = <T>(job: () => Promise<T>): Promise<T> => queue.run(file, job)
  return {
    get: () =>
      serial(async () => {
        let text: string
        try {
          text = await readFile(file, 'utf8')
        } catch (error) {
          if (fsErrorCode(error) === 'ENOENT') return defaultSettings
          throw error
        }
        try {
          return sanitizeSettings(JSON.parse(text))
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error
          console.error(`${file} does not read as JSON (${error.message}); the default settings are used until they are saved again`)
          return defaultSettings
        }
      }),
    save: (settings) =>
      serial(async () => {
        await mkdir(dataDir, { recursive: true, mode: 0o700 })
        const json = JSON.stringify({ version: 1, ...sanitizeSettings(settings) }, null, 2) + '\n'
        await writeFileAtomic(file, Buffer.from(json, 'utf8'), { mode: 0o600 })
      }),
  }
}

/** The settings a stored value holds: known fields of the right type, the default for the others. */
export function sanitizeSettings(value: unknown): AppSettings {
  const v = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>
  const rules = Array.isArray(v.disabledRules) ? v.disabledRules.filter((r): r is string => typeof r === 'string' && r !== '') : []
  const host = typeof v.hostSpeaker === 'string' && v.hostSpeaker.trim() !== '' ? v.hostSpeaker.trim() : null
  return { disabledRules: [...new Set(rules)].sort(), hostSpeaker: host }
}
