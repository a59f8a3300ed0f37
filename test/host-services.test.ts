import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { chmod, chown, copyFile, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { HostEvent, SaveRequest, Workspace, WorkspaceFile } from '../shared/api/contract'
import { validateHostArgs } from '../shared/api/validate'
import { episodeDigest, parseEpisode } from '../shared/episode/index'
import { episodeFromWire } from '../shared/episode/episode-wire'
import { contentHash } from '../electron/host/content-hash'
import { bindHostApi, dispatchHostCall } from '../electron/host/host-dispatch'
import { createHostServices, type HostServices } from '../electron/host/host-services'
import { HostError } from '../electron/host/errors'
import { copyEpisode, episodesDir } from './helpers/corpus'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const sourceDir = episodesDir
const sample = ['ab-testing-and-product-experimentation.md', 'building-data-team.md', 'crisp-dm.md']
const unknownHandle = `h${'0'.repeat(32)}`

let scratch: string

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'host-services-'))
})
after(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** A fresh workspace folder holding copies of the sample episodes, and a data folder. */
async function makeWorkspace(name: string): Promise<{ folder: string; dataDir: string }> {
  const folder = join(scratch, name, '_podcast')
  const dataDir = join(scratch, name, 'data')
  await mkdir(folder, { recursive: true })
  for (const file of sample) await copyEpisode(join(sourceDir, file), join(folder, file))
  return { folder, dataDir }
}

function open(dataDir: string): HostServices {
  return createHostServices({ dataDir, watchDebounceMs: 40 })
}

function fileNamed(workspace: Workspace, relPath: string): WorkspaceFile {
  const file = workspace.files.find((f) => f.relPath === relPath)
  assert.ok(file, `${relPath} is listed`)
  return file
}

/** The save request the UI would send for `text`. */
function saveRequest(handle: string, text: string, baseHash: string | null): SaveRequest {
  return { handle, text, baseHash, expectedDigest: episodeDigest(parseEpisode(text)) }
}

/** An edit to the first spoken line, as the UI would make it. */
function editFirstLine(text: string): string {
  return text.replace(/^(- line: )([A-Za-z])/m, '$1EDITED $2')
}

function nextEvent(services: HostServices, wanted: (event: HostEvent) => boolean, timeoutMs = 3000): Promise<HostEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error('no matching host event'))
    }, timeoutMs)
    const stop = services.onEvent((event) => {
      if (!wanted(event)) return
      clearTimeout(timer)
      stop()
      resolve(event)
    })
  })
}

