import { isAbsolute, resolve } from 'node:path'

/**
 * The files and folders named on the desktop app's command line, resolved against `cwd`.
 * Skips the executable (and, unpackaged, the app folder) and every switch, including the ones
 * Chromium adds when a second instance forwards its arguments.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  return argv
    .slice(packaged ? 1 : 2)
    .filter((arg) => arg !== '' && !arg.startsWith('-'))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
}
