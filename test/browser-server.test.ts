import assert from 'node:assert/strict'
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import type { Readable } from 'node:stream'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import type { OpenedFile, Workspace } from '../shared/api/contract'
import { openedFileContentType, openedFileFromFrame } from '../shared/api/opened-file-frame'
import { episodeDigest, parseEpisode } from '../shared/episode/index'
import { parseServeArgs, startServer, type RunningServer } from '../electron/server/serve'
import { createBrowserBridge, HostCallError } from '../renderer/platform/browser-bridge'
import { copyEpisode, episodesDir } from './helpers/corpus'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')
const sourceDir = episodesDir
const episodeName = 'crisp-dm.md'
const secret = 'TOP SECRET OUTSIDE THE APP'

let scratch: string
let folder: string
let server: RunningServer

interface Reply {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly body: string
  readonly bytes: Buffer
}

/** A raw HTTP request: the path is sent exactly as given (no client-side normalisation of `..`). */
function send(options: { path: string; method?: string; headers?: Record<string, string>; body?: string; port?: number }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const port = options.port ?? server.port
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const bytes = Buffer.concat(chunks)
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes })
        })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** The URL a serve process prints on a line of its own; rejects with its output if it exits first. */
function printedUrl(child: ChildProcessByStdio<null, Readable, Readable>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const line = output.split('\n').find((l) => l.startsWith('http://'))
      if (line) resolve(line)
    })
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)))
  })
}

const withToken = (headers: Record<string, string> = {}) => ({ 'X-Transcript-Token': server.token, ...headers })

/** Calls a host method over HTTP as the browser bridge does. */
async function call<T>(method: string, args: unknown[]): Promise<T> {
  const reply = await send({
    method: 'POST',
    path: `/api/${method}`,
    headers: withToken({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(args),
  })
  assert.equal(reply.status, 200, reply.body)
  return JSON.parse(reply.body) as T
}

/** Reads a file over HTTP and splits the answer's frame: its fields' JSON line, then the bytes of its text. */
async function readOverHttp(handle: string): Promise<{ reply: Reply; file: OpenedFile; textBytes: Buffer }> {
  const reply = await send({ method: 'POST', path: '/api/readFile', headers: withToken({ 'Content-Type': 'application/json' }), body: JSON.stringify([handle]) })
  assert.equal(reply.status, 200, reply.body)
  const end = reply.bytes.indexOf(0x0a)
  const textBytes = reply.bytes.subarray(end + 1)
  return { reply, file: openedFileFromFrame(reply.bytes.subarray(0, end).toString('utf8'), textBytes.toString('utf8')), textBytes }
}

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'browser-server-'))
  const renderer = join(scratch, 'renderer')
  folder = join(scratch, 'site', '_podcast')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await mkdir(folder, { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Transcript Editor</title><script type="module" src="/assets/app.js"></script>')
  await writeFile(join(renderer, 'assets', 'app.js'), 'console.log("app")')
  await writeFile(join(renderer, 'assets', 'app.css'), 'body { margin: 0 }')
  await writeFile(join(scratch, 'secret.txt'), secret)
  await symlink(join(scratch, 'secret.txt'), join(renderer, 'leak.txt'))
  await symlink(scratch, join(renderer, 'assets', 'up'))
  await copyEpisode(join(sourceDir, episodeName), join(folder, episodeName))
  await symlink(join(scratch, 'secret.txt'), join(folder, 'linked-out.md'))
  server = await startServer({ dataDir: join(scratch, 'data'), rendererDir: renderer, openPath: folder, watchDebounceMs: 40 })
})

after(async () => {
  await server.close()
  await rm(scratch, { recursive: true, force: true })
})