function collectEvents(services: HostServices): HostEvent[] {
  const events: HostEvent[] = []
  services.onEvent((event) => events.push(event))
  return events
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('opening a folder', () => {
  it('lists its episodes with title, season, episode, counts, speakers and problems', async () => {
    const { folder, dataDir } = await makeWorkspace('list')
    const services = open(dataDir)
    const workspace = await services.openPath(folder)
    assert.equal(workspace.root, folder)
    assert.deepEqual(workspace.files.map((f) => f.relPath), sample)
    for (const file of workspace.files) {
      assert.match(file.handle, /^h[0-9a-f]{32}$/)
      assert.equal(file.error, undefined)
      assert.equal(typeof file.title, 'string')
      assert.ok(file.entries > 0 && file.entries === file.lines + file.headers)
      assert.ok(file.speakers.length > 0)
      assert.equal(typeof file.problems, 'number')
    }
    await services.close()
  })

  it('lists malformed and unreadable files with their error instead of hiding them, and skips a README', async () => {
    const { folder, dataDir } = await makeWorkspace('broken')
    await writeFile(join(folder, 'malformed.md'), '---\ntitle: x\ntranscript: [\n---\n')
    await writeFile(join(folder, 'stray-line.md'), '_\n---\ntitle: x\n---\n')
    await writeFile(join(folder, 'latin1.md'), Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'))
    await writeFile(join(folder, 'locked.md'), '---\ntitle: locked\n---\n')
    await chmod(join(folder, 'locked.md'), 0o000)
    await writeFile(join(folder, 'README.md'), '# About this folder\n')
    const services = open(dataDir)
    const workspace = await services.openPath(folder)

    const malformed = fileNamed(workspace, 'malformed.md')
    assert.ok(malformed.error && malformed.error.line >= 3 && malformed.error.column >= 1, 'the error is located')
    assert.ok(malformed.error.message.length > 0)
    assert.equal(malformed.entries, 0)
    assert.equal(fileNamed(workspace, 'stray-line.md').error?.line, 1)
    assert.match(fileNamed(workspace, 'latin1.md').error?.message ?? '', /UTF-8/)
    const locked = fileNamed(workspace, 'locked.md')
    if (process.getuid?.() !== 0) assert.match(locked.error?.message ?? '', /permission denied/)
    assert.ok(!workspace.files.some((f) => f.relPath === 'README.md'))
    assert.equal(workspace.files.filter((f) => !f.error).length >= sample.length, true)
    await services.close()
  })

  it('lists links to files inside the folder once and never links that point outside it', async () => {
    const { folder, dataDir } = await makeWorkspace('links')
    const outside = join(scratch, 'links', 'outside.md')
    await copyFile(join(sourceDir, sample[0]!), outside)
    await symlink(outside, join(folder, 'escape.md'))
    await mkdir(join(folder, 'nested'))
    await symlink(join(folder, sample[1]!), join(folder, 'nested', 'alias.md'))
    const services = open(dataDir)
    const workspace = await services.openPath(folder)
    assert.deepEqual(workspace.files.map((f) => f.relPath), sample)
    await services.close()
  })

  it('remembers opened folders and files across runs, most recent first, without duplicates', async () => {
    const { folder, dataDir } = await makeWorkspace('recent')
    const first = open(dataDir)
    await first.openPath(folder)
    await first.openPath(join(folder, sample[0]!))
    await first.openPath(folder)
    await first.close()
    const second = open(dataDir)
    const recent = await second.listRecent()
    assert.deepEqual(
      recent.map((item) => [item.kind, item.path]),
      [
        ['folder', folder],
        ['file', join(folder, sample[0]!)],
      ],
    )
    await second.close()
  })
})

describe('the opened set', () => {
  it('refuses a handle it did not issue', async () => {
    const { folder, dataDir } = await makeWorkspace('handles')
    const services = open(dataDir)
    await services.openPath(folder)
    await assert.rejects(services.readFile(unknownHandle), (error: unknown) => error instanceof HostError && error.code === 'refused')
    const text = await readFile(join(folder, sample[0]!), 'utf8')
    assert.equal((await services.saveFile(saveRequest(unknownHandle, text, null)).catch((e: unknown) => e)) instanceof HostError, true)
    await assert.rejects(services.writeDraft(unknownHandle, 'x', 'x'), HostError)
    await services.close()
  })

  it('refuses paths in place of handles, and anything but folders and .md files', async () => {
    const { folder, dataDir } = await makeWorkspace('paths')
    const services = open(dataDir)
    const api = bindHostApi(services)
    await services.openPath(folder)
    for (const path of ['/etc/passwd', `${folder}/../../outside.md`, '../crisp-dm.md']) {
      const outcome = await dispatchHostCall(api, 'readFile', [path])
      assert.equal(outcome.ok, false)
      assert.equal(!outcome.ok && outcome.error.code, 'invalid-arguments')
    }
    await writeFile(join(scratch, 'paths', 'notes.txt'), 'secret')
    await assert.rejects(services.openPath(join(folder, '..', 'notes.txt')), (e: unknown) => e instanceof HostError && e.code === 'refused')
    await assert.rejects(services.openPath('relative/folder'), HostError)
    await services.close()
  })

  it('with native dialogs (Electron), lets the page reopen recent items but not name new paths', async () => {
    const { folder, dataDir } = await makeWorkspace('dialogs')
    const services = open(dataDir)
    const picked = join(folder, sample[0]!)
    const api = bindHostApi(services, { pickFile: async () => picked, pickFolder: async () => null })
    const workspace = await api.openFileDialog()
    assert.ok(workspace?.opened)
    assert.equal(await api.openFolderDialog(), null)
    assert.equal((await api.openPath(picked)).opened, workspace.opened)
    await assert.rejects(api.openPath(folder), (e: unknown) => e instanceof HostError && e.code === 'refused')
    await services.close()
  })

  it('refuses a file that was replaced by a link after it was opened', async () => {
    const { folder, dataDir } = await makeWorkspace('swap')
    const services = open(dataDir)
    const file = fileNamed(await services.openPath(folder), sample[0]!)
    const outside = join(scratch, 'swap', 'elsewhere.md')
    await copyFile(join(folder, sample[0]!), outside)
    await rm(join(folder, sample[0]!))
    await symlink(outside, join(folder, sample[0]!))
    await assert.rejects(services.readFile(file.handle), (e: unknown) => e instanceof HostError && e.code === 'refused')
    await services.close()
  })
})

describe('opening an episode', () => {
  it('sends the host’s parse with the text: the same episode as parsing the text, also after a change on disk, and none for a file that is no episode', async () => {
    const { folder, dataDir } = await makeWorkspace('parsed')
    const services = open(dataDir)
    const handle = fileNamed(await services.openPath(folder), sample[1]!).handle
    const opened = await services.readFile(handle)
    assert.ok(opened.parsed, 'a listed episode comes with its parse')
    assert.deepStrictEqual(episodeFromWire(opened.parsed, opened.text), parseEpisode(opened.text))

    // Changed by another program, not yet listed again: the parse is of the text now sent.
    await writeFile(join(folder, sample[1]!), editFirstLine(opened.text))
    const changed = await services.readFile(handle)
    assert.match(changed.text, /EDITED/)
    assert.deepStrictEqual(episodeFromWire(changed.parsed!, changed.text), parseEpisode(changed.text))

    await writeFile(join(folder, sample[1]!), changed.text.replace(/^title: .*$/m, 'title: [oops'))
    const broken = await services.readFile(handle)
    assert.equal(broken.parsed, undefined, 'the page parses it and says where it fails')
    await services.close()
  })
})

describe('saving', () => {
  it('saving the text as loaded is a byte-identical no-op', async () => {
    const { folder, dataDir } = await makeWorkspace('noop')
    const services = open(dataDir)
    const path = join(folder, sample[0]!)
    const before = await readFile(path)
    const { mtimeMs } = await stat(path)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    assert.equal(opened.hash, contentHash(before))
    const result = await services.saveFile(saveRequest(opened.handle, opened.text, opened.hash))
    assert.deepEqual(result, { ok: true, hash: opened.hash })
    assert.deepEqual(await readFile(path), before)
    assert.equal((await stat(path)).mtimeMs, mtimeMs)
    await services.close()
  })

  it('writes an edited text exactly and keeps the file mode', async () => {
    const { folder, dataDir } = await makeWorkspace('edit')
    const path = join(folder, sample[1]!)
    await chmod(path, 0o640)
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[1]!).handle)
    const edited = editFirstLine(opened.text)
    assert.notEqual(edited, opened.text)
    const result = await services.saveFile(saveRequest(opened.handle, edited, opened.hash))
    assert.deepEqual(result, { ok: true, hash: contentHash(edited) })
    assert.equal(await readFile(path, 'utf8'), edited)
    assert.equal((await stat(path)).mode & 0o777, 0o640)
    assert.deepEqual((await readdir(folder)).filter((name) => name.endsWith('.tmp')), [])
    await services.close()
  })

  it('refuses text that does not read back as the episode being saved, and writes nothing', async () => {
    const { folder, dataDir } = await makeWorkspace('invalid')
    const path = join(folder, sample[2]!)
    const before = await readFile(path)
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[2]!).handle)
    const mismatch = await services.saveFile({ ...saveRequest(opened.handle, editFirstLine(opened.text), opened.hash), expectedDigest: episodeDigest(parseEpisode(opened.text)) })
    assert.equal(mismatch.ok, false)
    assert.equal(!mismatch.ok && mismatch.reason, 'invalid')
    assert.match(!mismatch.ok && mismatch.reason === 'invalid' ? mismatch.message : '', /does not read back as the episode being edited/)
    const broken = await services.saveFile({ handle: opened.handle, text: opened.text.replace('transcript:', 'transcript: [').replace(/\n---\n/, '\n'), baseHash: opened.hash, expectedDigest: episodeDigest(parseEpisode(opened.text)) })
    assert.equal(!broken.ok && broken.reason, 'invalid')
    assert.deepEqual(await readFile(path), before)
    await services.close()
  })

  it('leaves the original intact when the process is killed between writing the temp file and the rename', async () => {
    const { folder, dataDir } = await makeWorkspace('crash')
    const path = join(folder, sample[0]!)
    const before = await readFile(path)
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', crashingSaver], {
      cwd: repo,
      env: { ...process.env, CRASH_FOLDER: folder, CRASH_DATA: dataDir, CRASH_FILE: sample[0]! },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const tempPath = await new Promise<string>((resolve, reject) => {
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /temp-written (.+)\n/.exec(output)
        if (match) resolve(match[1]!)
      })
      child.on('exit', (code) => reject(new Error(`saver exited early (${code})`)))
    })
    const exited = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    child.kill('SIGKILL')
    assert.equal(await exited, 'SIGKILL')

    assert.equal((await readFile(tempPath)).toString().includes('EDITED'), true, 'the new text reached the temp file')
    assert.deepEqual(await readFile(path), before)
    // The crash happened a while ago; listing the folder again removes the dead save's temp file.
    const earlier = new Date(Date.now() - 60_000)
    await utimes(tempPath, earlier, earlier)
    const services = open(dataDir)
    const workspace = await services.openPath(folder)
    assert.deepEqual(workspace.files.map((f) => f.relPath), sample)
    assert.deepEqual((await readdir(folder)).filter((name) => name.endsWith('.tmp')), [], 'the stale temp file is gone')
    await services.close()
  })

  it('removes a stale temp file of a crashed save when the file is opened, but never a live save\'s', async () => {
    const { folder, dataDir } = await makeWorkspace('stale-temp')
    const services = open(dataDir)
    const handle = fileNamed(await services.openPath(folder), sample[0]!).handle
    const old = join(folder, `.${sample[0]}.0123456789ab.tmp`)
    const deadWriter = join(folder, `.${sample[0]}.999999999.0123456789ab.tmp`)
    const liveWriter = join(folder, `.${sample[0]}.${process.pid}.0123456789ab.tmp`)
    const notOurs = join(folder, `.${sample[0]}.backup.tmp`)
    for (const path of [old, deadWriter, liveWriter, notOurs]) await writeFile(path, 'partial')
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000)
    const aMinuteAgo = new Date(Date.now() - 60_000)
    await utimes(old, twoHoursAgo, twoHoursAgo)
    await utimes(deadWriter, aMinuteAgo, aMinuteAgo)
    await utimes(liveWriter, aMinuteAgo, aMinuteAgo)
    await services.readFile(handle)
    assert.deepEqual((await readdir(folder)).filter((name) => name.endsWith('.tmp')).sort(), [`.${sample[0]}.${process.pid}.0123456789ab.tmp`, `.${sample[0]}.backup.tmp`])
    await services.close()
  })

  it('saves a file opened through a link into the link\'s target and keeps the link, owner and group', async () => {
    const { folder, dataDir } = await makeWorkspace('through-link')
    const target = join(folder, sample[0]!)
    const link = join(scratch, 'through-link', 'link.md')
    await symlink(target, link)
    const owned = process.getuid?.() === 0
    if (owned) await chown(target, 4321, 4322)
    const services = open(dataDir)
    const opened = await services.readFile((await services.openPath(link)).opened!)
    const edited = editFirstLine(opened.text)
    assert.equal((await services.saveFile(saveRequest(opened.handle, edited, opened.hash))).ok, true)
    assert.ok((await lstat(link)).isSymbolicLink(), 'the link is still a link')
    assert.equal(await readFile(target, 'utf8'), edited)
    if (owned) assert.deepEqual([(await stat(target)).uid, (await stat(target)).gid], [4321, 4322])
    await services.close()
  })

  it('refuses to replace a read-only file, in plain words, and writes nothing', async () => {
    const { folder, dataDir } = await makeWorkspace('read-only')
    const path = join(folder, sample[0]!)
    await chmod(path, 0o444)
    const before = await readFile(path)
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    const result = await services.saveFile(saveRequest(opened.handle, editFirstLine(opened.text), opened.hash))
    assert.deepEqual(result, { ok: false, reason: 'io', message: `${sample[0]} is read-only; nothing was written.` })
    assert.deepEqual(await readFile(path), before)
    assert.equal((await stat(path)).mode & 0o777, 0o444)
    assert.deepEqual((await readdir(folder)).filter((name) => name.endsWith('.tmp')), [])
    await services.close()
  })

  it('refuses a FIFO swapped in for an opened file instead of hanging', async () => {
    const { folder, dataDir } = await makeWorkspace('fifo')
    const services = open(dataDir)
    const handle = fileNamed(await services.openPath(folder), sample[0]!).handle
    await rm(join(folder, sample[0]!))
    assert.equal(spawnSync('mkfifo', [join(folder, sample[0]!)]).status, 0)
    await assert.rejects(services.readFile(handle), /not a regular file/)
    await services.close()
  })

  it('after a save, lists the workspace again without re-scanning the folder, with that file\'s new summary', async () => {
    const { folder, dataDir } = await makeWorkspace('no-rescan')
    let scans = 0
    const services = createHostServices({ dataDir, watchDebounceMs: 40, hooks: { onScan: () => void scans++ } })
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    assert.equal(scans, 1)
    const edited = opened.text.replace(/^title: .*$/m, 'title: "Saved Title"')
    assert.equal((await services.saveFile(saveRequest(opened.handle, edited, opened.hash))).ok, true)
    const workspace = await services.getWorkspace()
    assert.equal(scans, 1, 'the save did not make the folder be scanned again')
    assert.equal(fileNamed(workspace, sample[0]!).title, 'Saved Title')
    assert.deepEqual(workspace.files.map((f) => f.relPath), sample)
    await pause(200)
    await services.getWorkspace()
    assert.equal(scans, 1, 'nor did the watch events of our own write')
    await services.close()
  })

  it('refuses to overwrite a change made on disk since loading, and overwrites only when told to', async () => {
    const { folder, dataDir } = await makeWorkspace('conflict')
    const path = join(folder, sample[0]!)
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    const theirs = opened.text.replace(/^title: .*$/m, 'title: Changed elsewhere')
    await writeFile(path, theirs)
    const mine = editFirstLine(opened.text)
    const refused = await services.saveFile(saveRequest(opened.handle, mine, opened.hash))
    assert.deepEqual(refused, { ok: false, reason: 'conflict', diskText: theirs, diskHash: contentHash(theirs) })
    assert.equal(await readFile(path, 'utf8'), theirs)
    const kept = await services.saveFile(saveRequest(opened.handle, mine, null))
    assert.equal(kept.ok, true)
    assert.equal(await readFile(path, 'utf8'), mine)
    await services.close()
  })

  it('reports a file deleted since loading as a conflict with no disk text', async () => {
    const { folder, dataDir } = await makeWorkspace('deleted')
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    await rm(join(folder, sample[0]!))
    const result = await services.saveFile(saveRequest(opened.handle, opened.text, opened.hash))
    assert.deepEqual(result, { ok: false, reason: 'conflict', diskText: null, diskHash: null })
    await services.close()
  })
})

