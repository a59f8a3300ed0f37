import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'node:test'
import { distBlocker, electronCacheDir, electronDownloadUrl, electronZipName, findCachedZip } from '../electron/dist'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..')

describe('npm run dist', () => {
  it('names the zip and the URL electron-builder downloads, mirrors included', () => {
    const zip = electronZipName('45.5.0', 'linux', 'x64')
    assert.equal(zip, 'electron-v45.5.0-linux-x64.zip')
    assert.equal(electronDownloadUrl('45.5.0', zip, {}), 'https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip')
    assert.equal(electronDownloadUrl('45.5.0', zip, { ELECTRON_MIRROR: 'https://mirror.example/electron' }), 'https://mirror.example/electron/v45.5.0/electron-v45.5.0-linux-x64.zip')
    assert.equal(electronCacheDir({ ELECTRON_CACHE: '/c' }), '/c')
    assert.equal(electronCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux'), join('/x', 'electron'))
  })

  it('finds a cached zip in the cache folder or its per-URL subfolders', () => {
    const cache = mkdtempSync(join(tmpdir(), 'te-electron-cache-'))
    try {
      const zip = 'electron-v45.5.0-linux-x64.zip'
      assert.equal(findCachedZip(cache, zip), null)
      mkdirSync(join(cache, 'abc123'))
      writeFileSync(join(cache, 'abc123', zip), '')
      assert.equal(findCachedZip(cache, zip), join(cache, 'abc123', zip))
      assert.equal(findCachedZip(join(cache, 'missing'), zip), null)
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
  })

  it('goes ahead with an unpacked Electron, a cached zip or a reachable server, and only then', () => {
    const url = 'https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip'
    const none = { distPath: null, cachedZip: null, downloadable: false }
    assert.equal(distBlocker({ ...none, distPath: '/opt/electron' }, url), null)
    assert.equal(distBlocker({ ...none, cachedZip: '/c/z.zip' }, url), null)
    assert.equal(distBlocker({ ...none, downloadable: true }, url), null)
    assert.match(distBlocker(none, url) ?? '', /cannot be downloaded from https:\/\/github\.com/)
  })

  it('stops here with one line saying why, and no stack trace', () => {
    const cache = mkdtempSync(join(tmpdir(), 'te-electron-cache-'))
    try {
      const env = { ...process.env, ELECTRON_CACHE: cache, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_OVERRIDE_DIST_PATH: '' }
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/dist.ts'], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 })
      assert.equal(result.status, 1)
      assert.equal(result.stdout, '')
      const lines = result.stderr.trim().split('\n')
      assert.equal(lines.length, 1, result.stderr)
      assert.match(lines[0]!, /^npm run dist cannot build the installers here: .*Electron's binary.*http:\/\/127\.0\.0\.1:9/)
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
  })
})
