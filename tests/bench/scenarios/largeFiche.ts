/**
 * Open a large fiche from IndexedDB in headless Chromium: a fiche grown by many edits to ~2 MB
 * (5 MB full; tombstones included) is written into the page's IndexedDB as y-indexeddb lays it out,
 * the relay socket is intercepted (never reaches the server), and the fiche page is opened. Measured
 * from navigation start to the title and the last paragraph of the last section being in the DOM:
 * what a reader waits for when the network is slow or absent.
 */
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { launchBrowser } from '../../helpers/browser.ts'
import { startRelay } from '../../helpers/relay.ts'
import { waitFor } from '../../helpers/waitFor.ts'
import { buildLargeFiche } from '../load/largeFiche.ts'
import { percentile } from '../stats.ts'
import { chromium } from './catalog.ts'
import type { Measurement, RunOptions, Scenario } from './types.ts'

const SPACE = 'bench'
const ID = 'GrandeFiche'
const FIXTURE_PATH = '/__bench/large-fiche.bin'

const workload = (options: RunOptions) =>
  options.quick ? { bytes: 300_000, opens: 2 } : { bytes: 5_000_000, opens: 5 }

/** The fiche's whole state, built by ~10 KB edits, and the text of its last paragraph. */
const buildFixture = async (bytes: number): Promise<{ update: Uint8Array; title: string; size: number }> => {
  const doc = new Y.Doc()
  const size = await buildLargeFiche(doc, ID, bytes, 10_000, async (change) => change())
  return { update: Y.encodeStateAsUpdate(doc), title: `Grande fiche ${ID}`, size }
}

const storeInIndexedDb = (page: Page, name: string): Promise<void> =>
  page.evaluate(
    async ({ path, dbName }) => {
      const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer())
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(dbName)
        request.onupgradeneeded = () => {
          request.result.createObjectStore('updates', { autoIncrement: true })
          request.result.createObjectStore('custom')
        }
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const tx = request.result.transaction('updates', 'readwrite')
          tx.objectStore('updates').add(bytes)
          tx.oncomplete = () => {
            request.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      })
    },
    { path: FIXTURE_PATH, dbName: name },
  )

/** Records when the page shows the fiche's title in its h1 (ms since navigation start). */
const watchTitle = (title: string) => `
  window.__shownAt = null;
  new MutationObserver((_, observer) => {
    const h1 = document.querySelector('h1');
    if (h1 && h1.textContent === ${JSON.stringify(title)} && document.querySelectorAll('main p').length > 100) {
      window.__shownAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
`

export const largeFiche: Scenario = {
  name: 'large-fiche',
  summary: (options) => {
    const w = workload(options)
    return `open a ${(w.bytes / 1e6).toFixed(1)} MB fiche from IndexedDB in headless Chromium (socket intercepted), ${w.opens} opens`
  },
  subjects: () => [chromium],
  measure: async (_subject, options): Promise<Measurement> => {
    const w = workload(options)
    const fixture = await buildFixture(w.bytes)
    const relay = await startRelay({ args: ['--no-seed'] })
    const browser = await launchBrowser()
    try {
      const context = await browser.newContext()
      // The relay never sees this fiche: every sync socket is answered by nobody.
      await context.routeWebSocket(/\/sync\//, () => {})
      await context.route(`**${FIXTURE_PATH}`, (route) =>
        route.fulfill({ body: Buffer.from(fixture.update), contentType: 'application/octet-stream' }),
      )
      await context.addInitScript(watchTitle(fixture.title))
      const page = await context.newPage()
      await page.goto(`${relay.url}/page-that-opens-no-document`)
      await storeInIndexedDb(page, `${SPACE}/${ID}`)
      const opens: number[] = []
      for (let i = 0; i < w.opens; i++) {
        await page.goto(`${relay.url}/s/${SPACE}/f/${ID}`)
        await waitFor(
          () => page.evaluate(() => (window as unknown as { __shownAt: number | null }).__shownAt !== null),
          120_000,
          'large fiche rendered',
        )
        opens.push(await page.evaluate(() => (window as unknown as { __shownAt: number }).__shownAt))
      }
      const paragraphs = await page.locator('main p').count()
      return {
        figures: {
          open: { label: 'open large fiche (median)', unit: 'ms', value: percentile(opens, 50), digits: 0 },
          openMax: { label: 'open large fiche (slowest)', unit: 'ms', value: Math.max(...opens), digits: 0 },
          size: {
            label: 'fiche size (encoded)',
            unit: 'KB',
            value: fixture.size / 1000,
            digits: 0,
            context: true,
          },
          paragraphs: { label: 'paragraphs rendered', unit: '', value: paragraphs, digits: 0, context: true },
        },
        checks: [
          { name: 'rendered from IndexedDB', ok: opens.length === w.opens, detail: `${opens.length} opens` },
        ],
      }
    } finally {
      await browser.close()
      await relay.stop()
    }
  },
}
