import type { Page } from '@playwright/test'

/**
 * Counts, in a page, the grid rows React renders: a stand-in for React DevTools' global hook
 * (`__REACT_DEVTOOLS_GLOBAL_HOOK__`), which React DOM reports every commit to, production
 * builds included. After each commit it walks the fibers React visited and counts the
 * component fibers that did work (`PerformedWork`) and render a `role="row"` element, by entry
 * id. Install it with `addRenderCounter(page)` before the app loads; read it
 * with `page.evaluate(readRowRenders)` and reset it with `page.evaluate(resetRowRenders)`.
 */

/** Installs the counter in every page `page` loads from now on (tsx's `__name` helper defined first). */
export async function addRenderCounter(page: Page): Promise<void> {
  await page.addInitScript({ content: 'window.__name = (f) => f' })
  await page.addInitScript(installRenderCounter)
}

/** Row renders seen since the last reset: the total, and how many each entry id had. */
export interface RowRenders {
  readonly total: number
  /** Of `total`, the rows rendered for the first time (scrolled into the rendered window). */
  readonly mounts: number
  /** Of `byId`, the first renders. */
  readonly mountsById: Readonly<Record<string, number>>
  readonly byId: Readonly<Record<string, number>>
  readonly commits: number
}

interface Fiber {
  tag: number
  flags: number
  child: Fiber | null
  sibling: Fiber | null
  alternate: Fiber | null
  memoizedProps: Record<string, unknown> | null
}

interface CounterWindow {
  __rowRenders: { total: number; mounts: number; byId: Record<string, number>; mountsById: Record<string, number>; commits: number }
  __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown
}

/** In-page (an init script): installs the hook. Self-contained, as `addInitScript` requires. */
export function installRenderCounter(): void {
  const w = window as unknown as CounterWindow
  w.__rowRenders = { total: 0, mounts: 0, byId: {}, mountsById: {}, commits: 0 }
  // React's fiber tags of components that run user code, its host element tag, its PerformedWork flag.
  const COMPONENT_TAGS = new Set([0, 11, 14, 15])
  const HOST_COMPONENT = 5
  const PERFORMED_WORK = 1
  const rowIdOf = (fiber: Fiber): string | null => {
    const host = fiber.child
    const props = host?.tag === HOST_COMPONENT ? host.memoizedProps : null
    return props && props.role === 'row' && props['data-id'] !== undefined ? String(props['data-id']) : null
  }
  const visit = (parent: Fiber) => {
    for (let fiber = parent.child; fiber; fiber = fiber.sibling) {
      const rendered = fiber.alternate === null || (fiber.flags & PERFORMED_WORK) !== 0
      if (rendered && COMPONENT_TAGS.has(fiber.tag)) {
        const id = rowIdOf(fiber)
        if (id !== null) {
          w.__rowRenders.total++
          if (fiber.alternate === null) {
            w.__rowRenders.mounts++
            w.__rowRenders.mountsById[id] = (w.__rowRenders.mountsById[id] ?? 0) + 1
          }
          w.__rowRenders.byId[id] = (w.__rowRenders.byId[id] ?? 0) + 1
        }
      }
      // A subtree React skipped keeps its previous fibers (and their stale flags): do not count it.
      if (fiber.alternate === null || fiber.child !== fiber.alternate.child) visit(fiber)
    }
  }
  w.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject: () => 1,
    onScheduleFiberRoot: () => undefined,
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => {
      w.__rowRenders.commits++
      visit(root.current)
    },
    onPostCommitFiberRoot: () => undefined,
    onCommitFiberUnmount: () => undefined,
    setStrictMode: () => undefined,
    checkDCE: () => undefined,
  }
}

/** In-page: the row renders counted since the last reset. */
export function readRowRenders(): RowRenders {
  const counts = (window as unknown as CounterWindow).__rowRenders
  return { total: counts.total, mounts: counts.mounts, byId: { ...counts.byId }, mountsById: { ...counts.mountsById }, commits: counts.commits }
}

/** In-page: starts counting from zero. */
export function resetRowRenders(): void {
  ;(window as unknown as CounterWindow).__rowRenders = { total: 0, mounts: 0, byId: {}, mountsById: {}, commits: 0 }
}
