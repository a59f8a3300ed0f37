import { parseEpisode, setLine } from '../../shared/episode/index'
import { expectSavedEdit } from './helpers/expect-file'
import { field, findIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'

/** A corpus episode whose first minute has its times written unquoted (`time: 0:01`), as 66 corpus episodes do. */
const UNQUOTED_TIMES = 'ai-in-healthcare-and-digital-therapeutics.md'

test.use({ episodes: [UNQUOTED_TIMES] })

test('editing a line whose time is written unquoted says that the time was quoted too, and why; other edits say nothing of it', async ({ editor }) => {
  const original = await editor.original(UNQUOTED_TIMES)
  const doc = parseEpisode(original)
  const unquoted = findIndex(doc, (i) => /\n {2}time: 0:01\n/.test(doc.entries[i]!.source!.text), 'a line with time: 0:01')
  const quoted = findIndex(doc, (i) => /\n {2}time: '/.test(doc.entries[i]!.source!.text), 'a line with a quoted time')
  const notice = editor.page.getByTestId('notice')
  await editor.open(UNQUOTED_TIMES)

  // Most edits write the rest of their entry as before: no word of a rewrite.
  await editor.select(quoted, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' Indeed.')
  await editor.press('Enter')
  await expect(editor.saveState).toHaveText('Unsaved changes')
  await expect(notice).not.toContainText('Also')

  await editor.select(unquoted, 'text')
  await editor.press('Enter')
  await editor.page.keyboard.type(' Welcome.')
  await editor.press('Enter')
  await expect(notice).toContainText("Also quoted time '0:01' in this entry: unquoted, YAML readers disagree on it")
  await expect(notice).toContainText('Jekyll, which builds the site, reads the number 1')
  await expect(notice).toHaveClass(/warning/)
  // The whole sentence is on screen, not cut off at the end of the status bar.
  const box = await notice.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
  expect(box.scroll).toBeLessThanOrEqual(box.client)

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(UNQUOTED_TIMES), (d) =>
    setLine(setLine(d, quoted, `${field(doc, quoted, 'line')} Indeed.`), unquoted, `${field(doc, unquoted, 'line')} Welcome.`),
  )
  expect(await editor.readDisk(UNQUOTED_TIMES)).toContain("  sec: 1\n  time: '0:01'\n")
})
