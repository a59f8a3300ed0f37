import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page, type Route } from '@playwright/test'
import { startServer, type RunningServer } from '../../electron/server/serve'
import { YOUTUBE_ANSWER_MS } from '../../renderer/player/youtube-player'
import { spokenAudio } from '../helpers/spoken-audio'
import { rendererDir } from './helpers/workspace'

// The player in browser mode in real Chromium, on a real recording (spoken by espeak-ng, served
// from /media/ by the server as `serve EPISODE --media FILE` does): play from a row, follow,
// set a row's time from the playhead, and the player's keys inside a cell editor.

const episode = `---
title: "Player test"
transcript:
- header: Opening
- line: Welcome to the show.
  sec: 0
  time: 0:00
  who: Alexey
- line: Today we talk about data.
  sec: 4
  time: 0:04
  who: Alexey
- line: Thanks for having me.
  sec: 8
  time: 0:08
  who: Guest
- line: An untimed line.
  who: Guest
- line: Let us start.
  sec: 12
  time: 0:12
  who: Alexey
- line: Sure thing.
  sec: 16
  time: 0:16
  who: Guest
- line: Last words.
  sec: 20
  time: 0:20
  who: Alexey
---
Body text.
`

/** Row index (headers included) → its sec, as in `episode`. */
const secs = new Map([
  [1, 0],
  [2, 4],
  [3, 8],
  [5, 12],
  [6, 16],
  [7, 20],
])

const speech =
  'Welcome to the show. Today we talk about data and about the people who work with it. ' +
  'Thanks for having me, it is a pleasure to be here and to talk about projects, teams and tools. ' +
  'Let us start with the first question: how did you get into data? Sure thing. I studied physics, ' +
  'then I wrote software for a bank, and then I moved to machine learning. Last words: keep learning, ' +
  'keep asking questions, and join the community. Thank you for listening, and see you next week.'

let root: string
let server: RunningServer
let file: string
let recording: string

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'transcript-editor-e2e-player-'))
  file = join(root, 'player-test.md')
  await writeFile(file, episode)
  recording = await spokenAudio(join(root, 'recordings'), 'player-test.wav', speech)
  server = await startServer({ dataDir: join(root, 'data'), rendererDir, openPath: file, media: recording })
})

test.afterEach(async () => {
  await server.close()
  await rm(root, { recursive: true, force: true })
})

const row = (page: Page, index: number) => page.locator(`.grid [role="row"][aria-rowindex="${index + 2}"]`)

/** Opens the page and waits until the remembered recording is loaded and long enough. */
async function openWithRecording(page: Page): Promise<void> {
  await page.goto(server.url)
  await expect(row(page, 1)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  await expect.poll(() => page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(24)
}

const audioState = (page: Page) =>
  page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => ({ time: a.currentTime, paused: a.paused, rate: a.playbackRate }))

test('the clock is a picture drawn by a worker, named by the playhead; where the worker cannot load, the playhead is text in the page', async ({ page }) => {
  await openWithRecording(page)
  const clock = page.locator('.player-now')
  await expect(clock).toHaveAttribute('aria-label', '0:00')
  await expect(clock).toHaveAttribute('role', 'img')
  await expect(clock.locator('canvas')).toHaveCount(1)
  const atStart = await clock.screenshot()
  await row(page, 5).locator('[data-col="time"]').click({ modifiers: ['Alt'] })
  await expect(clock).toHaveAttribute('aria-label', /^0:1[1-3]$/)
  await page.keyboard.press('Alt+k')
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  // What the worker drew changed with the playhead.
  await expect.poll(async () => (await clock.screenshot()).equals(atStart)).toBe(false)

  await page.route('**/playhead-clock-worker*', (route) => route.abort())
  await openWithRecording(page)
  // Back where it was paused, as text.
  await expect(clock).toHaveText(/^0:1[1-3]$/)
  await expect(clock.locator('canvas')).toHaveCount(0)
  await expect(clock).not.toHaveAttribute('role', 'img')
  await row(page, 7).locator('[data-col="time"]').click({ modifiers: ['Alt'] })
  await expect(clock).toHaveText(/^0:(19|2[0-2])$/)
})

test('play from a row starts its sec minus the 1 s pre-roll, by key and by Alt+click on its time', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  await openWithRecording(page)
  // Under 1280 px the buttons show icons only: Play from row must not look like Play.
  const play = page.getByRole('button', { name: 'Play', exact: true })
  const playRow = page.getByRole('button', { name: 'Play from row' })
  await expect(playRow.locator('.player-tool-text')).toBeHidden()
  expect(await playRow.locator('.tool-icon').innerText()).not.toBe(await play.locator('.tool-icon').innerText())
  await expect(playRow).toHaveAttribute('title', /^Play from row \(/)
  // Records where the next seek lands, read before playing moves the playhead on.
  const seekedAt = async () => {
    await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
      const w = window as unknown as { seekedAt: number | null }
      w.seekedAt = null
      a.addEventListener('seeked', () => (w.seekedAt = a.currentTime), { once: true })
    })
    return async () => {
      await expect.poll(() => page.evaluate(() => (window as unknown as { seekedAt: number | null }).seekedAt)).not.toBeNull()
      return page.evaluate(() => (window as unknown as { seekedAt: number }).seekedAt)
    }
  }

  await row(page, 5).locator('[data-col="text"]').click()
  const first = await seekedAt()
  await page.keyboard.press('Alt+p')
  expect(Math.abs((await first()) - 11)).toBeLessThan(0.3)
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(11.2)
  expect((await audioState(page)).paused).toBe(false)

  // The untimed line plays from the timed line before it (8 s).
  const second = await seekedAt()
  await row(page, 4).locator('[data-col="time"]').click({ modifiers: ['Alt'] })
  expect(Math.abs((await second()) - 7)).toBeLessThan(0.3)
  await expect(row(page, 4)).toHaveClass(/cursor-row/)
})

