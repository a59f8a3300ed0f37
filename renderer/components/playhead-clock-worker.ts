/**
 * The playhead clock's painter, in a worker of its own: it draws the clock's text on the canvas
 * the page handed it (`transferControlToOffscreen`), and the compositor shows each new frame
 * without the page's main thread laying out, painting or layerizing anything.
 */
import type { ClockLook } from './playhead-clock'

/** The worker's global scope, as far as this file needs it (the page's DOM types are in scope here). */
const scope = self as unknown as { onmessage: ((event: MessageEvent<{ canvas: OffscreenCanvas } | ClockLook | string>) => void) | null }

let context: OffscreenCanvasRenderingContext2D | null = null
let look: ClockLook | null = null
let text = ''

// The page sends the canvas once, the look when it changes, and then only the text.
scope.onmessage = (event) => {
  const data = event.data
  if (typeof data === 'string') text = data
  else if ('canvas' in data) context = data.canvas.getContext('2d')
  else look = data
  if (context && look) draw(context, look, text)
}

function draw(context: OffscreenCanvasRenderingContext2D, frame: ClockLook, text: string): void {
  const canvas = context.canvas
  const width = Math.max(1, Math.round(frame.width * frame.scale))
  const height = Math.max(1, Math.round(frame.height * frame.scale))
  // Setting a size clears the canvas and its state, so only when it changes.
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width
    canvas.height = height
  }
  context.setTransform(frame.scale, 0, 0, frame.scale, 0, 0)
  context.clearRect(0, 0, frame.width, frame.height)
  context.font = frame.font
  context.fillStyle = frame.color
  context.textAlign = 'right'
  context.textBaseline = 'middle'
  context.fillText(text, frame.width, frame.height / 2)
}
