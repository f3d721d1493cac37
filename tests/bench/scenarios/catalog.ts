/**
 * The directory with 10,000 fiches, in headless Chromium (the performance targets):
 *
 * - open: a navigation to the space's directory until "10000 fiches trouvées" is rendered and the
 *   next frame painted, the catalog coming from IndexedDB only (the relay refuses this space without
 *   a token, so nothing arrives from the network: the local-first path is what is measured). The
 *   first open has only the index document (y-indexeddb) to decode; it is reported on its own
 *   (context). Later opens, the target, start from the catalog snapshot the first one cached, as
 *   any visit after the first does; how long the index document itself takes to load and be live
 *   behind it is reported too (context);
 * - keystroke / facet click: from the input event (or the checkbox click) to the results for that
 *   text shown in the DOM and laid out (a forced layout at the end), timed in the page with
 *   `performance.now()`. Search answers come from a worker, so a keystroke is done when the results
 *   region says it shows that text (`data-query`) and is no longer `aria-busy`; the count shown is
 *   checked against the expected one;
 * - search ready: how long after the first render the full-text index covers every fiche;
 * - initial JavaScript: gzip size of the entry chunk and its static imports in `client/dist`;
 * - CPU of other processes: the machine's busy share minus this process tree (the bench, the relay,
 *   Chromium), in cores: when it is high the figures are the machine's, not the app's.
 *
 * The catalog (entries with their full searchText) is generated in Node and written into the
 * browser's IndexedDB as the one update y-indexeddb would hold.
 */
import { existsSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { chromiumPath, launchBrowser } from '../../helpers/browser.ts'
import { startRelay } from '../../helpers/relay.ts'
import { waitFor } from '../../helpers/waitFor.ts'
import { generateCatalog } from '../load/catalogFixture.ts'
import { cpuMs, machineJiffies } from '../load/procfs.ts'
import { percentile } from '../stats.ts'
import { ROOT } from '../versions.ts'
import type { Measurement, RunOptions, Scenario, Subject } from './types.ts'

const SPACE = 'bench'
const FIXTURE_PATH = '/__bench/catalog.bin'

const FULL = { fiches: 10_000, opens: 3, keystrokes: 3, facetClicks: 20 }
const QUICK = { fiches: 1_000, opens: 1, keystrokes: 1, facetClicks: 6 }
const pick = (options: RunOptions) => (options.quick ? QUICK : FULL)

/** Typed one character at a time, then erased: prefixes of real words of the generated text. */
const QUERY = 'jardin partag'

export const chromium: Subject = {
  name: 'chromium',
  label: 'headless Chromium',
  unavailable: () => {
    try {
      chromiumPath()
      return null
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    }
  },
}

/** Gzip bytes of the HTML's entry script and every chunk it imports statically (recursively). */
export const initialGzipBytes = (dist: string): number => {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const entries = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]!)
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(join(dist, file), 'utf8')
    const dir = file.slice(0, file.lastIndexOf('/') + 1)
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^"'()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
      visit(dir + m[1]!.slice(2))
    }
  }
  for (const entry of entries) visit(entry)
  return [...seen].reduce((n, file) => n + gzipSync(readFileSync(join(dist, file))).byteLength, 0)
}

/** Writes the fixture into IndexedDB as y-indexeddb lays it out (database `<space>/_index`). */
const loadFixture = (page: Page): Promise<void> =>
  page.evaluate(
    async ({ path, name }) => {
      const bytes = new Uint8Array(await (await fetch(path)).arrayBuffer())
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onupgradeneeded = () => {
          request.result.createObjectStore('updates', { autoIncrement: true })
          request.result.createObjectStore('custom')
        }
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const tx = db.transaction('updates', 'readwrite')
          tx.objectStore('updates').add(bytes)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      })
    },
    { path: FIXTURE_PATH, name: `${SPACE}/_index` },
  )

