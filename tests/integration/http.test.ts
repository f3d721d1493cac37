/** HTTP on the relay's port: health, the built client with SPA fallback, and the not-built page. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RelayHandle, startRelay } from '../helpers/relay.ts'

const INDEX_HTML = '<!doctype html><title>Kenlabour test dist</title><div id="root"></div>'
const APP_JS = 'console.log("app")'

let relay: RelayHandle
let missingDist: RelayHandle

beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), 'kenlabour-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), INDEX_HTML)
  writeFileSync(join(dist, 'assets', 'app-1234.js'), APP_JS)
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  ;[relay, missingDist] = await Promise.all([
    startRelay({ args: ['--no-seed', '--client-dist', dist] }),
    startRelay({ args: ['--no-seed', '--client-dist', join(dist, 'does-not-exist')] }),
  ])
})
afterAll(async () => {
  await Promise.all([relay?.stop(), missingDist?.stop()])
})

describe('HTTP', () => {
  it('answers /api/health with JSON', async () => {
    const res = await fetch(`${relay.url}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', uptime: expect.any(Number), rooms: 0, connections: 0 })
  })

  it('answers 404 JSON for an unknown API path', async () => {
    const res = await fetch(`${relay.url}/api/nope`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
  })

  it.each(['/', '/s/inspirations', '/s/inspirations/f/SomeId'])(
    'serves index.html for the SPA route %s',
    async (path) => {
      const res = await fetch(`${relay.url}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toBe(INDEX_HTML)
    },
  )

  it('serves assets with their content type and a long cache', async () => {
    const res = await fetch(`${relay.url}/assets/app-1234.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/)
    expect(await res.text()).toBe(APP_JS)
    const svg = await fetch(`${relay.url}/favicon.svg`)
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    expect(svg.headers.get('cache-control')).toBe('no-cache')
  })

  it('answers 404, not the app, for missing files and paths escaping the dist directory', async () => {
    expect((await fetch(`${relay.url}/assets/missing.js`)).status).toBe(404)
    expect((await fetch(`${relay.url}/missing.png`)).status).toBe(404)
    const escaping = await fetch(`${relay.url}/..%2f..%2fetc%2fpasswd`)
    expect(escaping.status).toBe(404)
    expect(await escaping.text()).not.toContain('root:')
  })

  it('answers 426 to a plain HTTP request on /sync', async () => {
    expect((await fetch(`${relay.url}/sync/inspirations/_index`)).status).toBe(426)
  })

  it('answers 503 with the fix when the client is not built', async () => {
    const res = await fetch(`${missingDist.url}/s/inspirations`)
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build')
    expect((await fetch(`${missingDist.url}/api/health`)).status).toBe(200)
  })
})
