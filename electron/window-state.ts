import { mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { writeFileAtomic } from './host/atomic-write'

/** The main window's size and position, remembered between runs. */
export interface WindowState {
  readonly x?: number
  readonly y?: number
  readonly width: number
  readonly height: number
  readonly maximized: boolean
}

/** A rectangle of screen space (a display's work area). */
export interface ScreenArea {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** The smallest window the layout is designed for (the renderer's narrow-window rules assume it). */
export const minWindowSize = { width: 920, height: 560 } as const

/** The size of a first window. */
const defaultWindowState: WindowState = { width: 1200, height: 800, maximized: false }

/** Reads the remembered state; anything missing or damaged gives the default. */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<WindowState>
    const size = (n: unknown, min: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(min, Math.round(n)) : null)
    const width = size(value.width, minWindowSize.width)
    const height = size(value.height, minWindowSize.height)
    if (width === null || height === null) return defaultWindowState
    const x = size(value.x, -1e6)
    const y = size(value.y, -1e6)
    return { width, height, maximized: value.maximized === true, ...(x !== null && y !== null ? { x, y } : {}) }
  } catch {
    return defaultWindowState
  }
}

/** Remembers the state (atomically, so a crash while quitting cannot leave a torn file). */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  await writeFileAtomic(file, Buffer.from(JSON.stringify(state) + '\n', 'utf8'))
}

/** Drops a remembered position that is no longer on any display (a monitor was unplugged). */
export function fitToScreens(state: WindowState, areas: readonly ScreenArea[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state
  const { x, y } = state
  const visible = areas.some((a) => x + 100 > a.x && y >= a.y - 10 && x < a.x + a.width - 100 && y < a.y + a.height - 50)
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized }
}