describe('watching', () => {
  it('reports a change by another editor that saves by renaming a new file over the old one', async () => {
    const { folder, dataDir } = await makeWorkspace('watch')
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    const changed = nextEvent(services, (e) => e.type === 'file-changed')
    const temp = join(folder, '4913')
    await writeFile(temp, opened.text.replace(/^title: .*$/m, 'title: Renamed over'))
    await rename(temp, join(folder, sample[0]!))
    assert.deepEqual(await changed, { type: 'file-changed', handle: opened.handle })
    // The watch survives the rename: a second external write is reported too.
    const again = nextEvent(services, (e) => e.type === 'file-changed')
    await writeFile(join(folder, sample[0]!), opened.text)
    assert.deepEqual(await again, { type: 'file-changed', handle: opened.handle })
    await services.close()
  })

  it('does not report its own saves as changes', async () => {
    const { folder, dataDir } = await makeWorkspace('own')
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    const events = collectEvents(services)
    const result = await services.saveFile(saveRequest(opened.handle, editFirstLine(opened.text), opened.hash))
    assert.equal(result.ok, true)
    await pause(300)
    assert.deepEqual(events, [])
    await services.close()
  })

  /** A workspace whose third sample file the host opened and saved (with an edit), its watch events settled. */
  async function savedSample(name: string) {
    const { folder, dataDir } = await makeWorkspace(name)
    const services = open(dataDir)
    const loaded = await services.readFile(fileNamed(await services.openPath(folder), sample[2]!).handle)
    const text = editFirstLine(loaded.text)
    const saved = await services.saveFile(saveRequest(loaded.handle, text, loaded.hash))
    assert.ok(saved.ok)
    await pause(300)
    return { services, handle: loaded.handle, text, hash: saved.hash, path: join(folder, sample[2]!), away: join(scratch, name, 'x.md') }
  }

  /** Takes the file away and puts it back as `back` does, waiting for the host's event of each; the list is read in between. */
  async function awayAndBack(services: HostServices, kind: HostEvent['type'], away: () => Promise<void>, back: () => Promise<void>) {
    const gone = nextEvent(services, (e) => e.type === kind)
    await away()
    await gone
    await pause(300)
    assert.deepEqual((await services.getWorkspace()).files.map((f) => f.relPath), sample.slice(0, 2), 'gone from the list while away')
    const returned = nextEvent(services, (e) => e.type === kind)
    await back()
    const event = await returned
    await pause(300)
    assert.deepEqual((await services.getWorkspace()).files.map((f) => f.relPath), sample, 'listed again once back')
    return event
  }

  // A file saved by us and then moved away and back holds our write's text: that is no longer our write's watch event.
  it('lists an open file it saved again when it is moved away and back, and says it changed both times', async () => {
    const { services, handle, hash, path, away } = await savedSample('away-and-back')
    const event = await awayAndBack(services, 'file-changed', () => rename(path, away), () => rename(away, path))
    assert.deepEqual(event, { type: 'file-changed', handle })
    assert.equal((await services.readFile(handle)).hash, hash)
    await services.close()
  })

  it('says the list changed when a file it saved is moved away and back, and lists it again', async () => {
    const { services, path, away } = await savedSample('not-open-away-and-back')
    await awayAndBack(services, 'workspace-changed', () => rename(path, away), () => rename(away, path))
    await services.close()
  })

  it('lists an open file it saved again when it is removed and copied back (as a git checkout does)', async () => {
    const { services, text, path } = await savedSample('removed-and-back')
    await awayAndBack(services, 'file-changed', () => rm(path), () => writeFile(path, text))
    await services.close()
  })

  it('reports a new episode file in the workspace folder', async () => {
    const { folder, dataDir } = await makeWorkspace('added')
    const services = open(dataDir)
    await services.openPath(folder)
    const changed = nextEvent(services, (e) => e.type === 'workspace-changed')
    await copyFile(join(sourceDir, sample[0]!), join(folder, 'new-episode.md'))
    await changed
    assert.ok((await services.getWorkspace()).files.some((f) => f.relPath === 'new-episode.md'))
    await services.close()
  })
})

