import { isAbsolute, resolve } from 'node:path'

/** `--media FILE` or `--media=FILE`: the recording of the one episode named on the command line. */
const mediaSwitch = '--media'

/** The recording named with `--media` on the desktop app's command line, resolved against `cwd`. */
export function mediaFromArgv(argv: readonly string[], cwd: string): string | undefined {
  const index = argv.findIndex((arg) => arg === mediaSwitch || arg.startsWith(`${mediaSwitch}=`))
  if (index < 0) return undefined
  const value = argv[index] === mediaSwitch ? argv[index + 1] : argv[index]!.slice(mediaSwitch.length + 1)
  if (value === undefined || value === '') return undefined
  return isAbsolute(value) ? value : resolve(cwd, value)
}

/**
 * The files and folders named on the desktop app's command line, resolved against `cwd`.
 * Skips the executable (and, unpackaged, the app folder) and every switch, including the ones
 * Chromium adds when a second instance forwards its arguments.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  return argv
    .slice(packaged ? 1 : 2)
    .filter((arg, index, args) => arg !== '' && !arg.startsWith('-') && args[index - 1] !== mediaSwitch)
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
}
