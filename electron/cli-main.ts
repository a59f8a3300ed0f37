import { main } from './cli'
import { stopQuietlyWhenOutputCloses } from './cli-output'

// The command line's entry point: `bin/transcript-editor.js` runs the bundle built from this
// file (`dist/cli/transcript-editor.mjs`), or this file through tsx in a checkout being edited.
stopQuietlyWhenOutputCloses(process.stdout)
process.exitCode = await main(process.argv.slice(2))
