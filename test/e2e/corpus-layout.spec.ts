import { readdirSync } from 'node:fs'
import { episodesDir } from '../helpers/corpus'
import { expect, test } from './helpers/fixtures'

/** Every episode there is: the whole corpus where it is present (CI has it), else the fixtures. */
const ALL_EPISODES = readdirSync(episodesDir)
  .filter((name) => name.endsWith('.md'))
  .sort()

test.use({ episodes: ALL_EPISODES, viewport: { width: 1024, height: 768 } })

/**
 * Layout faults of the page as it stands, in words: the transcript's first rows not in the first
 * viewport, an element wider than (or sticking out of) the box that clips or scrolls it, a speaker
 * chip overlapping the next. `scope` selects the elements to check besides the episode's; `table`
 * says whether an episode's table is expected.
 */
function layoutFaults({ scope, table }: { scope: string; table: boolean }): string[] {
  const faults: string[] = []
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`
  const vw = window.innerWidth
  const vh = window.innerHeight
  if (document.documentElement.scrollWidth > vw || document.documentElement.scrollHeight > vh) faults.push('the page itself scrolls')

  // The table is in the first viewport: it starts in the upper half, its first row shows (at least
  // its first lines), and the first rows lie within the window's width.
  const body = document.querySelector('.grid-body')
  const rows = [...document.querySelectorAll('.grid-body [role="row"]')].slice(0, 3)
  if (!table) {
    // A file that is not an episode shows its error instead.
  } else if (!body) faults.push('no transcript table')
  else if (rows.length === 0 && !document.querySelector('.grid-empty')) faults.push('the table shows no rows')
  else {
    const area = body.getBoundingClientRect()
    if (area.top > vh * 0.5) faults.push(`the table starts ${Math.round(area.top)} px down a ${vh} px window`)
    const first = rows[0]?.getBoundingClientRect()
    if (first && (first.top < area.top - 1 || first.top + Math.min(first.height, 60) > Math.min(vh, area.bottom) + 1)) {
      faults.push(`the first row is not in the first viewport (top ${Math.round(first.top)}, table ${Math.round(area.top)}–${Math.round(area.bottom)})`)
    }
    for (const [k, row] of rows.entries()) {
      const r = row.getBoundingClientRect()
      if (r.left < area.left - 1 || r.right > Math.min(vw, area.right) + 1) faults.push(`row ${k + 1} is wider than the table (${Math.round(r.left)}–${Math.round(r.right)})`)
    }
  }

  // No element is wider than, or sticks out of, the nearest box that clips or scrolls it. The
  // sidebar's list is the same for every episode: only the open episode and the current item are checked.
  const clips = new Map<Element, Element | null>()
  const clipOf = (el: Element): Element | null => {
    const parent = el.parentElement
    if (!parent) return null
    let clip = clips.get(parent)
    if (clip === undefined) {
      clip = getComputedStyle(parent).overflowX === 'visible' ? clipOf(parent) : parent
      clips.set(parent, clip)
    }
    return clip
  }
  for (const el of document.querySelectorAll(`.episode *, ${scope}`)) {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0) continue
    const clip = clipOf(el)
    if (!clip) continue
    const c = clip.getBoundingClientRect()
    if (r.width > clip.clientWidth + 1 || r.left < c.left - 1 || r.right > c.right + 1) {
      faults.push(`${name(el)} (${Math.round(r.left)}–${Math.round(r.right)}) overflows ${name(clip)} (${Math.round(c.left)}–${Math.round(c.right)})`)
    }
  }

  // Speaker chips do not overlap one another, counting text that spills out of a chip.
  const chips = [...document.querySelectorAll('.speaker-chip')].map((el) =>
    [...el.querySelectorAll('*')].reduce((box, child) => {
      const r = child.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) return box
      return new DOMRect(Math.min(box.left, r.left), Math.min(box.top, r.top), Math.max(box.right, r.right) - Math.min(box.left, r.left), Math.max(box.bottom, r.bottom) - Math.min(box.top, r.top))
    }, el.getBoundingClientRect()),
  )
  for (let k = 0; k + 1 < chips.length; k++) {
    const a = chips[k]!
    const b = chips[k + 1]!
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) faults.push(`speaker chip ${k + 1} overlaps chip ${k + 2}`)
  }
  return faults
}

/**
 * Opens an episode from the sidebar in the page and resolves when its rows have painted and
 * settled (`episode`), or when a file the list marks unreadable shows its error (`error`).
 */
function openInPage(file: string): Promise<{ shown: 'episode' | 'error' } | { failed: string }> {
  const button = document.querySelector<HTMLElement>(`.file-item[title="${CSS.escape(file)}"]`)
  if (!button) return Promise.resolve({ failed: 'not in the episode list' })
  const broken = button.classList.contains('broken')
  button.click()
  const started = performance.now()
  return new Promise((done) => {
    let settled = 0
    const poll = () => {
      const ready = broken
        ? document.querySelector('.open-error') !== null
        : document.querySelector('.summary-kicker .file-name')?.textContent === file && document.querySelector('.grid-body [role="row"], .grid-empty') !== null
      // Two frames after the rows appear, the grid has measured their heights.
      if (ready) settled++
      if (settled > 2) done({ shown: broken ? 'error' : 'episode' })
      else if (performance.now() - started > 10_000) done({ failed: document.querySelector('.open-error')?.textContent ?? 'did not open within 10 s' })
      else requestAnimationFrame(poll)
    }
    requestAnimationFrame(poll)
  })
}

test('every episode opens with its table in the first viewport at 1024×768 and nothing overflowing', async ({ editor, page }) => {
  // About 0.1 s an episode on an idle machine; the margin is for a machine shared with other runs.
  test.setTimeout(300_000)
  await editor.goto()
  const faults: string[] = (await page.evaluate(layoutFaults, { scope: '.sidebar *', table: false })).map((f) => `episode list: ${f}`)
  let episodes = 0
  for (const file of ALL_EPISODES) {
    const result = await page.evaluate(openInPage, file)
    if ('failed' in result) faults.push(`${file}: ${result.failed}`)
    else {
      const table = result.shown === 'episode'
      if (table) episodes++
      const scope = `.file-item.active, .file-item.active *${table ? '' : ', .placeholder-pane *'}`
      faults.push(...(await page.evaluate(layoutFaults, { scope, table })).map((f) => `${file}: ${f}`))
    }
  }
  // Only a few files are not episodes (a template with {{ placeholders }}): they show their error instead.
  expect(episodes).toBeGreaterThan(ALL_EPISODES.length * 0.95)
  expect(faults).toEqual([])
})