test('follow mode highlights the row being spoken as time passes, never an untimed line', async ({ page }) => {
  await openWithRecording(page)
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    a.currentTime = 2.5
  })
  await page.keyboard.press('Alt+k')
  const seen = new Set<number>()
  const deadline = Date.now() + 8000
  while (Date.now() < deadline) {
    const sample = await page.evaluate(() => {
      const a = document.querySelector<HTMLAudioElement>('.player-panel audio')!
      const spoken = [...document.querySelectorAll('.row.spoken')].map((r) => Number(r.getAttribute('aria-rowindex')) - 2)
      return { time: a.currentTime, spoken }
    })
    expect(sample.spoken.length, `one spoken row at ${sample.time}`).toBeLessThanOrEqual(1)
    const index = sample.spoken[0]
    if (index !== undefined) {
      seen.add(index)
      const sec = secs.get(index)
      expect(sec, `row ${index} is timed`).toBeDefined()
      // The state follows the element's timeupdate events (about 4 a second): allow that lag.
      const expectedNow = [...secs].filter(([, s]) => s <= sample.time).at(-1)![0]
      const expectedBefore = [...secs].filter(([, s]) => s <= Math.max(0, sample.time - 0.6)).at(-1)![0]
      expect([expectedBefore, expectedNow], `at ${sample.time.toFixed(2)} s`).toContain(index)
    }
    await page.waitForTimeout(150)
  }
  expect([...seen]).toEqual(expect.arrayContaining([1, 2, 3]))
  expect(seen.has(4)).toBe(false)

  // The grid sets the highlight on the row element; it stays when React writes the row's class again (selected, then not).
  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).paused).toBe(true)
  await expect(page.locator('.row.spoken')).toHaveCount(1)
  const spokenRow = row(page, Number(await page.locator('.row.spoken').getAttribute('aria-rowindex')) - 2)
  await spokenRow.locator('[data-col="text"]').click()
  await expect(spokenRow).toHaveClass(/\bselected\b/)
  await expect(spokenRow).toHaveClass(/\bspoken\b/)
  await row(page, 0).locator('[data-col="text"]').click()
  await expect(spokenRow).not.toHaveClass(/\bselected\b/)
  await expect(spokenRow).toHaveClass(/\bspoken\b/)
  await expect(page.locator('.row.spoken')).toHaveCount(1)

  // Follow can be switched off; its button says so.
  await page.keyboard.press('Alt+Shift+f')
  await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false')
})

