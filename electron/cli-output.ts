/** The part of a stream `stopQuietlyWhenOutputCloses` needs (`process.stdout`). */
interface Output {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
}

/**
 * Ends the command quietly when the program reading its output stops reading (`check … | head`):
 * the rest of the output has no reader, so it is not an error to report with a stack trace. Any
 * other write error still ends the command with a plain message and a failure exit code.
 */
export function stopQuietlyWhenOutputCloses(output: Output, exit: (code: number) => never = process.exit): void {
  output.on('error', (error) => {
    if (error.code === 'EPIPE') exit(0)
    console.error(`transcript-editor: the output could not be written: ${error.message}`)
    exit(1)
  })
}