describe('the page and its token', () => {
  it('listens on the loopback address and gives a URL carrying the token', () => {
    assert.match(server.url, new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`))
  })

  it('answers the URL with the token by setting an HttpOnly, SameSite=Strict cookie and redirecting to the address without it', async () => {
    const reply = await send({ path: `/?token=${server.token}` })
    assert.equal(reply.status, 303)
    assert.equal(reply.headers.location, '/')
    const deep = await send({ path: `/episodes/crisp-dm?view=table&token=${server.token}` })
    assert.equal(deep.status, 303)
    assert.equal(deep.headers.location, '/episodes/crisp-dm?view=table')
    const page = await send({ path: '/', headers: { Cookie: `transcript-editor-${server.port}=${server.token}` } })
    assert.equal(page.status, 200)
    assert.match(page.headers['content-type'] ?? '', /^text\/html/)
    assert.match(page.body, /Transcript Editor/)
    const cookie = String(reply.headers['set-cookie'])
    assert.match(cookie, new RegExp(`^transcript-editor-${server.port}=${server.token};`))
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Strict/)
  })

  it('accepts the cookie afterwards and serves assets with their MIME types', async () => {
    const cookie = { Cookie: `transcript-editor-${server.port}=${server.token}` }
    const script = await send({ path: '/assets/app.js', headers: cookie })
    assert.equal(script.status, 200)
    assert.match(script.headers['content-type'] ?? '', /^text\/javascript/)
    const style = await send({ path: '/assets/app.css', headers: cookie })
    assert.match(style.headers['content-type'] ?? '', /^text\/css/)
  })

  it('falls back to index.html for UI routes but not for missing assets', async () => {
    assert.match((await send({ path: '/episodes/crisp-dm', headers: withToken() })).body, /Transcript Editor/)
    assert.equal((await send({ path: '/assets/missing.js', headers: withToken() })).status, 404)
  })

  it('sends the security headers on every response, refusals included', async () => {
    for (const reply of [await send({ path: '/', headers: withToken() }), await send({ path: '/' })]) {
      assert.equal(
        reply.headers['content-security-policy'],
        // Media from our own /media/, the desktop's media: scheme and dropped files; frames only from YouTube's player;
        // workers only our own.
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
          "media-src 'self' blob: media:; frame-src https://www.youtube-nocookie.com https://www.youtube.com; worker-src 'self'; " +
          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      assert.equal(reply.headers['x-content-type-options'], 'nosniff')
      assert.equal(reply.headers['referrer-policy'], 'no-referrer')
    }
  })
})

describe('refusals', () => {
  it('refuses requests without the token or with a wrong one', async () => {
    assert.equal((await send({ path: '/' })).status, 403)
    assert.equal((await send({ path: '/assets/app.js' })).status, 403)
    assert.equal((await send({ path: '/?token=wrong' })).status, 403)
    assert.equal((await send({ path: '/', headers: { 'X-Transcript-Token': `${server.token.slice(1)}x` } })).status, 403)
    assert.equal((await send({ path: '/', headers: { Cookie: `transcript-editor-${server.port}=nope` } })).status, 403)
    const api = await send({ method: 'POST', path: '/api/getWorkspace', headers: { 'Content-Type': 'application/json' }, body: '[]' })
    assert.equal(api.status, 403)
    assert.equal((await send({ path: '/api/events' })).status, 403)
  })

  it('refuses a foreign Origin or a cross-site fetch even with the token', async () => {
    const post = (headers: Record<string, string>) =>
      send({ method: 'POST', path: '/api/listRecent', headers: withToken({ 'Content-Type': 'application/json', ...headers }), body: '[]' })
    assert.equal((await post({ Origin: 'https://evil.example' })).status, 403)
    assert.equal((await post({ Origin: `http://127.0.0.1:${server.port + 1}` })).status, 403)
    assert.equal((await post({ 'Sec-Fetch-Site': 'cross-site' })).status, 403)
    assert.equal((await post({ Origin: `http://127.0.0.1:${server.port}` })).status, 200)
  })

  it('refuses a Host header other than the loopback address and port (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      assert.equal((await send({ path: '/', headers: withToken({ Host: host }) })).status, 403, host)
    }
  })

  it('refuses path traversal out of the renderer folder in every spelling', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/..\\secret.txt',
      '//etc/passwd',
      `/${encodeURIComponent(join(scratch, 'secret.txt'))}`,
      `http://127.0.0.1:${server.port}/../secret.txt`,
      '/leak.txt',
      '/assets/up/secret.txt',
      '/%00',
      '/%E0%A4%A',
    ]
    for (const path of attempts) {
      const reply = await send({ path, headers: withToken() })
      assert.equal(reply.status, 403, path)
      assert.ok(!reply.body.includes(secret), path)
    }
  })
})

