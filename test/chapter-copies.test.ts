import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { syncChapterCopies } from '../shared/chapters/chapter-copies'
import { lintChapterCopies } from '../shared/chapters/chapter-lint'
import { CLIP_KEYS, expectedClips, formatDuration, transcriptSpan, type Clip } from '../shared/chapters/clips'
import { insertHeader, isHeader, removeEntry, metadataValue, parseEpisode, transcriptToJson } from '../shared/episode/index'
import { yamlToJson } from '../shared/episode/yaml-value'
import { episodeNamed, episodesWithLists, NO_CORPUS, type EpisodeWithList } from './helpers/chapter-corpus'
import { corpusDir } from './helpers/corpus'
import { lineChanges, NO_PYTHON, PYTHON_OK, pyyamlFrontMatters } from './helpers/text-checks'

const withLists = episodesWithLists()
const skip = withLists.length === 0 ? NO_CORPUS : false

function byName(name: string): EpisodeWithList {
  return episodeNamed(withLists, name)
}

function clipsOf(text: string): unknown {
  return yamlToJson(metadataValue(parseEpisode(text), 'quotableClips') ?? null)
}

describe('duration', () => {
  it("is written as the site's script writes it", () => {
    assert.equal(formatDuration(3524), 'PT00H58M44S')
    assert.equal(formatDuration(3605), 'PT01H05S')
    assert.equal(formatDuration(3600), 'PT01H')
    assert.equal(formatDuration(3660), 'PT01H01M')
    assert.equal(formatDuration(45), 'PT00H45S')
    assert.equal(formatDuration(0), 'PT00H00S')
    assert.equal(formatDuration(7322), 'PT02H02M02S')
  })

  it('matches the transcript span in every corpus episode that has one, and is flagged once edited', { skip }, () => {
    let checked = 0
    for (const e of withLists) {
      const duration = metadataValue(e.doc, 'duration')
      const span = transcriptSpan(e.doc)
      if (duration === undefined || span === null) continue
      checked++
      assert.equal(duration, formatDuration(span), e.name)
      assert.ok(!lintChapterCopies(e.doc).some((p) => p.code === 'duration-mismatch'), e.name)
    }
    assert.ok(checked >= 170, `${checked} episodes`)
    const { doc } = byName('building-data-team.md')
    const drifted = parseEpisode(doc.source.replace('duration: PT00H58M44S', 'duration: PT00H30M5S'))
    const problems = lintChapterCopies(drifted).filter((p) => p.code === 'duration-mismatch')
    assert.equal(problems.length, 1)
    assert.match(problems[0]!.message, /"PT00H30M5S" but the transcript spans PT00H58M44S/)
  })
})

