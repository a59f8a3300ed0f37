import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { diffLines } from 'diff'
import { load, YAML11_SCHEMA } from 'js-yaml'
import { parse } from 'yaml'
import * as ep from '../shared/episode/index'
import type { Episode } from '../shared/episode/index'
import { allEpisodeFiles } from './helpers/corpus'

const episodes = allEpisodeFiles()
  .flatMap((f) => {
    try {
      return [{ name: f.name, text: f.text, doc: ep.parseEpisode(f.text) }]
    } catch {
      return []
    }
  })
  .filter((e) => e.doc.entries.length >= 6)

/** Whether an entry of an edited document is still the untouched original. */
function untouched(entry: ep.Entry): boolean {
  return entry.source !== undefined && entry.pairs === entry.source.pairs
}

/** Reads YAML with every independent reader the site and its scripts rely on. */
function readers(yamlText: string): [string, unknown][] {
  return [
    ['yaml 1.2', parse(yamlText, { version: '1.2', uniqueKeys: false })],
    ['yaml 1.1', parse(yamlText, { version: '1.1', uniqueKeys: false })],
    ['js-yaml', load(yamlText)],
    ['js-yaml YAML 1.1', load(yamlText, { schema: YAML11_SCHEMA })],
  ]
}

/**
 * Saves an edited episode and checks what a reviewer of the git diff would: bytes outside the
 * transcript items and every untouched entry are unchanged, the text re-parses to the edited
 * transcript, and each entry the editor wrote reads back as intended in every YAML reader.
 */
function saveAndCheck(name: string, original: Episode, edited: Episode): { added: number; removed: number } {
  const text = ep.serializeEpisode(edited)
  const reparsed = ep.parseEpisode(text)
  assert.deepEqual(ep.transcriptToJson(reparsed), ep.transcriptToJson(edited), `${name}: re-parse`)
  const { itemsStart } = original.layout
  assert.equal(text.slice(0, itemsStart), original.source.slice(0, itemsStart), `${name}: text before the transcript`)
  const tail = original.source.length - original.layout.itemsEnd
  assert.equal(text.slice(text.length - tail), original.source.slice(original.layout.itemsEnd), `${name}: text after the transcript`)
  const written: ep.Entry[] = []
  edited.entries.forEach((entry, i) => {
    const again = reparsed.entries[i]!
    if (untouched(entry)) {
      assert.equal(again.source?.text, entry.source!.text, `${name}: untouched entry ${i} changed`)
      assert.equal(again.lead, entry.lead)
    } else {
      written.push(entry)
    }
  })
  if (written.length > 0) {
    const yamlText = 'transcript:\n' + written.map((e) => ep.entryText(e, edited.style)).join('')
    const intended = written.map((e) => ep.transcriptToJson({ ...edited, entries: [e] })[0])
    for (const [reader, data] of readers(yamlText)) {
      assert.deepEqual((data as { transcript: unknown }).transcript, intended, `${name}: ${reader} reads the written entries differently`)
    }
  }
  return lineDiff(original.source, text)
}

/** Lines added and removed between two texts. */
function lineDiff(a: string, b: string): { added: number; removed: number } {
  // Common leading and trailing lines are not part of any diff; trimming them keeps the diff fast.
  const x = a.split('\n')
  const y = b.split('\n')
  let head = 0
  while (head < x.length && head < y.length && x[head] === y[head]) head++
  let tail = 0
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++
  let added = 0
  let removed = 0
  const middle = (lines: string[]) => lines.slice(head, lines.length - tail).map((l) => l + '\n').join('')
  for (const part of diffLines(middle(x), middle(y))) {
    if (part.added) added += part.count ?? 0
    if (part.removed) removed += part.count ?? 0
  }
  return { added, removed }
}

/** The diff expected when entries keep their places: the sum of each changed entry's own diff. */
function entriesDiff(doc: Episode, edited: Episode): { added: number; removed: number } {
  const sum = { added: 0, removed: 0 }
  edited.entries.forEach((entry, i) => {
    if (untouched(entry)) return
    const d = lineDiff(doc.entries[i]!.source!.text, ep.entryText(entry, edited.style))
    sum.added += d.added
    sum.removed += d.removed
  })
  return sum
}

function linesOf(doc: Episode, index: number): number {
  return ep.entryText(doc.entries[index]!, doc.style).split('\n').length - 1
}

/** A line entry near the middle whose previous entry is a line too. */
function pickLine(doc: Episode): number {
  const start = Math.floor(doc.entries.length / 2)
  for (let i = start; i < doc.entries.length; i++) {
    if (!ep.isHeader(doc.entries[i]!) && i > 0 && !ep.isHeader(doc.entries[i - 1]!) && (ep.textOf(doc.entries[i]!, 'line') ?? '').includes(' ')) return i
  }
  for (let i = 1; i < doc.entries.length; i++) if (!ep.isHeader(doc.entries[i]!) && !ep.isHeader(doc.entries[i - 1]!)) return i
  throw new Error('no line entry')
}

