import { join } from 'node:path'
import { parseEpisode, renameSpeaker, setSpeaker } from '../../shared/episode/index'
import { mentionsOf, renameSpeakerEverywhere } from '../../shared/workspace/rename-speaker'
import { expectSavedEdit } from './helpers/expect-file'
import { KUBEFLOW, LARGEST, MESSY_SPEAKERS, field, findIndex } from './helpers/episodes'
import { expect, test } from './helpers/fixtures'
import { hasSiteCorpus } from './helpers/workspace'
import { axeScan } from './helpers/axe'

/** The episode with the `Alexeylexey` typo in one `who`. */
const TYPO = 's23e05-inside-ai-engineer-role-tools-skills-and-career-path.md'
/** Two guests (`jessiashdown`, `urigilad`), written `Jessi` and `Uri`. */
const TWO_GUESTS = 'cloud-data-governance.md'
const EPISODES = [LARGEST, KUBEFLOW, MESSY_SPEAKERS, TYPO, TWO_GUESTS]

test.skip(!hasSiteCorpus, 'needs the site checkout of ../shared/corpus')
test.use({ site: true, episodes: EPISODES })

/** The sidebar name of an episode of the checkout (paths are relative to its root). */
const inSite = (file: string) => `_podcast/${file}`

test('a site checkout opened at its root lists its episodes only, not its people', async ({ editor }) => {
  await editor.goto()
  const items = editor.page.locator('.file-item')
  await expect(items).toHaveCount(EPISODES.length)
  for (const file of EPISODES) await expect(editor.episodeButton(inSite(file))).toBeVisible()
})

test('the speaker chips name the guest and the picker writes the file’s spelling for them', async ({ editor }) => {
  const original = await editor.original(LARGEST)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Alexey', 'spoken by Alexey')
  await editor.open(inSite(LARGEST))

  const chips = editor.page.getByRole('list', { name: 'Speakers' })
  await expect(chips.getByRole('button', { name: /Nick Singh/ })).toBeVisible()
  await expect(chips).not.toContainText('nicksingh')

  await editor.select(i, 'who')
  await editor.press('Enter')
  await expect(editor.page.getByRole('option', { name: /Nick Singh/ })).toContainText('writes “Nick”')
  await editor.page.keyboard.type('Singh')
  await expect(editor.page.getByRole('option', { selected: true })).toContainText('Nick Singh')
  await editor.press('Enter')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Nick')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(LARGEST), (d) => setSpeaker(d, i, 'Nick'))
})

test('swap speakers offers the episode’s speakers by name, never a guest id, and writes the file’s spelling', async ({ editor }) => {
  const original = await editor.original(TWO_GUESTS)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Alexey' && field(doc, k + 1, 'who') === 'Uri', 'Alexey, then Uri')
  await editor.open(inSite(TWO_GUESTS))
  await editor.select(i, 'text')
  await editor.press('Shift+ArrowDown')
  await editor.press('Alt+s')
  const dialog = editor.page.getByRole('dialog', { name: 'Swap speakers in the selection' })
  for (const label of ['Speaker', 'with']) {
    const options = await dialog.getByLabel(label, { exact: true }).locator('option').allTextContents()
    expect(options.join('\n')).not.toMatch(/jessiashdown|urigilad/)
    expect(options.some((o) => o.startsWith('Uri Gilad'))).toBe(true)
  }
  await dialog.getByLabel('with', { exact: true }).selectOption({ label: 'Jessi Ashdown (0 selected)' })
  await expect(dialog.getByTestId('swap-preview')).toHaveText('Swap “Alexey” and “Jessi Ashdown” in 1 of the 2 selected lines.')
  await dialog.getByRole('button', { name: /^Swap/ }).click()
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Jessi')
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TWO_GUESTS), (d) => setSpeaker(d, i, 'Jessi'))
})

