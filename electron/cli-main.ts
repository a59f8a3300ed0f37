import { main } from './cli'

// The command line's entry point: `bin/transcript-editor.js` runs the bundle built from this
// file (`dist/cli/transcript-editor.mjs`), or this file through tsx in a checkout being edited.
process.exitCode = await main(process.argv.slice(2))