describe('each edit changes only the lines of the entries it is about', () => {
  it(`holds for every edit operation on every episode (${episodes.length} files)`, () => {
    for (const { name, doc } of episodes) {
      const k = pickLine(doc)
      const speakers = [...ep.speakerCounts(doc).keys()]
      const who = ep.textOf(doc.entries[k]!, 'who')
      const other = speakers.find((s) => s !== who) ?? 'Someone else'
      const text = ep.textOf(doc.entries[k]!, 'line')!
      const sec = ep.valueOf(doc.entries[k]!, 'sec')
      const header = doc.entries.findIndex(ep.isHeader)

      const setLine = saveAndCheck(`${name} setLine`, doc, ep.setLine(doc, k, text + ' And "one more": thing #2.'))
      assert.ok(setLine.removed <= linesOf(doc, k) && setLine.added <= linesOf(doc, k) + 2, `${name}: setLine diff ${JSON.stringify(setLine)}`)

      const speakerDoc = ep.setSpeaker(doc, k, other)
      const speaker = saveAndCheck(`${name} setSpeaker`, doc, speakerDoc)
      assert.deepEqual(speaker, entriesDiff(doc, speakerDoc), `${name}: a speaker change touches only its entry`)

      const inserted = saveAndCheck(`${name} insertHeader`, doc, ep.insertHeader(doc, k, 'New section: Q&A'))
      assert.deepEqual(inserted, { added: 1, removed: 0 }, `${name}: a new header adds exactly one line`)

      if (header >= 0) {
        const renamed = saveAndCheck(`${name} setHeader`, doc, ep.setHeader(doc, header, 'Renamed: yes'))
        assert.ok(renamed.added <= 1 + 1 && renamed.removed <= linesOf(doc, header), `${name}: setHeader ${JSON.stringify(renamed)}`)
        saveAndCheck(`${name} removeEntry header`, doc, ep.removeEntry(doc, header))
      }

      const removed = saveAndCheck(`${name} removeEntry`, doc, ep.removeEntry(doc, k))
      assert.deepEqual(removed, { added: 0, removed: linesOf(doc, k) })

      saveAndCheck(`${name} moveEntry`, doc, ep.moveEntry(doc, k, k - 1))

      const space = text.indexOf(' ', Math.floor(text.length / 2))
      if (space > 0) saveAndCheck(`${name} splitLine`, doc, ep.splitLine(doc, k, space))

      const prevWho = ep.textOf(doc.entries[k - 1]!, 'who') ?? other
      const merged = saveAndCheck(`${name} mergeWithPrevious`, doc, ep.mergeWithPrevious(doc, k, prevWho))
      assert.ok(merged.removed <= linesOf(doc, k - 1) + linesOf(doc, k), `${name}: merge ${JSON.stringify(merged)}`)

      if (typeof sec === 'number') {
        saveAndCheck(`${name} setSec`, doc, ep.setSec(doc, k, sec + 5))
        saveAndCheck(`${name} setTime`, doc, ep.setTime(doc, k, '1:02:31'))
      }
      if (speakers.length >= 2) {
        const { doc: renamedDoc, count } = ep.renameSpeaker(doc, speakers[1]!, 'Renamed Speaker')
        const diff = saveAndCheck(`${name} renameSpeaker`, doc, renamedDoc)
        assert.ok(count > 0)
        assert.deepEqual(diff, entriesDiff(doc, renamedDoc), `${name}: a rename changes one line per entry`)
      }
    }
  })

  it('quotes values that a YAML 1.1 or 1.2 reader would misread, in every reader', () => {
    const { name, doc } = episodes[0]!
    const k = pickLine(doc)
    for (const hazard of ['1e3', 'no', 'yes', 'y', '0:36', '2:02', '1:02:31', '2022-03-19', '~', 'null', '012', '0x1F', '.5', '1_000', '1,000', '.', ' lead', 'trail ', '- dash', '#hash', 'a: b', 'a #b', '[x]', "'q'", '@at', '`tick`', ':x', 'It’s “quoted”']) {
      saveAndCheck(`${name} hazard ${hazard}`, doc, ep.setSpeaker(ep.setLine(doc, k, hazard), k, hazard))
      saveAndCheck(`${name} hazard header ${hazard}`, doc, ep.insertHeader(doc, k, hazard))
    }
  })

  it('derives time from sec in the file’s format, and sec from a typed time', () => {
    const { doc } = episodes[0]!
    const k = pickLine(doc)
    const edited = ep.setTime(doc, k, '62:31')
    assert.equal(ep.valueOf(edited.entries[k]!, 'sec'), 3751)
    assert.equal(ep.valueOf(edited.entries[k]!, 'time'), '1:02:31')
    assert.equal(ep.valueOf(ep.setSec(doc, k, 36).entries[k]!, 'time'), '0:36')
    assert.match(ep.entryText(ep.setSec(doc, k, 36).entries[k]!, doc.style), /time: '0:36'/)
  })

  it('interpolates the time of the second half of a split line and keeps its speaker', () => {
    const doc = ep.parseEpisode('---\ntranscript:\n- line: aaaa bbbb\n  sec: 100\n  time: \'1:40\'\n  who: A\n- line: next\n  sec: 200\n  time: \'3:20\'\n  who: B\n---\n')
    const split = ep.splitLine(doc, 0, 5) // 5 of 9 characters: 100 + 100 × 5/9 ≈ 156
    assert.deepEqual(ep.transcriptToJson(split).slice(0, 2), [
      { line: 'aaaa', sec: 100, time: '1:40', who: 'A' },
      { line: 'bbbb', sec: 156, time: '2:36', who: 'A' },
    ])
  })

  it('keeps absent keys absent and refuses edits that do not apply', () => {
    const doc = ep.parseEpisode('---\ntranscript:\n- line: no time here\n  who: A\n- header: H\n- line: other\n  who: B\n---\n')
    assert.deepEqual(ep.transcriptToJson(ep.setLine(doc, 0, 'changed'))[0], { line: 'changed', who: 'A' })
    assert.throws(() => ep.setLine(doc, 1, 'x'), /header, not a line/)
    assert.throws(() => ep.setLine(doc, 9, 'x'), /no entry 9/)
    assert.throws(() => ep.mergeWithPrevious(doc, 2), /header/)
    assert.throws(() => ep.setTime(doc, 0, 'soon'), /not a time/)
    assert.throws(() => ep.mergeWithPrevious(ep.removeEntry(doc, 1), 1), /different speakers/)
  })
})