test('rename a speaker by the guest’s display name: the file’s spelling is written, only those lines change', async ({ editor }) => {
  const original = await editor.original(KUBEFLOW)
  await editor.open(inSite(KUBEFLOW))

  // `Theo:` (Theo written wrong) comes after the guest and the host (Alt+1, Alt+2), with no Alt key of its own.
  await editor.page.getByRole('list', { name: 'Speakers' }).getByRole('button', { name: /^Theo:/ }).click()
  const dialog = editor.page.getByRole('dialog', { name: 'Rename speaker' })
  await dialog.getByLabel('New name').fill('Theofilos Papapanagiotou')
  await expect(dialog.getByTestId('rename-preview')).toHaveText(
    'Rename “Theo:” to “Theo” (as this file writes Theofilos Papapanagiotou) in 71 lines (merging into the existing speaker “Theo”).',
  )
  await dialog.getByRole('button', { name: 'Rename in 71 lines' }).click()
  await expect(dialog).toBeHidden()

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(KUBEFLOW), (d) => renameSpeaker(d, 'Theo:', 'Theo').doc)
})

test('the rename dialog counts the lines that mention the speaker as soon as it opens, before a new name is typed', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(TYPO))
  const mentions = mentionsOf(doc, 'Ruslan').length
  expect(mentions).toBeGreaterThan(1)
  await editor.open(inSite(TYPO))
  await editor.page.getByRole('list', { name: 'Speakers' }).getByRole('button', { name: /Ruslan Shchuchkin/ }).click()
  const dialog = editor.page.getByRole('dialog', { name: 'Rename speaker' })
  const also = dialog.getByRole('checkbox')
  await expect(also).toBeEnabled()
  await expect(dialog).toContainText(`Also in the ${mentions} lines and headers that mention “Ruslan”`)
  await expect(dialog.getByLabel('Speaker', { exact: true })).toContainText('Alexeylexey (1 line)')
})

test('rename a guest written by first name to their full name; then the dialog offers neither the old name nor typos', async ({ editor }) => {
  const original = await editor.original(TYPO)
  const lines = renameSpeaker(parseEpisode(original), 'Ruslan', 'Ruslan Shchuchkin').count
  await editor.open(inSite(TYPO))
  const chips = editor.page.getByRole('list', { name: 'Speakers' })
  await chips.getByRole('button', { name: /^1 Ruslan Shchuchkin/ }).click()
  const dialog = editor.page.getByRole('dialog', { name: 'Rename speaker' })
  // The full name of the speaker being renamed is what the user wants written, not the file's old spelling.
  await dialog.getByLabel('New name').fill('Ruslan Shchuchkin')
  await expect(dialog.getByTestId('rename-preview')).toHaveText(`Rename “Ruslan” to “Ruslan Shchuchkin” in ${lines} lines.`)
  await dialog.getByRole('button', { name: `Rename in ${lines} lines` }).click()
  await expect(dialog).toBeHidden()
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TYPO), (d) => renameSpeaker(d, 'Ruslan', 'Ruslan Shchuchkin').doc)

  await chips.getByRole('button', { name: /^2 Alexey/ }).click()
  const speaker = dialog.getByLabel('Speaker', { exact: true })
  await expect(speaker).not.toContainText('Ruslan (0 lines)')
  await expect(speaker).toContainText('Alexeylexey (1 line)', { useInnerText: true })
  const suggestions = await dialog.locator('#rename-suggestions option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
  expect(suggestions).toContain('Ruslan Shchuchkin')
  expect(suggestions).not.toContain('Alexeylexey')
  expect(suggestions).not.toContain('Ruslanan')
})