test('lines that share a time are highlighted in turn: playing from the first of them highlights it, then the next', async ({ page }) => {
  // "Let us start." and "Sure thing." both at 0:12, as the site's whole seconds often give two paragraphs.
  await writeFile(file, episode.replace('  sec: 16\n  time: 0:16', '  sec: 12\n  time: 0:12'))
  await openWithRecording(page)
  await row(page, 5).locator('[data-col="text"]').click()
  // The page records each row the highlight moves to (a poll from the test could miss a short one on a busy machine).
  await page.evaluate(() => {
    const w = window as unknown as { seen: number[] }
    w.seen = []
    const note = () => {
      const spoken = document.querySelector('.row.spoken')
      const index = spoken ? Number(spoken.getAttribute('aria-rowindex')) - 2 : undefined
      if (index !== undefined && index !== w.seen.at(-1)) w.seen.push(index)
    }
    new MutationObserver(note).observe(document.querySelector('.grid')!, { subtree: true, attributes: true, attributeFilter: ['class'] })
  })
  await page.keyboard.press('Alt+p')
  const seen = () => page.evaluate(() => (window as unknown as { seen: number[] }).seen)
  await expect.poll(async () => (await seen()).at(-1), { timeout: 9000 }).toBe(6)
  await page.keyboard.press('Alt+k')
  // From the pre-roll's row (0:08) to the row played, then the one after it: none is skipped.
  expect(await seen()).toEqual([3, 5, 6])
})

test("set time from the playhead writes sec and time, is undoable, and the save changes that entry's lines only", async ({ page }) => {
  await openWithRecording(page)
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    a.currentTime = 18.7
  })
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(18.6)
  await row(page, 6).locator('[data-col="text"]').dblclick()
  const editor = page.locator('.grid .cm-content')
  await expect(editor).toBeFocused()

  await page.keyboard.press('Alt+t')
  await expect(row(page, 6).locator('[data-col="time"]')).toHaveText('0:18')
  await expect(editor).toHaveText('Sure thing.')
  await page.keyboard.press('Alt+]')
  await expect(row(page, 6).locator('[data-col="time"]')).toHaveText('0:19')
  await page.keyboard.press('Alt+[')
  await page.keyboard.press('Alt+[')
  await expect(row(page, 6).locator('[data-col="time"]')).toHaveText('0:17')
  // Each is one step of the history.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+z')
  await expect(row(page, 6).locator('[data-col="time"]')).toHaveText('0:18')
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Control+z')
  await expect(row(page, 6).locator('[data-col="time"]')).toHaveText('0:18')
  await page.keyboard.press('Control+z')
  await expect(row(page, 6).locator('[data-col="time"]')).toHaveText('0:16')
  await page.keyboard.press('Control+Shift+z')

  await page.keyboard.press('Control+s')
  await expect.poll(() => readFile(file, 'utf8')).not.toBe(episode)
  const saved = (await readFile(file, 'utf8')).split('\n')
  const before = episode.split('\n')
  expect(saved.length).toBe(before.length)
  const changed = before.flatMap((line, i) => (saved[i] === line ? [] : [`${line} -> ${saved[i]}`]))
  expect(changed).toEqual(['  sec: 16 ->   sec: 18', "  time: 0:16 ->   time: '0:18'"])
})

test('the player keys work inside a text cell editor and type nothing', async ({ page }) => {
  await openWithRecording(page)
  await row(page, 2).locator('[data-col="text"]').dblclick()
  const editor = page.locator('.grid .cm-content')
  await expect(editor).toBeFocused()
  const text = 'Today we talk about data.'

  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).paused).toBe(false)
  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).paused).toBe(true)
  const at = (await audioState(page)).time
  await page.keyboard.press('Alt+l')
  await expect.poll(async () => (await audioState(page)).time).toBeCloseTo(at + 5, 1)
  await page.keyboard.press('Alt+j')
  await expect.poll(async () => (await audioState(page)).time).toBeCloseTo(at, 1)
  await page.keyboard.press('Alt+.')
  await expect.poll(async () => (await audioState(page)).rate).toBe(1.25)
  await page.keyboard.press('Alt+,')
  await page.keyboard.press('Alt+,')
  await expect.poll(async () => (await audioState(page)).rate).toBe(0.75)
  await expect(page.locator('.player-rate')).toHaveText('0.75×')
  await page.keyboard.press('Alt+p')
  await expect.poll(async () => (await audioState(page)).paused).toBe(false)
  await page.keyboard.press('Alt+o')
  await expect(page.getByRole('button', { name: 'Loop line' })).toHaveAttribute('aria-pressed', 'true')

  await expect(editor).toBeFocused()
  await expect(editor).toHaveText(text)
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled()
})

