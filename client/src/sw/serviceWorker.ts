/**
 * The service worker: keeps the built app (HTML shell, scripts, styles) in Cache Storage so that the
 * app opens without the relay. Fiche content never goes through here: it lives in IndexedDB
 * (y-indexeddb) and syncs over the WebSocket.
 *
 * - install: precache every file of the build (the list is written into this file at build time by
 *   `vite.config.ts`, so each build is a new service worker);
 * - navigations: network first, the cached shell when the network fails (every route is the SPA);
 * - built files: cache first (their names carry a content hash);
 * - everything else (`/api`, other origins): not touched.
 *
 * Compiled with the DOM typings of the client; the few service-worker types are declared here.
 */

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Response | Promise<Response>): void
}
interface ServiceWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
  skipWaiting(): Promise<void>
  readonly clients: { claim(): Promise<void> }
  readonly location: Location
}

interface PrecacheManifest {
  readonly version: string
  readonly urls: readonly string[]
}

const sw = self as unknown as ServiceWorkerScope & { __KENLABOUR_PRECACHE__?: PrecacheManifest }

/** Set by the first line of the built `sw.js` (see `vite.config.ts`). */
const manifest: PrecacheManifest = sw.__KENLABOUR_PRECACHE__ ?? { version: 'dev', urls: [] }
const CACHE = `kenlabour-shell-${manifest.version}`
const CACHE_PREFIX = 'kenlabour-shell-'
const precached = new Set(manifest.urls)

sw.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(manifest.urls))
      .then(() => sw.skipWaiting()),
  )
})

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => sw.clients.claim()),
  )
})

const shell = async (): Promise<Response> =>
  (await caches.match('/', { cacheName: CACHE })) ?? new Response('Offline', { status: 503 })

sw.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (
    url.origin !== sw.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/sync')
  ) {
    return
  }
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).catch(shell))
    return
  }
  if (precached.has(url.pathname)) {
    event.respondWith(caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)))
  }
})