describe('quotableClips', { skip }, () => {
  it('are expected one per section, starting at the chapter list time, ending at the next start and the last at the duration', () => {
    const { doc, chapters } = byName('building-data-team.md')
    const clips = expectedClips(doc, chapters)!
    assert.equal(clips.length, 30)
    assert.deepEqual(clips[0], { name: 'Podcast Introduction', startOffset: 0, url: 'https://www.youtube.com/watch?v=ScDIB-3O77A&t=0', endOffset: 126 })
    assert.equal(clips.at(-1)!.endOffset, transcriptSpan(doc))
    const existing = clipsOf(doc.source) as Clip[]
    assert.deepEqual(existing.slice(0, 29), clips.slice(0, 29), "the file's 29 clips match the first 29 sections")
  })

  it('that lack a section or drift from it are flagged at the section header', () => {
    const { doc, chapters, listName } = byName('building-data-team.md')
    const problems = lintChapterCopies(doc, { name: listName, chapters }).filter((p) => p.code === 'clip-mismatch')
    assert.equal(problems.length, 1)
    assert.match(problems[0]!.message, /no clip for section 30, "Episode Wrap-Up & Key Takeaways"/)
    assert.equal(problems[0]!.entry, doc.entries.map((e) => e.pairs[0]![0]).lastIndexOf('header'))
  })

  it('are compared clip by clip where they stand: a section inserted in the middle flags its own missing clip and the clip it shortens, not every later clip', () => {
    const { doc, chapters, listName } = byName('algorithms-data-structures-for-engineers.md')
    const before = lintChapterCopies(doc, { name: listName, chapters }).filter((p) => p.code === 'clip-mismatch')
    assert.equal(before.length, 1, 'the file lacks only the last section’s clip')
    const headers = doc.entries.flatMap((e, i) => (isHeader(e) ? [i] : []))
    assert.ok(headers.length > 6)
    const at = headers[2]! + 2
    const edited = insertHeader(doc, at, 'My new section')
    const problems = lintChapterCopies(edited, { name: listName, chapters }).filter((p) => p.code === 'clip-mismatch')
    assert.equal(problems.length, 3, problems.map((p) => p.message).join('\n'))
    assert.match(problems[0]!.message, /Clip 3 of "quotableClips" does not match section ".*": endOffset is/)
    assert.match(problems[1]!.message, /no clip for section 4, "My new section"/)
    assert.equal(problems[1]!.entry, at)
    assert.match(problems[2]!.message, /no clip for section 29, "Closing/)
  })

  it('flag the clip of a removed section as matching none, and the clip that now runs longer, not every later clip', () => {
    const { doc, chapters, listName } = byName('algorithms-data-structures-for-engineers.md')
    const third = doc.entries.flatMap((e, i) => (isHeader(e) ? [i] : []))[2]!
    const problems = lintChapterCopies(removeEntry(doc, third), { name: listName, chapters }).filter((p) => p.code === 'clip-mismatch')
    assert.equal(problems.length, 3, problems.map((p) => p.message).join('\n'))
    assert.match(problems[0]!.message, /Clip 2 of "quotableClips" does not match section ".*": endOffset is/)
    assert.match(problems[1]!.message, /Clip 3 of "quotableClips", ".*", matches no section/)
    assert.match(problems[2]!.message, /no clip for section 27, "Closing/)
  })

  it('flag the chapter list file when it differs from the sections', () => {
    const { doc, chapters, listName } = byName('building-data-team.md')
    const renamed = chapters.map((c, i) => (i === 2 ? { ...c, title: 'Early Background' } : c))
    const problems = lintChapterCopies(doc, { name: listName, chapters: renamed }).filter((p) => p.code === 'chapter-list-mismatch')
    assert.equal(problems.length, 1)
    assert.match(problems[0]!.message, /chapter 3 is "Early Background", section 3 is "Early Background: Economics/)
  })

  it('take look-alike hyphens in a title for the same title, as importing the list does', () => {
    const { doc, chapters, listName } = byName('building-data-team.md')
    assert.ok(chapters.some((c) => c.title.includes('Day\u2011Two')), 'the list writes a non-breaking hyphen where the header has "-"')
    const problems = lintChapterCopies(doc, { name: listName, chapters }).filter((p) => p.code === 'chapter-list-mismatch')
    assert.deepEqual(problems, [])
  })
})

describe('syncing clips and duration from the sections', { skip }, () => {
  it('adds the missing clip of building-data-team, changing nothing else', () => {
    const { doc, chapters } = byName('building-data-team.md')
    const synced = syncChapterCopies(doc, chapters)
    assert.equal(synced.changed, true)
    const { removed, added } = lineChanges(doc.source, synced.text)
    assert.deepEqual(removed, [])
    assert.deepEqual(added, ['- name: Episode Wrap-Up & Key Takeaways', '  startOffset: 3619', '  url: https://www.youtube.com/watch?v=ScDIB-3O77A&t=3619', '  endOffset: 3524'])
    assert.equal(formatDuration(3524), 'PT00H58M44S', 'the last clip ends at the duration')
    assert.deepEqual(clipsOf(synced.text), expectedClips(doc, chapters))
    assert.equal(syncChapterCopies(parseEpisode(synced.text), chapters).changed, false, 'a second sync changes nothing')
  })

  it('changes only the lines of the clip fields and the duration that differ, on every corpus episode', () => {
    let changedFiles = 0
    for (const e of withLists) {
      const synced = syncChapterCopies(e.doc, e.chapters)
      if (!synced.changed) continue
      changedFiles++
      const expected = expectedClips(e.doc, e.chapters)!
      const before = (clipsOf(e.doc.source) ?? []) as Partial<Clip>[]
      const after = parseEpisode(synced.text)
      assert.deepEqual(transcriptToJson(after), transcriptToJson(e.doc), `${e.name}: transcript`)
      if (expected.length > 0) assert.deepEqual(clipsOf(synced.text), expected, `${e.name}: clips`)
      if (before.length !== expected.length) continue
      // Same number of clips: each differing field is one changed line (names fold only past 80 columns).
      const fields = expected.flatMap((c, i) => CLIP_KEYS.filter((k) => before[i]![k] !== c[k]).map((k) => `${k}: ${String(c[k])}`))
      const { removed, added } = lineChanges(e.doc.source, synced.text)
      const durationChanged = metadataValue(e.doc, 'duration') !== metadataValue(after, 'duration') ? 1 : 0
      if (expected.every((c) => c.name.length < 60)) {
        assert.equal(removed.length, fields.length + durationChanged, `${e.name}: ${JSON.stringify(removed)}`)
        assert.equal(added.length, fields.length + durationChanged, `${e.name}: ${JSON.stringify(added)}`)
      }
    }
    assert.ok(changedFiles >= 100, `${changedFiles} files synced`)
  })

  it('reads back in PyYAML with the clips and duration intended and every other key as it was', { skip: PYTHON_OK ? false : NO_PYTHON }, () => {
    const runs = withLists.map((e) => ({ e, synced: syncChapterCopies(e.doc, e.chapters) })).filter((r) => r.synced.changed)
    const read = pyyamlFrontMatters(runs.flatMap((r) => [r.e.doc.source, r.synced.text]))
    runs.forEach(({ e }, i) => {
      const before = read[2 * i]!
      const after = read[2 * i + 1]!
      const expected = expectedClips(e.doc, e.chapters)!
      if (expected.length > 0) assert.deepEqual(after.quotableClips, expected, e.name)
      if (before.duration !== undefined) assert.equal(after.duration, formatDuration(transcriptSpan(e.doc)!), e.name)
      else assert.equal(after.duration, undefined, `${e.name}: no duration added`)
      for (const key of Object.keys(before)) if (key !== 'quotableClips' && key !== 'duration') assert.deepEqual(after[key], before[key], `${e.name}: ${key}`)
      assert.deepEqual(Object.keys(after), Object.keys(before), `${e.name}: key order`)
    })
  })

  it('adds no clips to a file without them unless asked, and then puts them before the transcript', { skip: corpusDir ? false : NO_CORPUS }, () => {
    const text = readFileSync(join(corpusDir!, 'episodes/s23e03-future-of-ai-agents.md'), 'utf8')
    const doc = parseEpisode(text)
    assert.equal(syncChapterCopies(doc).changed, false)
    const added = syncChapterCopies(doc, [], { addMissing: true })
    const after = parseEpisode(added.text)
    assert.deepEqual(yamlToJson(metadataValue(after, 'quotableClips')!), expectedClips(doc))
    assert.equal(metadataValue(after, 'duration'), formatDuration(transcriptSpan(doc)!))
    assert.ok(added.text.indexOf('duration:') < added.text.indexOf('quotableClips:'))
    assert.ok(added.text.indexOf('quotableClips:') < added.text.indexOf('\ntranscript:'))
    assert.deepEqual(lineChanges(text, added.text).removed, [])
  })

  it('leaves the clips of an episode without sections alone, and says why', () => {
    const { doc, chapters } = byName('personal-brand-for-data-professionals.md')
    const synced = syncChapterCopies(doc, chapters)
    assert.deepEqual(clipsOf(synced.text), clipsOf(doc.source))
    assert.match(synced.notes.join(' '), /no sections \(import the chapter list first\)/)
  })
})