test('undoing a rename gives back the speaker chips as they were, with no chip for the new name', async ({ editor }) => {
  const lines = renameSpeaker(parseEpisode(await editor.original(TYPO)), 'Ruslan', 'Ruslan S').count
  await editor.open(inSite(TYPO))
  const chips = editor.page.getByRole('list', { name: 'Speakers' })
  const before = await chips.getByRole('button').allTextContents()
  await chips.getByRole('button', { name: /^1 Ruslan Shchuchkin/ }).click()
  const dialog = editor.page.getByRole('dialog', { name: 'Rename speaker' })
  await dialog.getByLabel('New name').fill('Ruslan S')
  await dialog.getByRole('button', { name: `Rename in ${lines} lines` }).click()
  await expect(dialog).toBeHidden()
  await expect(chips.getByRole('button', { name: /^1 Ruslan Shchuchkin/ })).toHaveAttribute('title', /written “Ruslan S”/)

  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await expect(chips.locator('.chip-name').filter({ hasText: /^Ruslan S$/ })).toHaveCount(0)
  await expect(chips.getByRole('button')).toHaveText(before)
})

test('rename a speaker also in the lines and headers that mention them, after a preview, as one undo step', async ({ editor }) => {
  const original = await editor.original(LARGEST)
  const expected = renameSpeakerEverywhere(parseEpisode(original), 'Nick', 'Nicholas', { alsoInText: true })
  test.expect(expected.textEntries.length).toBeGreaterThan(0)
  await editor.open(inSite(LARGEST))

  await editor.page.getByRole('list', { name: 'Speakers' }).getByRole('button', { name: /Nick Singh/ }).click()
  const dialog = editor.page.getByRole('dialog', { name: 'Rename speaker' })
  // The new name starts as the file writes it, so Enter straight away renames nothing.
  await expect(dialog.getByLabel('New name')).toHaveValue('Nick')
  await expect(dialog.getByRole('button', { name: /^Rename/ })).toBeDisabled()
  await editor.press('Enter')
  await expect(dialog).toBeVisible()
  await expect(editor.saveState).toHaveText('Saved')
  await dialog.getByLabel('New name').fill('Nicholas')
  const also = dialog.getByRole('checkbox', { name: /Also in the \d+ lines? .*mention “Nick”/ })
  await also.check()
  await expect(dialog.getByTestId('rename-preview')).toContainText(`in ${expected.speakerEntries} lines and in ${expected.textEntries.length}`)
  await expect(dialog.getByTestId('rename-text-preview').locator('mark').first()).toHaveText('Nicholas')
  await dialog.getByRole('button', { name: `Rename in ${expected.speakerEntries} lines` }).click()
  await expect(dialog).toBeHidden()

  const first = expected.textEntries[0]!
  await editor.scrollToRow(first)
  await expect(editor.cell(first, 'text')).toContainText('Nicholas')
  await editor.press('Control+z')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(LARGEST), () => expected.doc)
})

test('an unknown speaker is flagged on its row and in the problems, and fixed to the closest speaker in one step', async ({ editor }) => {
  const original = await editor.original(TYPO)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Alexeylexey', 'spoken by Alexeylexey')
  await editor.open(inSite(TYPO))

  await editor.scrollToRow(i)
  await expect(editor.cell(i, 'who')).toHaveClass(/flagged/)
  await editor.page.getByRole('tab', { name: /Problems/ }).click()
  const problem = editor.page.locator('.problem-list .problem').filter({ hasText: '"Alexeylexey" is not one of this episode\'s speakers' })
  await expect(problem).toHaveCount(1)
  await problem.getByRole('button', { name: /^Fix row \d+: Change to “Alexey”$/ }).click()
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Alexey')
  await expect(problem).toHaveCount(0)

  await editor.press('Control+z')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Alexeylexey')
  await expect(editor.saveState).toHaveText('Saved')
  await editor.press('Control+Shift+z')

  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TYPO), (d) => setSpeaker(d, i, 'Alexey'))
})