/** Host services on a fresh workspace with the first sample open and a draft of it (its first line edited) journalled. */
async function openSampleWithDraft(name: string) {
  const { folder, dataDir } = await makeWorkspace(name)
  const services = open(dataDir)
  const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
  const unsaved = editFirstLine(opened.text)
  await services.writeDraft(opened.handle, unsaved, opened.text)
  return { folder, services, opened, unsaved }
}

describe('recovery drafts', () => {
  it('offers the draft after a crash: a new instance on the same data folder returns it with the file', async () => {
    const { folder, dataDir } = await makeWorkspace('draft')
    const crashed = open(dataDir)
    const opened = await crashed.readFile(fileNamed(await crashed.openPath(folder), sample[0]!).handle)
    const unsaved = editFirstLine(opened.text)
    await crashed.writeDraft(opened.handle, unsaved, opened.text)
    // No close(): the process "died" here.

    const restarted = open(dataDir)
    const reopened = await restarted.readFile(fileNamed(await restarted.openPath(folder), sample[0]!).handle)
    assert.equal(reopened.text, opened.text)
    assert.equal(reopened.draft?.text, unsaved)
    assert.equal(reopened.draft.base, opened.text, 'with the text its changes were made to')
    assert.ok(reopened.draft.savedAt > 0)
    await restarted.discardDraft(reopened.handle)
    assert.equal((await restarted.readFile(reopened.handle)).draft, undefined)
    await crashed.close()
    await restarted.close()
  })

  it('offers a draft that differs from the file even when the file was touched after the crash', async () => {
    const { folder, dataDir } = await makeWorkspace('touched')
    const crashed = open(dataDir)
    const opened = await crashed.readFile(fileNamed(await crashed.openPath(folder), sample[0]!).handle)
    const unsaved = editFirstLine(opened.text)
    await crashed.writeDraft(opened.handle, unsaved, opened.text)
    // A `touch` (or a `git pull` that rewrote the same bytes) after the crash.
    const later = new Date(Date.now() + 60_000)
    await utimes(join(folder, sample[0]!), later, later)

    const restarted = open(dataDir)
    const reopened = await restarted.readFile(fileNamed(await restarted.openPath(folder), sample[0]!).handle)
    assert.equal(reopened.draft?.text, unsaved)
    await crashed.close()
    await restarted.close()
  })

  it('offers a draft when someone changed the file since, so the user can choose', async () => {
    const { folder, services, opened, unsaved } = await openSampleWithDraft('pulled')
    await pause(20)
    await writeFile(join(folder, sample[0]!), opened.text.replace(/^title: .*$/m, 'title: Newer on disk'))
    assert.equal((await services.readFile(opened.handle)).draft?.text, unsaved)
    await services.close()
  })

  it('discards silently a draft equal to the file, and forgets the draft after a save', async () => {
    const { folder, dataDir } = await makeWorkspace('stale')
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    await services.writeDraft(opened.handle, opened.text, opened.text)
    assert.equal((await services.readFile(opened.handle)).draft, undefined)
    assert.deepEqual(await readdir(join(dataDir, 'drafts')), [], 'the draft holding nothing is gone, not orphaned')

    const current = await services.readFile(opened.handle)
    await services.writeDraft(opened.handle, editFirstLine(current.text), current.text)
    assert.equal((await services.saveFile(saveRequest(current.handle, editFirstLine(current.text), current.hash))).ok, true)
    await writeFile(join(folder, sample[0]!), current.text)
    assert.equal((await services.readFile(opened.handle)).draft, undefined)
    await services.close()
  })

  it('keeps the draft through a save that asks so (the page still offers it: the only copy of its text)', async () => {
    const { services, opened, unsaved } = await openSampleWithDraft('kept')
    const saved = editFirstLine(unsaved)
    assert.equal((await services.saveFile({ ...saveRequest(opened.handle, saved, opened.hash), keepDraft: true })).ok, true)
    assert.equal((await services.readFile(opened.handle)).draft?.text, unsaved)
    await services.close()
  })
})