/**
 * Helpers installed in every page (plain JavaScript in an init script: functions written in this
 * file and sent by `page.evaluate` would carry the TypeScript loader's `__name` helper with them).
 *
 * - `countShownAt`: when the results count first showed `text` and the frame showing it was painted
 *   (the task after that frame's animation callbacks), in ms since navigation start;
 * - `state()`: the results region's state: the catalog's source (snapshot, live), the text it shows
 *   results for, whether it awaits an answer, the count, whether the index is still being built;
 * - `snapshotSaved(space)`: whether the snapshot cache holds the catalog of `space`;
 * - `timedInput(value)`: one input event on the search box, timed until the results region shows the
 *   results for that text (`data-query`, not `aria-busy`: the search worker answered and React
 *   rendered them), laid out;
 * - `timedFacetClick(i)`: one click on the i-th enabled checkbox of "Type d'acteur", timed likewise.
 */
const pageHelpers = (text: string) => `
window.__bench = { countShownAt: null };
new MutationObserver(function (_, observer) {
  var el = document.getElementById('results-count');
  if (el && el.textContent === ${JSON.stringify(text)}) {
    observer.disconnect();
    requestAnimationFrame(function () {
      setTimeout(function () { window.__bench.countShownAt = performance.now(); }, 0);
    });
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
window.__bench.state = function () {
  var section = document.querySelector('section.results');
  var count = document.getElementById('results-count');
  return {
    catalog: section ? section.dataset.catalog || null : null,
    query: section ? section.dataset.query || '' : null,
    busy: section ? section.hasAttribute('aria-busy') : true,
    count: count ? count.textContent : '',
    indexing: document.body.textContent.indexOf('Préparation de la recherche…') !== -1,
  };
};
window.__bench.snapshotSaved = function (space) {
  return new Promise(function (resolve) {
    var request = indexedDB.open('kenlabour-catalog-cache');
    request.onerror = function () { resolve(false); };
    request.onsuccess = function () {
      var db = request.result;
      if (!db.objectStoreNames.contains('snapshots')) { db.close(); resolve(false); return; }
      var get = db.transaction('snapshots', 'readonly').objectStore('snapshots').get(space);
      get.onsuccess = function () { db.close(); resolve(get.result !== undefined); };
      get.onerror = function () { db.close(); resolve(false); };
    };
  });
};
window.__bench.timedInput = function (next) {
  return new Promise(function (resolve) {
    var input = document.querySelector('input[type="search"]');
    var section = document.querySelector('section.results');
    var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    function shown() { return section.dataset.query === next && !section.hasAttribute('aria-busy'); }
    var t0 = performance.now();
    function finish() {
      void document.body.offsetHeight;
      var count = document.getElementById('results-count');
      resolve({ ms: performance.now() - t0, count: count ? count.textContent : '' });
    }
    setter.call(input, next);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    if (shown()) { finish(); return; }
    var observer = new MutationObserver(function () {
      if (!shown()) return;
      observer.disconnect();
      finish();
    });
    observer.observe(section, { attributes: true, attributeFilter: ['data-query', 'aria-busy'] });
  });
};
window.__bench.timedFacetClick = function (i) {
  var group = Array.from(document.querySelectorAll('fieldset.facet')).find(function (f) {
    var legend = f.querySelector('legend');
    return legend && legend.textContent.indexOf("Type d'acteur") === 0;
  });
  var boxes = group.querySelectorAll('input[type="checkbox"]:not(:disabled)');
  var box = boxes[i % boxes.length];
  var t0 = performance.now();
  box.click();
  void document.body.offsetHeight;
  var ms = performance.now() - t0;
  var count = document.getElementById('results-count');
  return { ms: ms, count: count ? count.textContent : '' };
};
`

interface ResultsState {
  readonly catalog: string | null
  readonly query: string | null
  readonly busy: boolean
  readonly count: string
  readonly indexing: boolean
}
interface Timed {
  readonly ms: number
  readonly count: string
}
interface BenchWindow {
  readonly __bench: {
    readonly countShownAt: number | null
    state(): ResultsState
    snapshotSaved(space: string): Promise<boolean>
    timedInput(value: string): Promise<Timed>
    timedFacetClick(index: number): Timed
  }
}

/** Waits for the current page to have painted `expected` and returns when (ms since navigation). */
const countShownAt = async (page: Page, expected: string): Promise<number> => {
  await waitFor(
    () => page.evaluate(() => (window as unknown as BenchWindow).__bench.countShownAt !== null),
    120_000,
    `"${expected}" rendered`,
  )
  return page.evaluate(() => (window as unknown as BenchWindow).__bench.countShownAt!)
}