test('Ctrl+. on the row of an unknown speaker applies the fix to the closest speaker', async ({ editor }) => {
  const original = await editor.original(TYPO)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Alexeylexey', 'spoken by Alexeylexey')
  await editor.open(inSite(TYPO))
  await editor.select(i, 'who')
  await editor.press('Control+.')
  // When the row has other fixable problems too, Ctrl+. asks which fix; this one is first or chosen.
  const menu = editor.page.getByRole('dialog', { name: 'Fix a problem of this row' })
  const fixed = editor.cell(i, 'who').and(editor.page.getByRole('gridcell', { name: 'Speaker Alexey' }))
  await expect(menu.or(fixed).first()).toBeVisible()
  if (await menu.isVisible()) {
    await menu.getByRole('button', { name: 'Change to “Alexey”' }).focus()
    await editor.press('Enter')
  }
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Alexey')
  // It says what it did, as the Fix button does.
  await expect(editor.page.getByTestId('notice')).toHaveText(`Row ${i + 1}: change to “Alexey”`)
  await editor.save()
  expectSavedEdit(original, await editor.readDisk(TYPO), (d) => setSpeaker(d, i, 'Alexey'))
})

test('Ctrl+. on a sentence held in who says in plain words that it has no automatic fix and what to do', async ({ editor }) => {
  const doc = parseEpisode(await editor.original(MESSY_SPEAKERS))
  const i = findIndex(doc, (k) => field(doc, k, 'who').startsWith('I think I was doing some pet project'), 'a sentence in who')
  await editor.open(inSite(MESSY_SPEAKERS))
  await editor.select(i, 'who')
  await editor.press('Control+.')
  const notice = editor.page.getByTestId('notice')
  await expect(notice).toContainText('no automatic fix')
  await expect(notice).toContainText('choose the speaker in the Speaker cell')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName(/^Speaker I think I was doing some pet project/)
})

test('sentences held in who are flagged without a guessed fix', async ({ editor }) => {
  await editor.open(inSite(MESSY_SPEAKERS))
  await editor.page.getByRole('tab', { name: /Problems/ }).click()
  const flagged = editor.page.locator('.problem-list .problem').filter({ hasText: 'is text of a line in the speaker field' })
  await expect(flagged.first()).toBeVisible()
  expect(await flagged.count()).toBeGreaterThanOrEqual(10)
  await expect(flagged.locator('.problem-fix')).toHaveCount(0)
})

test('text pasted into who is shown but gets no Alt key, and the picker lists it apart, after the people', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  const original = await editor.original(MESSY_SPEAKERS)
  const doc = parseEpisode(original)
  const i = findIndex(doc, (k) => field(doc, k, 'who') === 'Lavanya', 'spoken by Lavanya')
  await editor.open(inSite(MESSY_SPEAKERS))

  const chips = page.getByRole('list', { name: 'Speakers' })
  await expect(chips.locator('.chip-key')).toHaveText(['1', '2'])
  await expect(chips.getByRole('button').filter({ hasText: 'Lavanya Gupta' }).locator('.chip-key')).toHaveText('1')
  await expect(chips.getByRole('button').filter({ hasText: /^\d?Alexey\d/ }).locator('.chip-key')).toHaveText('2')
  const sentence = chips.getByRole('button').filter({ hasText: 'I think I was doing some pet project' })
  await expect(sentence, 'the sentence is still shown').toBeVisible()
  await expect(sentence).not.toHaveAttribute('title', /Alt/)

  // Alt+3 has no third person to write: it says so, in the speaker picker too, and the line keeps its speaker.
  await editor.select(i, 'who')
  await editor.press('Enter')
  await expect(page.getByRole('listbox', { name: 'Speakers' })).toBeVisible()
  await editor.press('Alt+3')
  await expect(page.getByRole('alert')).toHaveText('This episode has no third speaker, only two.')
  await editor.press('Escape')
  await editor.select(i, 'text')
  await editor.press('Alt+3')
  await expect(page.getByRole('alert')).toContainText('no third speaker')
  await expect(editor.cell(i, 'who')).toHaveAccessibleName('Speaker Lavanya')
  // The swap dialog's sentence names the speakers as its drop-downs do.
  await editor.press('Alt+s')
  const swap = page.getByRole('dialog', { name: 'Swap speakers in the selection' })
  await expect(swap.getByLabel('Speaker').locator('option:checked')).toContainText('Lavanya Gupta')
  await expect(swap.getByTestId('swap-preview')).toHaveText('Swap “Lavanya Gupta” and “Alexey” in 1 of the 1 selected line.')
  await editor.press('Escape')

  await editor.select(i, 'who')
  await editor.press('Enter')
  const list = page.getByRole('listbox', { name: 'Speakers' })
  const people = list.locator(':scope > [role="option"]')
  await expect(people.locator('.option-label')).toHaveText(['Lavanya Gupta', 'Alexey', 'No speaker'])
  const others = list.getByRole('group', { name: 'Other values in this episode' })
  await expect(others.getByRole('option')).toHaveCount(16)
  await expect(others.getByRole('option').first()).not.toContainText('Alt')
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? test.info().outputDir, 'messy-speakers-picker-1024.png') })
  expect(await axeScan(page, 'speaker picker with other values', ['.speaker-picker'])).toEqual([])
  // A few letters of a new name never pick a sentence that contains them.
  await page.keyboard.type('Dock')
  await expect(page.getByRole('option', { selected: true })).toHaveText(/Use “Dock”/)
  await editor.press('Escape')
  expect(await editor.readDisk(MESSY_SPEAKERS)).toBe(original)
})