describe('the contract over HTTP', () => {
  it('answers host calls, with the folder from the command line already open', async () => {
    const workspace = await call<Workspace>('getWorkspace', [])
    assert.equal(workspace.root, folder)
    assert.deepEqual(workspace.files.map((f) => f.relPath), [episodeName])
    const opened = (await readOverHttp(workspace.files[0]!.handle)).file
    assert.match(opened.text, /^---/)
    const text = opened.text.replace(/^(- line: )([A-Za-z])/m, '$1EDITED $2')
    const result = await call<{ ok: boolean }>('saveFile', [
      { handle: opened.handle, text, baseHash: opened.hash, expectedDigest: episodeDigest(parseEpisode(text)) },
    ])
    assert.equal(result.ok, true)
    assert.equal(await call('writeDraft', [opened.handle, text, text]), null)
  })

  it('answers readFile with the file\'s fields as one line of JSON, then its bytes exactly as on disk (not escaped as JSON)', async () => {
    const workspace = await call<Workspace>('getWorkspace', [])
    const { reply, file, textBytes } = await readOverHttp(workspace.files[0]!.handle)
    assert.equal(reply.headers['content-type'], openedFileContentType)
    assert.deepEqual(textBytes, await readFile(join(folder, episodeName)))
    assert.equal(file.handle, workspace.files[0]!.handle)
    assert.equal(file.path, join(folder, episodeName))
    assert.match(file.hash, /^[0-9a-f]{64}$/)
  })

  it('refuses paths and unknown handles where handles are expected', async () => {
    for (const [args, status] of [
      [['/etc/passwd'], 400],
      [['../secret.txt'], 400],
      [[`h${'0'.repeat(32)}`], 403],
    ] as const) {
      const reply = await send({ method: 'POST', path: '/api/readFile', headers: withToken({ 'Content-Type': 'application/json' }), body: JSON.stringify(args) })
      assert.equal(reply.status, status, JSON.stringify(args))
      assert.equal(typeof JSON.parse(reply.body).error, 'string')
    }
  })

  it('opens only what serve was given and recent items, refusing any other path in plain words', async () => {
    const post = (path: string) =>
      send({ method: 'POST', path: '/api/openPath', headers: withToken({ 'Content-Type': 'application/json' }), body: JSON.stringify([path]) })
    for (const outside of ['/', scratch, join(scratch, 'renderer'), '/etc', join(folder, '..', '..')]) {
      const reply = await post(outside)
      assert.equal(reply.status, 403, outside)
      assert.match(JSON.parse(reply.body).error, /only what transcript-editor serve was given/)
    }
    assert.equal((await post(join(folder, episodeName))).status, 200)
    assert.equal((await post(folder)).status, 200)
  })

  it('does not list a link that points out of the workspace', async () => {
    const workspace = await call<Workspace>('getWorkspace', [])
    assert.ok(!workspace.files.some((f) => f.relPath === 'linked-out.md'))
  })

  it('refuses unknown methods, wrong verbs, non-JSON bodies and malformed arguments', async () => {
    const post = (path: string, body: string, type = 'application/json') =>
      send({ method: 'POST', path, headers: withToken({ 'Content-Type': type }), body })
    assert.equal((await post('/api/deleteEverything', '[]')).status, 404)
    assert.equal((await post('/api/constructor', '[]')).status, 404)
    assert.equal((await post('/api/listRecent', '[]', 'text/plain')).status, 415)
    assert.equal((await post('/api/listRecent', 'not json')).status, 400)
    assert.equal((await post('/api/openPath', '{"path":"/"}')).status, 400)
    assert.equal((await send({ path: '/api/listRecent', headers: withToken() })).status, 405)
  })

  it('streams host events over Server-Sent Events', async () => {
    const workspace = await call<Workspace>('getWorkspace', [])
    const opened = (await readOverHttp(workspace.files[0]!.handle)).file
    const received = new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { Cookie: `transcript-editor-${server.port}=${server.token}` } },
        (res) => {
          assert.match(res.headers['content-type'] ?? '', /^text\/event-stream/)
          let buffer = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            buffer += chunk
            if (buffer.includes(': connected')) void writeFile(join(folder, episodeName), opened.text.replace(/^title: .*$/m, 'title: Changed elsewhere'))
            const match = /^data: (.+)$/m.exec(buffer)
            if (match) {
              resolve(match[1]!)
              req.destroy()
            }
          })
        },
      )
      req.on('error', (error) => (error.message === 'socket hang up' ? undefined : reject(error)))
      req.end()
    })
    assert.deepEqual(JSON.parse(await received), { type: 'file-changed', handle: opened.handle })
  })
})

