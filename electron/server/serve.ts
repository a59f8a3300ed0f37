import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataDir } from '../host/data-dir'
import { fsErrorCode, HostError } from '../host/errors'
import { startServer, type RunningServer, type ServerOptions } from './browser-server'

export { startServer, type RunningServer, type ServerOptions } from './browser-server'

/** A bad command line or a start-up failure the user can fix; the CLI prints it with the usage. */
export class ServeUsageError extends Error {
  // The CLI treats ERR_PARSE_ARGS_* codes as usage errors (message + usage, exit code 2).
  readonly code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
}

/** The folder the user ran the command in: npm scripts run in the package folder but say where they were started. */
export function invocationFolder(): string {
  return process.env['INIT_CWD'] ?? process.cwd()
}

/** How `runServe` treats a command line without PATH. */
export interface ServeDefaults {
  /** Open the folder the command ran in (the command line), rather than show the start screen (`npm start`). */
  readonly openCurrentFolder?: boolean
}

/**
 * Reads `serve [PATH] [--media FILE] [--port N] [--host H] [--data-dir D]` into server options. Without PATH the
 * page may open what is inside `cwd` (and recent items), and opens `cwd` itself if so asked.
 */
export function parseServeArgs(argv: readonly string[], cwd = invocationFolder(), defaults: ServeDefaults = {}): ServerOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, media: { type: 'string' } },
  })
  if (positionals.length > 1) throw new ServeUsageError('serve opens one file or folder at most.')
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeUsageError(`--port must be a number from 0 to 65535, not "${values.port}".`)
  const path = positionals[0] ?? (defaults.openCurrentFolder ? cwd : undefined)
  if (values.media !== undefined && positionals[0] === undefined) throw new ServeUsageError('--media needs the EPISODE file it belongs to: serve EPISODE --media FILE.')
  return {
    dataDir: values['data-dir'] === undefined ? defaultDataDir() : resolve(cwd, values['data-dir']),
    port,
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(path !== undefined ? { openPath: resolve(cwd, path) } : { allowedRoots: [cwd] }),
    ...(values.media !== undefined ? { media: resolve(cwd, values.media) } : {}),
  }
}

/**
 * Runs browser mode from the command line: opens PATH if given (see `ServeDefaults` otherwise), prints the URL to open on a
 * line of its own, and serves until SIGINT or SIGTERM.
 */
export async function runServe(argv: string[], defaults: ServeDefaults = {}): Promise<void> {
  const options = parseServeArgs(argv, invocationFolder(), defaults)
  let server: RunningServer
  try {
    server = await startServer(options)
  } catch (error) {
    if (error instanceof HostError) throw new ServeUsageError(error.message)
    const code = fsErrorCode(error)
    if (code === 'EADDRINUSE') throw new ServeUsageError(`Port ${options.port} is in use; choose another with --port.`)
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ServeUsageError(`Cannot listen on --host ${options.host}.`)
    throw error
  }
  if (!server.rendererBuilt) console.warn('The editor UI is not built: run `npm run build` first (the page will say so too).')
  if (options.host !== undefined && !['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
    console.warn(`Listening on ${options.host}: anyone who can reach it and has the URL below can edit your files.`)
  }
  console.log('Transcript Editor is running. Open this address in your browser:')
  console.log(server.url)
  console.log('Press Ctrl+C to stop.')
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void server.close().then(done, done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