test('follow keeps the spoken row in view as it moves down a long transcript, and never scrolls away from a cell being edited', async ({ page }) => {
  // One line a second, each long enough to wrap, so the spoken row leaves the window within seconds.
  const lines = Array.from({ length: 40 }, (_, i) =>
    [`- line: Line ${i} ${'of a long conversation about data projects and the people in them '.repeat(3).trim()}`, `  sec: ${i}`, `  time: 0:${String(i).padStart(2, '0')}`, '  who: Alexey'].join('\n'),
  )
  await writeFile(file, `---\ntitle: "Long"\ntranscript:\n${lines.join('\n')}\n---\n`)
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.goto(server.url)
  await expect(row(page, 0)).toBeVisible()
  await expect.poll(() => page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(24)
  const body = page.locator('.grid-body')
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    a.currentTime = 10
    a.playbackRate = 2
  })
  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).time, { timeout: 10_000 }).toBeGreaterThan(16)
  const spoken = page.locator('.row.spoken')
  await expect(spoken).toHaveCount(1)
  await expect(spoken).toBeInViewport()
  expect(await body.evaluate((b) => b.scrollTop)).toBeGreaterThan(0)

  // Editing a cell: the spoken row moves on, the view stays with the editor.
  const index = Number(await spoken.getAttribute('aria-rowindex')) - 2
  await row(page, index).locator('[data-col="text"]').dblclick()
  await expect(page.locator('.grid .cm-content')).toBeFocused()
  const top = await body.evaluate((b) => b.scrollTop)
  await expect.poll(async () => (await audioState(page)).time, { timeout: 10_000 }).toBeGreaterThan(22)
  // The spoken row has moved on, out of the rendered window (the grid renders only rows near the view).
  const spokenNow = () => page.evaluate(() => document.querySelector('.row.spoken')?.getAttribute('aria-rowindex') ?? 'not rendered')
  await expect.poll(spokenNow).not.toBe(String(index + 2))
  expect(await body.evaluate((b) => b.scrollTop)).toBe(top)
  await expect(page.locator('.grid .cm-content')).toBeInViewport()
})

test('patient playback pauses while a line is typed and goes on 1 s before where it paused', async ({ page }) => {
  await openWithRecording(page)
  await row(page, 5).locator('[data-col="text"]').dblclick()
  const editor = page.locator('.grid .cm-content')
  await expect(editor).toBeFocused()
  await page.keyboard.press('Alt+Shift+k')
  await expect(page.getByRole('button', { name: 'Patient' })).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Alt+p')
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(12.5)
  // The pause and the resume are recorded in the page: the pause lasts only until typing stops,
  // which a poll from the test could miss on a busy machine.
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    const w = window as unknown as { pausedAt: number | null; resumedFrom: number | null }
    w.pausedAt = null
    w.resumedFrom = null
    a.addEventListener('pause', () => (w.pausedAt = a.currentTime), { once: true })
    a.addEventListener('seeked', () => (w.resumedFrom = a.currentTime), { once: true })
  })

  await page.keyboard.type(' Now')
  await expect.poll(() => page.evaluate(() => (window as unknown as { pausedAt: number | null }).pausedAt)).not.toBeNull()
  const pausedAt = (await page.evaluate(() => (window as unknown as { pausedAt: number }).pausedAt))
  await expect(editor).toHaveText('Let us start. Now')
  await expect.poll(async () => (await audioState(page)).paused, { timeout: 5000 }).toBe(false)
  const resumedFrom = await page.evaluate(() => (window as unknown as { resumedFrom: number | null }).resumedFrom)
  expect(resumedFrom).not.toBeNull()
  expect(Math.abs(resumedFrom! - (pausedAt - 1))).toBeLessThan(0.3)
})

test('loop repeats the current line, from its time to the next timed line', async ({ page }) => {
  await openWithRecording(page)
  await row(page, 2).locator('[data-col="text"]').click()
  await page.keyboard.press('Alt+o')
  await expect(page.getByRole('button', { name: 'Loop line' })).toHaveAttribute('aria-pressed', 'true')
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    a.playbackRate = 2
  })
  const times: number[] = []
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    times.push((await audioState(page)).time)
    await page.waitForTimeout(100)
  }
  // Line 2 runs from 4 s to 8 s; at 2× it goes round about twice in 5 s (a check every timeupdate, so a little over 8).
  expect(Math.min(...times)).toBeGreaterThanOrEqual(3.9)
  expect(Math.max(...times)).toBeLessThan(8.8)
  expect(times.some((t, i) => i > 0 && t < times[i - 1]! - 1), 'went back to the start of the line').toBe(true)

  await page.keyboard.press('Alt+o')
  await expect(page.getByRole('button', { name: 'Loop line' })).toHaveAttribute('aria-pressed', 'false')
  await expect.poll(async () => (await audioState(page)).time, { timeout: 8000 }).toBeGreaterThan(9)
})

