import { execFile } from 'node:child_process'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

/**
 * Writes a real recording of `text` (a WAV file spoken by espeak-ng) to `folder/name` and
 * returns its path, for tests that play media. espeak-ng is a Debian package (`.ci/run`
 * installs it); without it the test fails saying so.
 */
export async function spokenAudio(folder: string, name: string, text: string): Promise<string> {
  await mkdir(folder, { recursive: true })
  const path = join(folder, name)
  try {
    await promisify(execFile)('espeak-ng', ['-w', path, text])
  } catch (error) {
    throw new Error(`espeak-ng could not make a test recording (apt-get install espeak-ng): ${(error as Error).message}`)
  }
  return path
}