describe('the listing of episodes with recovery drafts', () => {
  it('marks the episodes whose draft differs from the file, after a restart too, and no others', async () => {
    const { folder, dataDir } = await makeWorkspace('listed-drafts')
    const crashed = open(dataDir)
    const first = await crashed.openPath(folder)
    assert.deepEqual(first.files.filter((f) => f.draft), [], 'no drafts yet')
    const edited = await crashed.readFile(fileNamed(first, sample[0]!).handle)
    const same = await crashed.readFile(fileNamed(first, sample[1]!).handle)
    await crashed.writeDraft(edited.handle, editFirstLine(edited.text), edited.text)
    // A draft equal to the file holds nothing: it is no draft.
    await crashed.writeDraft(same.handle, same.text, same.text)
    const listed = await crashed.getWorkspace()
    assert.equal(fileNamed(listed, sample[0]!).draft, true)
    assert.equal(fileNamed(listed, sample[1]!).draft, undefined)
    assert.equal(fileNamed(listed, sample[2]!).draft, undefined)
    assert.equal(listed.problem, undefined, 'every draft could be read')

    const restarted = open(dataDir)
    const reopened = await restarted.openPath(folder)
    assert.deepEqual(reopened.files.filter((f) => f.draft).map((f) => f.relPath), [sample[0]])
    await restarted.discardDraft(fileNamed(reopened, sample[0]!).handle)
    assert.equal(fileNamed(await restarted.getWorkspace(), sample[0]!).draft, undefined, 'a discarded draft is unmarked at once')
    await crashed.close()
    await restarted.close()
  })

  it('still lists the folder, the episode marked, when a file with a draft is no longer UTF-8 text', async () => {
    const { folder, dataDir } = await makeWorkspace('listed-latin1')
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    await services.writeDraft(opened.handle, editFirstLine(opened.text), opened.text)
    await writeFile(opened.path, Buffer.concat([Buffer.from(opened.text, 'utf8'), Buffer.from([0xe9, 0x0a])]))
    assert.equal(fileNamed(await services.getWorkspace(), sample[0]!).draft, true)
    await services.close()
  })

  it('marks the drafts it can read when another cannot be read or is damaged, and says which in plain words', async () => {
    const { folder, dataDir } = await makeWorkspace('listed-bad-draft')
    const services = open(dataDir)
    const listed = await services.openPath(folder)
    const files = await Promise.all(sample.map((name) => services.readFile(fileNamed(listed, name).handle)))
    for (const file of files) await services.writeDraft(file.handle, editFirstLine(file.text), file.text)
    // One draft file that cannot be read (a folder in its place), one that is not JSON.
    const draftFile = (path: string) => join(dataDir, 'drafts', `${contentHash(path)}.json`)
    await rm(draftFile(files[1]!.path))
    await mkdir(draftFile(files[1]!.path))
    await writeFile(draftFile(files[2]!.path), '{"path": "cut short')
    const workspace = await services.getWorkspace()
    assert.deepEqual(workspace.files.filter((f) => f.draft).map((f) => f.relPath), [sample[0]], 'the readable draft is still marked')
    assert.match(workspace.problem ?? '', /unsaved changes kept from last time could not be read/i)
    assert.match(workspace.problem ?? '', new RegExp(sample[1]!.replace('.', '\\.')))
    assert.match(workspace.problem ?? '', new RegExp(sample[2]!.replace('.', '\\.')))
    await services.close()
  })

  it('unmarks the episode once it is saved', async () => {
    const { folder, dataDir } = await makeWorkspace('listed-saved')
    const services = open(dataDir)
    const opened = await services.readFile(fileNamed(await services.openPath(folder), sample[0]!).handle)
    const unsaved = editFirstLine(opened.text)
    await services.writeDraft(opened.handle, unsaved, opened.text)
    assert.equal(fileNamed(await services.getWorkspace(), sample[0]!).draft, true)
    assert.equal((await services.saveFile(saveRequest(opened.handle, unsaved, opened.hash))).ok, true)
    assert.equal(fileNamed(await services.getWorkspace(), sample[0]!).draft, undefined)
    await services.close()
  })
})

