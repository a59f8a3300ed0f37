/**
 * The player's playhead clock. Its text changes every second while a recording plays; written
 * into the page, each change costs the main thread a layout, a paint and a layerize of the whole
 * page (about 2 ms of a frame here), the same thread that runs the cell editor the user types in.
 * So the clock is a canvas a worker draws on, and the page only sends it the text; where no
 * worker can draw (the worker cannot load), it is text in the page, as before.
 */

/**
 * How the clock's worker draws its text: the canvas's CSS size and pixel scale, the page's font
 * and colour for it. Sent when it changes; each new text is sent alone (a string is the cheapest
 * message to clone).
 */
export interface ClockLook {
  readonly width: number
  readonly height: number
  readonly scale: number
  readonly font: string
  readonly color: string
}

/** Shows the playhead's text in its box. */
export interface ClockFace {
  /** Shows `text` in a box `widthCh` characters wide. */
  show(text: string, widthCh: number): void
  dispose(): void
}

/**
 * The clock drawn by a worker on a canvas in `box` (its accessible name is the text), or the
 * text itself where the page has no offscreen canvas; a worker that fails to load hands the
 * box back to the text.
 */
export function playheadClockFace(box: HTMLElement): ClockFace {
  const canvas = box.ownerDocument.createElement('canvas')
  if (typeof Worker !== 'function' || typeof canvas.transferControlToOffscreen !== 'function') return textFace(box)
  return paintedFace(box, canvas)
}

function textFace(box: HTMLElement): ClockFace {
  const text = box.appendChild(box.ownerDocument.createTextNode(''))
  return {
    show(now, widthCh) {
      if (text.data !== now) text.data = now
      setWidth(box, widthCh)
    },
    dispose: () => text.remove(),
  }
}

function setWidth(box: HTMLElement, widthCh: number): boolean {
  const width = `${widthCh}ch`
  if (box.style.width === width) return false
  box.style.width = width
  return true
}

function paintedFace(box: HTMLElement, canvas: HTMLCanvasElement): ClockFace {
  const worker = new Worker(new URL('./playhead-clock-worker.ts', import.meta.url), { type: 'module', name: 'playhead clock' })
  const offscreen = canvas.transferControlToOffscreen()
  worker.postMessage({ canvas: offscreen }, [offscreen])
  box.setAttribute('role', 'img')
  box.append(canvas)
  let face: ClockFace | null = null
  let last: { text: string; widthCh: number } | null = null
  // The look last sent; null: to be worked out (and sent) again before the next text.
  let look: ClockLook | null = null
  const draw = () => {
    if (!last) return
    box.setAttribute('aria-label', last.text)
    if (!look) {
      look = lookOf(box)
      worker.postMessage(look)
    }
    worker.postMessage(last.text)
  }
  // The theme or the pixel scale changed: draw again with the page's new colour and scale.
  const restyle = () => {
    look = null
    draw()
  }
  const scheme = window.matchMedia('(prefers-color-scheme: dark)')
  scheme.addEventListener('change', restyle)
  // A query for the present scale changes once when the scale does; then one for the new scale.
  const watchScale = () => {
    const query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`)
    query.addEventListener('change', rescale, { once: true })
    return query
  }
  const rescale = () => {
    scale = watchScale()
    restyle()
  }
  let scale = watchScale()
  const stopPainting = () => {
    scheme.removeEventListener('change', restyle)
    scale.removeEventListener('change', rescale)
    worker.terminate()
    canvas.remove()
    box.removeAttribute('role')
    box.removeAttribute('aria-label')
  }
  // A worker that cannot load (a blocked script): the text in the page, from the last shown on.
  worker.addEventListener('error', () => {
    stopPainting()
    face = textFace(box)
    if (last) face.show(last.text, last.widthCh)
  })
  return {
    show(text, widthCh) {
      if (face) return face.show(text, widthCh)
      if (last?.text === text && last.widthCh === widthCh) return
      if (setWidth(box, widthCh)) look = null
      last = { text, widthCh }
      draw()
    },
    dispose() {
      if (face) face.dispose()
      else stopPainting()
    },
  }
}

/** The clock's size, pixel scale, font and colour as the page lays it out and styles it now. */
function lookOf(box: HTMLElement): ClockLook {
  const { width, height } = box.getBoundingClientRect()
  const style = getComputedStyle(box)
  return { width, height, scale: window.devicePixelRatio, font: `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, color: style.color }
}