const resultsState = (page: Page): Promise<ResultsState> =>
  page.evaluate(() => (window as unknown as BenchWindow).__bench.state())
const snapshotSaved = (page: Page, space: string): Promise<boolean> =>
  page.evaluate((name) => (window as unknown as BenchWindow).__bench.snapshotSaved(name), space)
const timedInput = (page: Page, value: string): Promise<Timed> =>
  page.evaluate((next) => (window as unknown as BenchWindow).__bench.timedInput(next), value)
const timedFacetClick = (page: Page, index: number): Promise<Timed> =>
  page.evaluate((i) => (window as unknown as BenchWindow).__bench.timedFacetClick(i), index)

const frameFigure = (label: string, value: number) => ({ label, unit: 'ms', value, digits: 1, target: 16 })

export const catalog: Scenario = {
  name: 'catalog',
  summary: (options) => {
    const w = pick(options)
    return `directory of ${w.fiches} generated fiches from IndexedDB in headless Chromium: ${w.opens} opens, "${QUERY}" typed and erased ${w.keystrokes}x, ${w.facetClicks} facet clicks`
  },
  subjects: () => [chromium],
  measure: async (_subject, options): Promise<Measurement> => {
    const w = pick(options)
    const jiffies0 = machineJiffies()
    const cpu0 = cpuMs(process.pid)
    const wall0 = performance.now()
    const fixture = generateCatalog(w.fiches)
    const expected = `${w.fiches} fiches trouvées`
    const relay = await startRelay({ args: ['--no-seed'] })
    const browser = await launchBrowser()
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      await context.route(`**${FIXTURE_PATH}`, (route) =>
        route.fulfill({ body: Buffer.from(fixture.update), contentType: 'application/octet-stream' }),
      )
      await context.addInitScript(pageHelpers(expected))
      const page = await context.newPage()
      await page.goto(`${relay.url}/page-that-opens-no-document`)
      await loadFixture(page)

      // First open: only the index document is there. Then everything a first visit leaves behind
      // (the catalog snapshot, the built search index) is waited for.
      await page.goto(`${relay.url}/s/${SPACE}`)
      const firstOpen = await countShownAt(page, expected)
      await waitFor(async () => (await resultsState(page)).catalog === 'live', 120_000, 'catalog live')
      await waitFor(() => snapshotSaved(page, SPACE), 60_000, 'catalog snapshot saved')
      const ready = async (text: string) => {
        const state = await resultsState(page)
        return !state.indexing && !state.busy && state.query === text && state.count !== expected
      }
      await page.getByRole('searchbox').fill('jardin')
      await waitFor(() => ready('jardin'), 120_000, 'search index built')

      const opens: number[] = []
      for (let i = 0; i < w.opens; i++) {
        await page.goto(`${relay.url}/s/${SPACE}`)
        opens.push(await countShownAt(page, expected))
      }
      // Behind the last open: the index document loaded and followed live, the search index loaded.
      await waitFor(async () => (await resultsState(page)).catalog === 'live', 120_000, 'catalog live')
      const liveMs = await page.evaluate(() => performance.now())
      await page.getByRole('searchbox').fill('jardin')
      await waitFor(() => ready('jardin'), 60_000, 'search index ready')
      const searchReadyMs = await page.evaluate(() => performance.now())
      await page.getByRole('searchbox').fill('')
      await waitFor(
        async () => (await page.locator('#results-count').textContent()) === expected,
        10_000,
        'reset',
      )

      const keystrokes: number[] = []
      let keystrokeCountsOk = true
      for (let r = 0; r < w.keystrokes; r++) {
        const steps = [
          ...Array.from(QUERY, (_, i) => QUERY.slice(0, i + 1)),
          ...Array.from(QUERY, (_, i) => QUERY.slice(0, QUERY.length - 1 - i)),
        ]
        for (const value of steps) {
          const { ms, count } = await timedInput(page, value)
          keystrokes.push(ms)
          if (value === '' && count !== expected) keystrokeCountsOk = false
        }
      }

      const clicks: number[] = []
      const counts = new Set<string>()
      for (let i = 0; i < w.facetClicks; i++) {
        // Check then uncheck the same option: every click changes the results.
        const { ms, count } = await timedFacetClick(page, Math.floor(i / 2))
        clicks.push(ms)
        counts.add(count)
      }
      const associationsShown = await (async () => {
        await page.goto(`${relay.url}/s/${SPACE}?acteur=association`)
        const want = `${fixture.associations} fiches trouvées`
        try {
          await waitFor(
            async () => (await page.locator('#results-count').textContent()) === want,
            20_000,
            want,
          )
          return true
        } catch {
          return false
        }
      })()
      const renderedCards = await page.locator('.fiche-card').count()

      const dist = join(ROOT, 'client/dist')
      const gzipKb = existsSync(join(dist, 'index.html')) ? initialGzipBytes(dist) / 1024 : Number.NaN
      const jiffies1 = machineJiffies()
      const seconds = (performance.now() - wall0) / 1000
      const busyShare = (jiffies1.busy - jiffies0.busy) / Math.max(1, jiffies1.total - jiffies0.total)
      const busyPct = 100 * busyShare
      const ownCores = (cpuMs(process.pid) - cpu0) / 1000 / seconds
      const otherCores = Math.max(0, busyShare * cpus().length - ownCores)
      const openMedian = percentile(opens, 50)
      const keyP95 = percentile(keystrokes, 95)
      const clickP95 = percentile(clicks, 95)
      return {
        figures: {
          open: { label: 'open catalog (median)', unit: 'ms', value: openMedian, digits: 0, target: 1000 },
          keyMedian: frameFigure('keystroke (median)', percentile(keystrokes, 50)),
          keyP95: frameFigure('keystroke (p95)', keyP95),
          facetMedian: frameFigure('facet click (median)', percentile(clicks, 50)),
          facetP95: frameFigure('facet click (p95)', clickP95),
          firstOpen: {
            label: 'first open, before any snapshot (index document decoded)',
            unit: 'ms',
            value: firstOpen,
            digits: 0,
            context: true,
          },
          live: {
            label: 'index document loaded and live after navigation',
            unit: 'ms',
            value: liveMs,
            digits: 0,
            context: true,
          },
          searchReady: {
            label: 'search index ready after navigation',
            unit: 'ms',
            value: searchReadyMs,
            digits: 0,
            context: true,
          },
          gzip: { label: 'initial JS gzip', unit: 'KB', value: gzipKb, digits: 1, target: 150 },
          busy: {
            label: 'machine busy during the run (all processes)',
            unit: '%',
            value: busyPct,
            digits: 0,
            context: true,
          },
          otherCores: {
            label: 'CPU of other processes on the machine',
            unit: 'cores',
            value: otherCores,
            digits: 2,
            context: true,
          },
          fixture: {
            label: 'IndexedDB catalog size',
            unit: 'MB',
            value: fixture.update.byteLength / 1e6,
            digits: 1,
            context: true,
          },
        },
        checks: [
          { name: 'open < 1 s', ok: openMedian < 1000, detail: `${openMedian.toFixed(0)} ms` },
          { name: 'keystroke p95 < 16 ms', ok: keyP95 < 16, detail: `${keyP95.toFixed(1)} ms` },
          { name: 'facet click p95 < 16 ms', ok: clickP95 < 16, detail: `${clickP95.toFixed(1)} ms` },
          { name: 'erasing the query restores every fiche', ok: keystrokeCountsOk, detail: expected },
          {
            name: 'facet count matches the data',
            ok: associationsShown,
            detail: `${fixture.associations} associations`,
          },
          { name: 'facet clicks change the results', ok: counts.size > 1, detail: [...counts].join(' / ') },
          {
            name: 'results are paginated',
            ok: renderedCards > 0 && renderedCards <= 100,
            detail: `${renderedCards} cards rendered`,
          },
          { name: 'initial JS < 150 KB gzip', ok: gzipKb < 150, detail: `${gzipKb.toFixed(1)} KB` },
        ],
      }
    } finally {
      await browser.close()
      await relay.stop()
    }
  },
}