describe('argument validation', () => {
  it('accepts well-formed calls and rejects wrong types, counts, oversize text and malformed handles', () => {
    const handle = `h${'a'.repeat(32)}`
    assert.deepEqual(validateHostArgs('writeDraft', [handle, 'text', 'base']), [handle, 'text', 'base'])
    assert.deepEqual(validateHostArgs('getWorkspace', []), [])
    const save = { handle, text: 'x', baseHash: null, expectedDigest: '0123456789abcdef' }
    assert.deepEqual(validateHostArgs('saveFile', [save]), [save])
    const bad: [Parameters<typeof validateHostArgs>[0], unknown][] = [
      ['readFile', ['not-a-handle']],
      ['readFile', [handle.toUpperCase()]],
      ['readFile', [handle, 'extra']],
      ['readFile', 'not-an-array'],
      ['writeDraft', [handle, 42, 'base']],
      ['writeDraft', [handle, 'text']],
      ['writeDraft', [handle, 'text', 42]],
      ['writeDraft', [handle, 'x'.repeat(20 * 1024 * 1024 + 1), 'base']],
      ['openPath', ['']],
      ['openPath', ['/tmp/a\0b']],
      ['setDirty', ['yes']],
      ['saveFile', [{ handle, text: '', baseHash: 'abc', expectedDigest: '0123456789abcdef' }]],
      ['saveFile', [{ handle, text: '', baseHash: null, expectedDigest: {} }]],
      ['saveFile', [{ handle, text: '', baseHash: null, expectedDigest: '0123456789ABCDEF' }]],
      ['saveFile', [{ handle, text: '', baseHash: null, expectedDigest: '0123456789abcdef', path: '/etc/passwd' }]],
      ['saveFile', [{ handle, text: '', baseHash: null, expected: [] }]],
    ]
    for (const [method, args] of bad) assert.throws(() => validateHostArgs(method, args), /Invalid arguments/, `${method} ${String(args).slice(0, 40)}`)
  })
})

/** The child of the crash test: opens the file, saves an edit, and stops dead once the temp file is written. */
const crashingSaver = `
import { join } from 'node:path'
import { createHostServices } from './electron/host/host-services.ts'
import { episodeDigest, parseEpisode } from './shared/episode/index.ts'
const { CRASH_FOLDER: folder, CRASH_DATA: dataDir, CRASH_FILE: file } = process.env
const services = createHostServices({
  dataDir,
  hooks: {
    beforeRename: async (temp) => {
      process.stdout.write('temp-written ' + temp + '\\n')
      await new Promise(() => setInterval(() => {}, 1000))
    },
  },
})
const workspace = await services.openPath(folder)
const handle = workspace.files.find((f) => f.relPath === file).handle
const opened = await services.readFile(handle)
const text = opened.text.replace(/^(- line: )([A-Za-z])/m, '$1EDITED $2')
await services.saveFile({ handle, text, baseHash: opened.hash, expectedDigest: episodeDigest(parseEpisode(text)) })
`