test('renaming a sentence written in who: the dialog names it shortened and fits a 1024×768 window', async ({ editor, page }) => {
  await page.setViewportSize({ width: 1024, height: 768 })
  const doc = parseEpisode(await editor.original(MESSY_SPEAKERS))
  const sentence = [...new Set(doc.entries.map((e) => e.pairs.find(([k]) => k === 'who')?.[1]))].find((who): who is string => typeof who === 'string' && who.length > 200)!
  expect(sentence).toBeTruthy()
  await editor.open(inSite(MESSY_SPEAKERS))
  await editor.select(findIndex(doc, (i) => field(doc, i, 'who') === sentence, 'a line spoken by the sentence'), 'who')
  await editor.press('Alt+r')
  const dialog = page.getByRole('dialog', { name: 'Rename speaker' })
  await dialog.getByLabel('New name').fill('Adam Sroka')
  const preview = dialog.getByTestId('rename-preview')
  await expect(preview).toContainText('to “Adam Sroka”')
  expect((await preview.innerText()).length, 'the preview shortens the sentence').toBeLessThan(200)
  expect((await dialog.innerText()).includes(sentence), 'the sentence is not printed in full').toBe(false)
  for (const part of [preview, dialog.getByLabel('New name'), dialog.getByRole('checkbox'), dialog.getByRole('button', { name: /^Rename in/ })]) await expect(part).toBeInViewport({ ratio: 1 })
  await page.screenshot({ path: join(process.env.SHOTS_DIR ?? test.info().outputDir, 'rename-sentence-1024.png') })
})

test('the rename dialog with its text preview and the problems with fixes pass axe-core', async ({ editor, page }) => {
  await editor.open(inSite(LARGEST))
  await page.getByRole('list', { name: 'Speakers' }).getByRole('button', { name: /Nick Singh/ }).click()
  const dialog = page.getByRole('dialog', { name: 'Rename speaker' })
  await dialog.getByLabel('New name').fill('Nicholas')
  await dialog.getByRole('checkbox').check()
  await expect(dialog.getByTestId('rename-text-preview')).toBeVisible()
  const found = await axeScan(page, 'rename dialog', ['[role="dialog"]'])
  await dialog.getByRole('button', { name: 'Cancel' }).click()

  await editor.episodeButton(inSite(TYPO)).click()
  await page.getByRole('tab', { name: /Problems/ }).click()
  await expect(page.locator('.problem-fix').first()).toBeVisible()
  found.push(...(await axeScan(page, 'problems with fixes', ['.side-panel'])))
  expect(found).toEqual([])
})
