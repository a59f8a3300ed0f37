/**
 * What the state layer asks of the page it runs in (focus and window effects), so that it
 * imports nothing from the view. `renderer/view/dom-view.ts` implements it over the DOM; tests
 * pass a fake.
 */
export interface ViewEffects {
  /** Moves keyboard focus to the next (or previous) pane; false when there is none. */
  focusNextPane(delta: 1 | -1): boolean
  /** Asks the page to confirm leaving while `pending()` says there is unsaved work; returns the undo. */
  guardUnload(pending: () => boolean): () => void
  /** Runs `run` as the page goes away (closed, reloaded, navigated); returns the undo. */
  onLeave(run: () => void): () => void
  /** Runs `run` when the page is idle (serializing drafts never lands between a keystroke and its paint). */
  whenIdle(run: () => void): void
}

/** View effects that do nothing (tests, and any host without a page). */
export const noViewEffects: ViewEffects = {
  focusNextPane: () => false,
  guardUnload: () => () => {},
  onLeave: () => () => {},
  whenIdle: (run) => run(),
}