describe('putting back a cell’s text (Esc in its editor)', () => {
  it('writes the file byte for byte as it was: a missing line, a number, a folded line, a header', () => {
    const text = '---\ntranscript:\n- who: A\n  sec: 1\n- line: 42\n  who: B\n- line: >-\n    folded\n    words\n  who: A\n- header: "Quoted"\n---\nBody\n'
    const doc = ep.parseEpisode(text)
    for (let k = 0; k < doc.entries.length; k++) {
      const value = ep.textValueOf(doc.entries[k]!)
      const typed = ep.isHeader(doc.entries[k]!) ? ep.setHeader(doc, k, 'typed') : ep.setLine(doc, k, 'typed')
      assert.notEqual(ep.serializeEpisode(typed), text)
      assert.equal(ep.serializeEpisode(ep.restoreText(typed, k, value)), text, `entry ${k}`)
      assert.equal(ep.restoreText(doc, k, value), doc, 'nothing to put back: the same document')
    }
    assert.equal(ep.textValueOf(doc.entries[0]!), undefined)
    assert.equal(ep.textValueOf(doc.entries[1]!), 42)
  })
})

describe('renaming and swapping speakers', () => {
  it('renames a speaker everywhere and counts the lines it changed', () => {
    const file = episodes.find((e) => e.text.includes('who: Ruslanan'))
    if (!file) return
    const { doc, count } = ep.renameSpeaker(file.doc, 'Ruslanan', 'Ruslan')
    assert.ok(count >= 1)
    assert.ok(!ep.transcriptToJson(doc).some((e) => e.who === 'Ruslanan'))
  })

  it('swaps two speakers within the selected rows only', () => {
    const doc = ep.parseEpisode('---\ntranscript:\n- line: a\n  who: A\n- line: b\n  who: B\n- line: c\n  who: A\n---\n')
    const { doc: swapped, count } = ep.swapSpeakers(doc, [0, 1], 'A', 'B')
    assert.equal(count, 2)
    assert.deepEqual(ep.transcriptToJson(swapped).map((e) => e.who), ['B', 'A', 'A'])
  })
})

describe('edit ops from the command line', () => {
  it('refuses a field the op does not take, naming the fields it does take', () => {
    const doc = ep.parseEpisode('---\ntitle: T\ntranscript:\n- line: Hello\n  who: A\n---\n')
    assert.throws(() => ep.applyOps(doc, [{ op: 'insertHeader', entry: 0, header: 'Intro' }]), /^EditError: Op 0: insertHeader has no field "entry"; it takes before and header$/)
    assert.throws(() => ep.applyOps(doc, [{ op: 'splitLine', entry: 0, at: 2 }]), /splitLine has no field "at"; it takes entry, offset and sec \(optional\)$/)
  })
})