describe('the browser bridge', () => {
  it('implements every method of the contract over HTTP, and throws the host\'s refusals', async () => {
    const bridge = createBrowserBridge({ baseUrl: server.origin, token: server.token })
    const workspace = await bridge.getWorkspace()
    assert.equal(workspace.root, folder)
    const opened = await bridge.readFile(workspace.files[0]!.handle)
    assert.equal(opened.handle, workspace.files[0]!.handle)
    assert.equal(await bridge.openFileDialog(), null, 'browser mode has no native dialogs')
    assert.ok(Array.isArray(await bridge.listRecent()))
    await bridge.setDirty?.([])
    await assert.rejects(bridge.readFile(`h${'1'.repeat(32)}`), (error: unknown) => error instanceof HostCallError && error.code === 'refused' && error.status === 403)
  })

  it('reads a file back exactly: a byte order mark, dashes and emoji in its text, and the draft offered with it', async () => {
    const bridge = createBrowserBridge({ baseUrl: server.origin, token: server.token })
    const path = join(folder, 'bom-and-draft.md')
    const disk = '\uFEFF---\ntitle: "Caf\u00e9 \u2014 \uD83C\uDF99\uFE0F"\ntranscript:\n- line: "Na\u00efve \u201cquotes\u201d\\n"\n---\n'
    await writeFile(path, disk)
    const handle = (await bridge.openPath(path)).opened!
    const first = await bridge.readFile(handle)
    assert.equal(first.text, disk)
    const draft = `${disk.replace('Na\u00efve', 'Draft\nline')}\n`
    await bridge.writeDraft(handle, draft, disk)
    const again = await bridge.readFile(handle)
    assert.equal(again.text, disk)
    assert.equal(again.draft?.text, draft)
    assert.equal(again.draft?.base, disk, 'with the text its changes were made to')
    await bridge.discardDraft(handle)
  })

  it('refuses a file that is not UTF-8 in plain words, and does not offer a draft equal to the file', async () => {
    const bridge = createBrowserBridge({ baseUrl: server.origin, token: server.token })
    const latin1 = join(folder, 'latin1.md')
    await writeFile(latin1, Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'))
    const refusedHandle = (await bridge.openPath(latin1)).opened!
    await assert.rejects(bridge.readFile(refusedHandle), (error: unknown) => error instanceof HostCallError && /not UTF-8 text/.test(error.message))
    const path = join(folder, 'draft-equal.md')
    const disk = '---\ntitle: "Caf\u00e9"\n---\n'
    await writeFile(path, disk)
    const handle = (await bridge.openPath(path)).opened!
    await bridge.writeDraft(handle, disk, disk)
    assert.equal((await bridge.readFile(handle)).draft, undefined)
  })

  it('is refused without the token', async () => {
    const bridge = createBrowserBridge({ baseUrl: server.origin, token: null })
    await assert.rejects(bridge.getWorkspace(), (error: unknown) => error instanceof HostCallError && error.status === 403)
  })
})

describe('starting', () => {
  it('says to run the build when the renderer is missing', async () => {
    const bare = await startServer({ dataDir: join(scratch, 'data-bare'), rendererDir: join(scratch, 'no-build') })
    try {
      const reply = await send({ path: '/', port: bare.port, headers: { 'X-Transcript-Token': bare.token } })
      assert.equal(reply.status, 503)
      assert.match(reply.body, /npm run build/)
      assert.equal(bare.rendererBuilt, false)
    } finally {
      await bare.close()
    }
  })

  it('serve FILE opens that file: the page finds it in the workspace as the opened one', async () => {
    const single = await startServer({ dataDir: join(scratch, 'data-single'), rendererDir: join(scratch, 'renderer'), openPath: join(folder, episodeName) })
    try {
      const reply = await send({ method: 'POST', path: '/api/getWorkspace', port: single.port, headers: { 'X-Transcript-Token': single.token, 'Content-Type': 'application/json' }, body: '[]' })
      const workspace = JSON.parse(reply.body) as Workspace
      assert.deepEqual(workspace.files.map((f) => f.relPath), [episodeName])
      assert.equal(workspace.opened, workspace.files[0]!.handle)
    } finally {
      await single.close()
    }
  })

  it('reads the serve command line', () => {
    assert.deepEqual(parseServeArgs(['site/_podcast', '--port', '8123', '--data-dir', 'data'], '/home/me'), {
      dataDir: '/home/me/data',
      port: 8123,
      openPath: '/home/me/site/_podcast',
    })
    assert.equal(parseServeArgs([]).port, 0)
    assert.throws(() => parseServeArgs(['--port', 'http']), /--port/)
    assert.throws(() => parseServeArgs(['a', 'b']), /one file or folder/)
  })

  it('npm run serve starts browser mode on the folder it was run in and prints the URL', async () => {
    const here = join(scratch, 'here')
    await mkdir(here, { recursive: true })
    await copyEpisode(join(sourceDir, episodeName), join(here, episodeName))
    const child = spawn('npm', ['--prefix', repo, 'run', 'serve', '--', '--data-dir', join(scratch, 'data-npm')], {
      cwd: here,
      env: { ...process.env, INIT_CWD: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    try {
      const url = await printedUrl(child)
      const port = Number(new URL(url).port)
      const token = new URL(url).searchParams.get('token')!
      const reply = await send({ method: 'POST', path: '/api/getWorkspace', port, headers: { 'X-Transcript-Token': token, 'Content-Type': 'application/json' }, body: '[]' })
      const workspace = JSON.parse(reply.body) as Workspace
      assert.equal(workspace.root, here)
      assert.deepEqual(workspace.files.map((f) => f.relPath), [episodeName])
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.on('exit', resolve))
        process.kill(-child.pid!, 'SIGTERM')
        await exited
      }
    }
  })

  it('prints the URL to open on a line of its own', async () => {
    const child = spawn(process.execPath, ['bin/transcript-editor.js', 'serve', folder, '--data-dir', join(scratch, 'data-cli')], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const url = await printedUrl(child)
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+$/)
      const port = Number(new URL(url).port)
      const entry = await send({ path: new URL(url).pathname + new URL(url).search, port })
      assert.equal(entry.status, 303, 'the tokened address sets the cookie and drops the token')
      const page = await send({ path: entry.headers.location!, port, headers: { Cookie: String(entry.headers['set-cookie']).split(';')[0]! } })
      assert.ok([200, 503].includes(page.status), 'the page, or the message to build it')
    } finally {
      const exited = new Promise((resolve) => child.on('exit', resolve))
      child.kill('SIGTERM')
      await exited
    }
  })
})