/** Opens a second episode, without a recording, beside the first (listed as the first is). */
async function addOtherEpisode(): Promise<void> {
  const other = join(root, 'other-episode.md')
  await writeFile(other, episode.replace('title: "Player test"', 'title: "Other episode"'))
  await server.services.openPath(other)
}

/** Seeks the recording to 7 s, plays past 9.2 s and pauses: where it stopped (seconds). */
async function playFromSevenThenPause(page: Page): Promise<number> {
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    a.currentTime = 7
  })
  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).time, { timeout: 10_000 }).toBeGreaterThan(9.2)
  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).paused).toBe(true)
  return (await audioState(page)).time
}

test('the playhead and follow come back when the episode is active again after another one', async ({ page }) => {
  await addOtherEpisode()
  await openWithRecording(page)
  await page.keyboard.press('Alt+Shift+f')
  await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false')
  const left = await playFromSevenThenPause(page)
  await expect(row(page, 3)).toHaveClass(/spoken/)

  await page.locator('.file-item[title="other-episode.md"]').click()
  await expect(page.locator('.episode-summary')).toContainText('Other episode')
  await expect(page.locator('.player-panel')).toContainText('No recording for this episode.')
  await expect(page.locator('.player-panel audio')).toHaveCount(0)
  // Follow on in this one; it stays off in the first.
  await page.keyboard.press('Alt+Shift+f')

  await page.locator('.file-item[title="player-test.md"]').click()
  await expect(page.locator('.episode-summary')).toContainText('Player test')
  await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false')
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(left - 0.3)
  const back = await audioState(page)
  expect(Math.abs(back.time - left), `left at ${left}, back at ${back.time}`).toBeLessThan(0.3)
  expect(back.paused).toBe(true)
  await expect(row(page, 3)).toHaveClass(/spoken/)
  // The clock shows the place it was left (the state keeps 0.1 s steps, so it may round up a second).
  const shown = [...new Set([Math.floor(left), Math.floor(left + 0.1)])].map((s) => `0:${String(s).padStart(2, '0')}`)
  await expect(page.locator('.player-now')).toHaveAttribute('aria-label', new RegExp(`^(${shown.join('|')})$`))
})

test('the playhead, follow and speed come back in a new run: the page reloaded over the same host data folder, then a new server on it', async ({ page }) => {
  await openWithRecording(page)
  await page.keyboard.press('Alt+Shift+f')
  await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('Alt+.')
  await expect.poll(async () => (await audioState(page)).rate).toBe(1.25)
  const left = await playFromSevenThenPause(page)
  // A pause is kept at once (not on every time update): the host has it in its data folder.
  const kept = async () => JSON.parse(await readFile(join(root, 'data', 'player-places.json'), 'utf8').catch(() => '{"episodes":{}}')) as { episodes: Record<string, { time: number; follow: boolean; rate: number; source: string }> }
  await expect.poll(async () => Object.values((await kept()).episodes)[0]?.time ?? -1).toBeGreaterThan(left - 0.3)
  expect(Object.values((await kept()).episodes)[0]).toMatchObject({ follow: false, rate: 1.25, source: 'recording' })

  const comesBack = async () => {
    await expect(row(page, 1)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false')
    await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(left - 0.3)
    const back = await audioState(page)
    expect(Math.abs(back.time - left), `left at ${left}, back at ${back.time}`).toBeLessThan(0.3)
    expect(back.paused).toBe(true)
    expect(back.rate).toBe(1.25)
    await expect(row(page, 3)).toHaveClass(/spoken/)
  }
  // A new run of the page: nothing of the last one is left in it but what the host kept.
  await page.reload()
  await comesBack()
  // A new run of the host too (new handles, new media tokens) over the same data folder.
  await server.close()
  server = await startServer({ dataDir: join(root, 'data'), rendererDir, openPath: file, media: recording })
  await page.goto(server.url)
  await comesBack()
})

test('leaving the page while it plays keeps where it was: the place is sent as the page goes, not only every few seconds', async ({ page }) => {
  await openWithRecording(page)
  await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
    a.currentTime = 6
  })
  await page.keyboard.press('Alt+k')
  await expect.poll(async () => (await audioState(page)).time, { timeout: 10_000 }).toBeGreaterThan(8)
  // Well inside the few seconds between the writes made while playing: only leaving can keep it.
  const left = (await audioState(page)).time
  await page.reload()
  await expect(row(page, 1)).toBeVisible()
  await expect.poll(async () => (await audioState(page)).time).toBeGreaterThan(left - 0.5)
  expect((await audioState(page)).paused).toBe(true)
})

test('Forget recording: the panel says so, and the episode opens without one next time', async ({ page }) => {
  await addOtherEpisode()
  await openWithRecording(page)
  await page.getByRole('button', { name: 'Forget recording' }).click()
  await expect(page.locator('.player-panel [role="status"]')).toHaveText('Forgot player-test.wav: this episode opens without a recording now.')
  await expect(page.locator('.player-panel audio')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Forget recording' })).toHaveCount(0)

  await page.locator('.file-item[title="other-episode.md"]').click()
  await expect(page.locator('.episode-summary')).toContainText('Other episode')
  await page.locator('.file-item[title="player-test.md"]').click()
  await expect(page.locator('.episode-summary')).toContainText('Player test')
  await expect(page.locator('.player-panel')).toContainText('No recording for this episode.')

  await page.reload()
  await expect(row(page, 1)).toBeVisible()
  await expect(page.locator('.player-panel')).toContainText('No recording for this episode.')
  await expect(page.locator('.player-panel audio')).toHaveCount(0)
})

/** A stand-in for YouTube's embedded player: the IFrame API's postMessage protocol over a clock. */
const youtubeStandIn = `<!doctype html><html><body><p>stand-in player</p><script>
  let time = 0, state = -1, rate = 1, parentOrigin = null, last = performance.now()
  window.commands = []
  const tick = () => {
    const now = performance.now()
    if (state === 1) time += ((now - last) / 1000) * rate
    last = now
    if (parentOrigin) parent.postMessage(JSON.stringify({ event: 'infoDelivery', info: { currentTime: time, playerState: state, duration: 60, playbackRate: rate } }), parentOrigin)
  }
  setInterval(tick, 100)
  addEventListener('message', (e) => {
    const data = JSON.parse(e.data)
    if (data.event === 'listening') { parentOrigin = e.origin; tick(); return }
    if (data.event !== 'command') return
    window.commands.push([data.func, ...data.args])
    tick()
    if (data.func === 'playVideo') state = 1
    if (data.func === 'pauseVideo') state = 2
    if (data.func === 'seekTo') time = data.args[0]
    if (data.func === 'setPlaybackRate') rate = data.args[0]
    tick()
  })
</script></body></html>`

/** Plays the episode's YouTube video (the stand-in) from row `index` and pauses it there. */
async function playRowOnYouTubeThenPause(page: Page, index: number): Promise<void> {
  await page.route('https://www.youtube-nocookie.com/embed/**', (route) => route.fulfill({ contentType: 'text/html', body: youtubeStandIn }))
  await page.goto(server.url)
  await expect(row(page, 1)).toBeVisible()
  await page.getByRole('button', { name: 'YouTube' }).click()
  await expect(page.locator('.player-clock')).toContainText('/ 1:00')
  await row(page, index).locator('[data-col="text"]').click()
  await page.keyboard.press('Alt+p')
  await expect(row(page, index)).toHaveClass(/spoken/, { timeout: 5000 })
  await page.keyboard.press('Alt+k')
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
}

test("the episode's YouTube video plays in the panel through the IFrame API's messages (a stand-in frame)", async ({ page }) => {
  await writeFile(file, episode.replace('title: "Player test"\n', 'title: "Player test"\nids:\n  youtube: abcDEF12345\n'))
  const embeds: string[] = []
  await page.route('https://www.youtube-nocookie.com/embed/**', (route) => {
    embeds.push(route.request().url())
    return route.fulfill({ contentType: 'text/html', body: youtubeStandIn })
  })
  await page.goto(server.url)
  await expect(row(page, 1)).toBeVisible()
  await page.getByRole('button', { name: 'YouTube' }).click()
  const frame = page.frameLocator('iframe[title^="YouTube"]')
  await expect(frame.getByText('stand-in player')).toBeVisible()
  expect(embeds[0]).toMatch(/^https:\/\/www\.youtube-nocookie\.com\/embed\/abcDEF12345\?enablejsapi=1/)
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  await expect(page.locator('.player-clock')).toContainText('/ 1:00')

  await row(page, 5).locator('[data-col="text"]').click()
  await page.keyboard.press('Alt+p')
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible()
  await expect(row(page, 3)).toHaveClass(/spoken/)
  await expect(row(page, 5)).toHaveClass(/spoken/, { timeout: 5000 })
  await page.keyboard.press('Alt+k')
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  const commands = await page.frames().find((f) => f.url().includes('youtube-nocookie'))!.evaluate(() => (window as unknown as { commands: unknown[][] }).commands)
  expect(commands).toEqual([['seekTo', 11, true], ['playVideo'], ['pauseVideo']])
})

test('the YouTube video comes back with its episode, at the time it was left', async ({ page }) => {
  await writeFile(file, episode.replace('title: "Player test"\n', 'title: "Player test"\nids:\n  youtube: abcDEF12345\n'))
  await addOtherEpisode()
  await playRowOnYouTubeThenPause(page, 5)

  await page.locator('.file-item[title="other-episode.md"]').click()
  await expect(page.locator('.episode-summary')).toContainText('Other episode')
  await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(0)
  await page.locator('.file-item[title="player-test.md"]').click()
  await expect(page.locator('.episode-summary')).toContainText('Player test')
  await expect(page.frameLocator('iframe[title^="YouTube"]').getByText('stand-in player')).toBeVisible()
  await expect(row(page, 5)).toHaveClass(/spoken/)
  const frame = () => page.frames().find((f) => f.url().includes('youtube-nocookie'))!
  await expect.poll(async () => (await frame().evaluate(() => (window as unknown as { commands: unknown[][] }).commands))[0]).toEqual(['seekTo', expect.any(Number), true])
  const [, at] = (await frame().evaluate(() => (window as unknown as { commands: unknown[][] }).commands))[0] as [string, number]
  expect(at).toBeGreaterThanOrEqual(11)
  expect(at).toBeLessThan(16)
  await expect(page.locator('.player-now')).toHaveAttribute('aria-label', /^0:1[1-5]$/)
})

test('the YouTube video comes back in a new run at the time it was left, and plays on from there', async ({ page }) => {
  await writeFile(file, episode.replace('title: "Player test"\n', 'title: "Player test"\nids:\n  youtube: abcDEF12345\n'))
  await playRowOnYouTubeThenPause(page, 5)
  const left = await page.locator('.player-now').getAttribute('aria-label')

  await page.reload()
  await expect(row(page, 1)).toBeVisible()
  await expect(page.frameLocator('iframe[title^="YouTube"]').getByText('stand-in player')).toBeVisible()
  await expect(page.locator('.player-clock')).toContainText('/ 1:00')
  await expect(page.locator('.player-now')).toHaveAttribute('aria-label', left!)
  await expect(row(page, 5)).toHaveClass(/spoken/)
  await page.keyboard.press('Alt+k')
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible()
})

const withVideo = () => episode.replace('title: "Player test"\n', 'title: "Player test"\nids:\n  youtube: abcDEF12345\n')
const youtubeFrames = 'https://www.youtube-nocookie.com/embed/**'
/** Where the host's kept place says the episode plays from next time: 'youtube', 'recording', or null. */
const keptSource = async () =>
  Object.values((JSON.parse(await readFile(join(root, 'data', 'player-places.json'), 'utf8').catch(() => '{"episodes":{}}')) as { episodes: Record<string, { source: string }> }).episodes)[0]?.source ?? null
const unreachable = "YouTube unreachable or won't embed: use a recording."

// Offline the frame shows the browser's error page; a frame that is not YouTube's player says nothing either.
for (const [what, answer] of [
  ['offline (the frame cannot load)', (route: Route) => route.abort('internetdisconnected')],
  ['the frame loads but never answers', (route: Route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><p>not a player</p>' })],
] as const) {
  test(`YouTube ${what}: the player says so in one line, the player keys say so instead of seeking, and the recording can be chosen again where it stood`, async ({ page }) => {
    await writeFile(file, withVideo())
    await page.route(youtubeFrames, answer)
    // The page's timers run on a clock the test can move on, so the player's real wait for an answer
    // (YOUTUBE_ANSWER_MS) passes without waiting it out.
    await page.clock.install()
    // The smallest window the app is made for: the message and its buttons still share one line.
    await page.setViewportSize({ width: 1024, height: 768 })
    await openWithRecording(page)
    await page.locator('.player-panel audio').evaluate((a: HTMLAudioElement) => {
      a.currentTime = 22
    })
    await expect(page.locator('.player-now')).toHaveAttribute('aria-label', '0:22')
    await page.getByRole('button', { name: 'YouTube' }).click()
    await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(1)
    await row(page, 5).locator('[data-col="text"]').click()
    // While the frame has not answered, the keys do not pretend.
    await page.keyboard.press('Alt+p')
    await expect(page.getByTestId('notice')).toContainText('YouTube has not answered')
    await expect(page.locator('.player-now')).toHaveAttribute('aria-label', '0:00')

    await expect(page.locator('.player-panel [role="status"]')).toHaveCount(0)
    await page.clock.fastForward(YOUTUBE_ANSWER_MS)
    await expect(page.locator('.player-panel [role="status"]')).toContainText(unreachable)
    await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(0)
    const shown = await page.locator('.player-panel [role="status"]').evaluate((el) => {
      const text = document.createRange()
      text.selectNodeContents(el)
      return { lines: new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size, whole: el.scrollWidth <= el.clientWidth }
    })
    expect(shown, 'the message whole, on one line').toEqual({ lines: 1, whole: true })
    await page.keyboard.press('Escape')
    await page.keyboard.press('Alt+p')
    await expect(page.getByTestId('notice')).toContainText(unreachable)
    await expect(page.getByRole('button', { name: 'Forget recording' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'YouTube' })).toBeVisible()

    await page.getByRole('button', { name: 'Recording player-test.wav' }).click()
    await expect(page.locator('.player-panel audio')).toHaveCount(1)
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
    await expect(page.locator('.player-panel [role="status"]')).toHaveCount(0)
    await expect(page.locator('.player-now'), 'the recording comes back where it stood').toHaveAttribute('aria-label', '0:22')
    await expect.poll(() => audioState(page).then((a) => Math.floor(a.time))).toBe(22)
    await expect.poll(keptSource).toBe('recording')
  })
}

test('after playing the YouTube video, the remembered recording is still offered; choosing it, or a file, is what comes back next time', async ({ page }) => {
  await writeFile(file, withVideo())
  const kept = keptSource
  await playRowOnYouTubeThenPause(page, 5)
  await expect.poll(kept).toBe('youtube')
  await expect(page.getByRole('button', { name: 'Forget recording' })).toBeVisible()
  await page.reload()
  await expect(page.frameLocator('iframe[title^="YouTube"]').getByText('stand-in player')).toBeVisible()

  await page.getByRole('button', { name: 'Recording player-test.wav' }).click()
  await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  await expect.poll(kept).toBe('recording')
  await page.reload()
  await expect(row(page, 1)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  await expect(page.locator('.player-panel audio')).toHaveCount(1)
  await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(0)

  // YouTube again, then the same recording chosen with Other file…: that is what comes back.
  await page.getByRole('button', { name: 'YouTube' }).click()
  await expect(page.locator('.player-clock')).toContainText('/ 1:00')
  await expect.poll(kept).toBe('youtube')
  await page.getByLabel('Recording file').setInputFiles(recording)
  await expect(page.locator('.player-panel audio')).toHaveCount(1)
  await expect.poll(kept).toBe('recording')
  await page.reload()
  await expect(row(page, 1)).toBeVisible()
  await expect(page.locator('.player-panel audio')).toHaveCount(1)
  await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(0)
})

test("a YouTube video that can't be embedded: the player's error is said in the panel's line", async ({ page }) => {
  await writeFile(file, withVideo())
  // The IFrame API's answer for a video whose owner does not allow embedding.
  const refusing = `<!doctype html><script>addEventListener('message', (e) => JSON.parse(e.data).event === 'listening' && parent.postMessage(JSON.stringify({ event: 'onError', info: 150 }), e.origin))</script>`
  await page.route(youtubeFrames, (route) => route.fulfill({ contentType: 'text/html', body: refusing }))
  await openWithRecording(page)
  await page.getByRole('button', { name: 'YouTube' }).click()
  await expect(page.locator('.player-panel [role="status"]')).toHaveText("This YouTube video can't be embedded (its owner does not allow it). Choose a recording instead.", { timeout: 5000 })
  await page.getByRole('button', { name: 'Recording player-test.wav' }).click()
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  // What comes back is the recording, not the video (whether a place was kept for it or not: the
  // recording is the episode's default, and a keep only follows a change from a place seen ready).
  await page.reload()
  await expect(row(page, 1)).toBeVisible()
  await expect(page.locator('.player-panel audio')).toHaveCount(1)
  await expect(page.locator('iframe[title^="YouTube"]')).toHaveCount(0)
})
