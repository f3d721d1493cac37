/**
 * The workshop as people see it: 30 participants on one fiche, each typing 5 characters per second
 * with a caret update per keystroke, and the time from a keystroke to its character on the *other*
 * participants' screens. A few participants are real edit pages in headless Chromium (TipTap,
 * y-prosemirror, carets, presence, awareness coalescing: the shipped client); the others are light
 * Node clients (stock y-websocket provider with the client's awareness coalescing, and a Y.Doc)
 * that type into the same section the way the editor writes it: one paragraph each, the section
 * as their `field`, and a caret per keystroke placed as y-prosemirror places it (relative to the
 * character before it, so it changes with every keystroke), at most 10 caret frames/s.
 *
 * Measured:
 * - keystroke-to-screen latency: each typist owns a paragraph starting with a marker; a
 *   MutationObserver in every page timestamps when each paragraph reached each length. A Node
 *   keystroke's latency is (seen in page) − (sent), a page keystroke's is (seen in another page) −
 *   (seen in its own page); both clocks are this machine's wall clock (see `now`);
 * - relay CPU over the measured window (/proc, the relay process alone), and beside it the CPU of
 *   the Chromium pages, of this process (the Node clients), and of the rest of the machine;
 * - each page's main thread: busy share, script and layout/style time (Chrome's Performance
 *   metrics), i.e. where the time of a page goes;
 * - awareness frames: sent per browser page per second (its websocket frames), received per client.
 * Checks: every page ends with every paragraph complete (nothing lost), latencies measured.
 *
 * `KENLABOUR_BENCH_PROFILE=<file.cpuprofile>` also records a CPU profile of the first page over the
 * measured window (open it in Chrome DevTools; it slows that page down a little), and
 * `KENLABOUR_BENCH_TRACE=<file.json>` a Chrome trace of the browser (rendering steps included).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { coalesceAwareness } from '../../../client/src/sync/awarenessCoalescing.ts'
import { chromiumPath, launchBrowser } from '../../helpers/browser.ts'
import { type RelayHandle, startRelay } from '../../helpers/relay.ts'
import { tokenFor } from '../../helpers/tokens.ts'
import { waitFor } from '../../helpers/waitFor.ts'
import { cpuMs, ownCpuMs, processTree } from '../load/procfs.ts'
import { percentile } from '../stats.ts'
import { ROOT } from '../versions.ts'
import type { Measurement, RunOptions, Scenario, Subject } from './types.ts'
import { openWindow, sleep } from './window.ts'

interface Workload {
  readonly participants: number
  readonly pages: number
  readonly rateHz: number
  readonly warmupMs: number
  readonly measureMs: number
}

/**
 * Two real pages: in a workshop each participant's page has its own laptop; on this 2-core machine
 * two pages are the most that can each get about a core (with three, the pages alone take 1.5 cores
 * and the figure measures the wait for a CPU, not the page). The 28 others are light Node clients.
 */
const FULL: Workload = { participants: 30, pages: 2, rateHz: 5, warmupMs: 3_000, measureMs: 15_000 }
const QUICK: Workload = { participants: 8, pages: 2, rateHz: 5, warmupMs: 1_000, measureMs: 3_000 }
const pick = (options: RunOptions) => (options.quick ? QUICK : FULL)

const SPACE = 'inspirations'
const SECTION = 'section:description'
const DESCRIPTION = 'Description de cette initiative'
/** Light clients send at most one caret frame per this interval, like the client's coalescing. */
const CARET_INTERVAL_MS = 100

/**
 * Wall-clock milliseconds with sub-millisecond steps. `timeOrigin + now()` would drift from the
 * page's by seconds on a VM whose clock was adjusted since either process started: both sides
 * anchor their monotonic clock to `Date.now()` instead, again at the start of every measured
 * window, so a clock step between repetitions does not shift the figures (±1 ms).
 */
let clockOffset = Date.now() - performance.now()
const now = (): number => clockOffset + performance.now()
const marker = (who: string): string => `§${who}§`

const chromium: Subject = {
  name: 'chromium',
  label: 'headless Chromium (edit page) + light Node clients, Kenlabour relay',
  unavailable: () => {
    try {
      chromiumPath()
    } catch (error) {
      return error instanceof Error ? error.message : String(error)
    }
    return existsSync(join(ROOT, 'client/dist/index.html'))
      ? null
      : 'client/dist missing: run `npm run build`'
  },
}

/** The text node of the paragraph starting with `mark` in a section fragment. */
const paragraphText = (fragment: Y.XmlFragment, mark: string): Y.XmlText | null => {
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    const text = child.get(0)
    if (text instanceof Y.XmlText && text.toString().startsWith(mark)) return text
  }
  return null
}

interface LightClient {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** sent[n] = when the keystroke making the paragraph n characters long (after the marker) was sent. */
  readonly sent: number[]
  awarenessReceived: number
  destroy(): void
}

const connectLight = async (
  url: string,
  name: string,
  token: string,
  index: number,
): Promise<LightClient> => {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(url, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  })
  const client: LightClient = {
    doc,
    provider,
    sent: [],
    awarenessReceived: 0,
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
  // As the edit page does: only its own state goes out, coalesced; echoes of others' are not sent.
  coalesceAwareness(provider)
  provider.awareness.setLocalState({ user: { name: `Node ${index}`, color: '#1d4e89' }, field: SECTION })
  provider.awareness.on('update', (_change: unknown, origin: unknown) => {
    if (origin === provider) client.awarenessReceived++
  })
  await waitFor(() => provider.synced, 30_000, `light client ${index} synced`)
  return client
}

/** Installs the observer recording when each marked paragraph reached each length. */
const observeParagraphs = (page: Page) =>
  page.evaluate((label) => {
    const root = document.querySelector(
      `[aria-labelledby="${CSS.escape(
        Array.from(document.querySelectorAll('h2')).find((h) => h.textContent === label)?.id ?? '',
      )}"]`,
    )
    if (!root) throw new Error('no editor')
    const seen = new Map<string, number[]>()
    let offset = Date.now() - performance.now()
    ;(window as unknown as { __anchor: () => void }).__anchor = () => {
      offset = Date.now() - performance.now()
    }
    const scan = (p: Element, t: number) => {
      // Remote carets are widgets inside the paragraph: their name labels are not text.
      let text = ''
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('.collaboration-carets__caret')) text += node.textContent ?? ''
      }
      const m = /^§([a-z]\d+)§/.exec(text)
      if (!m) return
      const times = seen.get(m[1]!) ?? []
      const length = text.length - m[0].length
      for (let n = times.length; n <= length; n++) times[n] = t
      seen.set(m[1]!, times)
    }
    // Only the paragraphs a mutation touched: the measurement should cost the page little.
    new MutationObserver((records) => {
      const t = offset + performance.now()
      const touched = new Set<Element>()
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement
        const p = target?.closest('p')
        if (p && root.contains(p)) touched.add(p)
        for (const added of Array.from(record.addedNodes)) {
          if (!(added instanceof Element)) continue
          if (added.matches('p')) touched.add(added)
          for (const inner of Array.from(added.querySelectorAll('p'))) touched.add(inner)
        }
      }
      for (const p of touched) if (p.isConnected) scan(p, t)
    }).observe(root, { childList: true, subtree: true, characterData: true })
    const t0 = offset + performance.now()
    for (const p of Array.from(root.querySelectorAll('p'))) scan(p, t0)
    ;(window as unknown as { __seen: Map<string, number[]> }).__seen = seen
  }, DESCRIPTION)

const seenIn = (page: Page): Promise<Record<string, number[]>> =>
  page.evaluate(() =>
    Object.fromEntries((window as unknown as { __seen: Map<string, number[]> }).__seen.entries()),
  )

/** The Chrome Performance metrics of a page used here (cumulative seconds since the page opened). */
interface PageTimes {
  readonly task: number
  readonly script: number
  readonly layout: number
}

const pageTimes = async (cdp: CDPSession): Promise<PageTimes> => {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0
  return {
    task: get('TaskDuration'),
    script: get('ScriptDuration'),
    layout: get('LayoutDuration') + get('RecalcStyleDuration'),
  }
}

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, pgrp, …]. */
const statFields = (pid: string): string[] | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/**
 * CPU of every Chromium process, in ms: playwright starts the browser in a process group of its
 * own, and its zygote's renderers (reparented to init, so not in this process's tree) keep it.
 */
const browserCpuMs = (): number => {
  const browserPid = processTree(process.pid).find((pid) => {
    try {
      // The browser playwright talks to over a pipe (/usr/bin/chromium may be a wrapper script).
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--remote-debugging-pipe')
    } catch {
      return false
    }
  })
  const group = browserPid === undefined ? null : statFields(String(browserPid))?.[2]
  if (!group) return 0
  let ticks = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statFields(entry)
    if (fields?.[2] === group) ticks += Number(fields[11]) + Number(fields[12])
  }
  return ticks * 10
}

/** CPU of this process alone (the Node clients and the harness), of Chromium and of the relay, in ms. */
const cpuSplit = (relayPid: number) => ({
  relay: cpuMs(relayPid),
  own: ownCpuMs(process.pid),
  browser: browserCpuMs(),
})

const measure = async (w: Workload): Promise<Measurement> => {
  const relay: RelayHandle = await startRelay({ args: ['--max-connections-per-ip', '1000000'] })
  let browser: Browser | null = null
  const lights: LightClient[] = []
  try {
    const token = await tokenFor(relay, SPACE, 'editor')
    const response = await fetch(`${relay.url}/api/spaces/${SPACE}/fiches?token=${encodeURIComponent(token)}`)
    const ficheId = ((await response.json()) as { fiches: { id: string }[] }).fiches[0]!.id
    const docName = `${SPACE}/${ficheId}`
    const lightCount = w.participants - w.pages
    const typists = [
      ...Array.from({ length: lightCount }, (_, i) => `c${i}`),
      ...Array.from({ length: w.pages }, (_, i) => `p${i}`),
    ]

    // Light clients; the first writes one paragraph per typist (as pressing Enter would).
    for (let i = 0; i < lightCount; i++)
      lights.push(await connectLight(`${relay.wsUrl}/sync`, docName, token, i))
    const setup = lights[0]!
    const fragment = setup.doc.getXmlFragment(SECTION)
    setup.doc.transact(() => {
      fragment.insert(
        fragment.length,
        typists.map((who) => {
          const paragraph = new Y.XmlElement('paragraph')
          paragraph.insert(0, [new Y.XmlText(marker(who))])
          return paragraph
        }),
      )
    })
    await waitFor(
      () =>
        lights.every((l) => paragraphText(l.doc.getXmlFragment(SECTION), marker(`c${lights.length - 1}`))),
      30_000,
      'paragraphs everywhere',
    )

    // Browser pages, each an editor with its caret at the end of its own paragraph.
    browser = await launchBrowser()
    const pages: Page[] = []
    const sessions: CDPSession[] = []
    const awarenessSent: number[] = []
    let counting = false
    for (let i = 0; i < w.pages; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      await context.addInitScript((n) => localStorage.setItem('kenlabour.name', n), `Page ${i}`)
      // tsx names inner functions with a `__name` helper the page does not have.
      await context.addInitScript({ content: 'globalThis.__name = (f) => f' })
      const page = await context.newPage()
      awarenessSent.push(0)
      page.on('websocket', (socket) => {
        socket.on('framesent', ({ payload }) => {
          if (counting && typeof payload !== 'string' && payload[0] === 1) awarenessSent[i]!++
        })
      })
      await page.goto(`${relay.url}/s/${SPACE}/f/${ficheId}/edit?token=${encodeURIComponent(token)}`)
      const editor = page.getByLabel(DESCRIPTION, { exact: true })
      await editor.waitFor({ timeout: 30_000 })
      await waitFor(
        async () => (await editor.textContent())?.includes(marker(`p${i}`)) ?? false,
        30_000,
        'page synced',
      )
      await editor.click()
      await editor.evaluate(
        (root, m) => {
          for (const p of Array.from(root.querySelectorAll('p'))) {
            if (!p.textContent?.startsWith(m)) continue
            const range = document.createRange()
            range.selectNodeContents(p)
            range.collapse(false)
            window.getSelection()?.removeAllRanges()
            window.getSelection()?.addRange(range)
            return
          }
        },
        marker(`p${i}`),
      )
      await observeParagraphs(page)
      const cdp = await context.newCDPSession(page)
      await cdp.send('Performance.enable')
      sessions.push(cdp)
      pages.push(page)
    }

    // Typing: light clients insert a character and move their caret; pages press a key.
    const interval = 1000 / w.rateHz
    let stop = false
    const lightLoops = lights.map(async (client, i) => {
      const text = paragraphText(client.doc.getXmlFragment(SECTION), marker(`c${i}`))!
      const base = marker(`c${i}`).length
      let lastCaret = 0
      await sleep(Math.random() * interval)
      while (!stop) {
        client.sent[text.length - base + 1] = now()
        client.doc.transact(() => text.insert(text.length, 'x'))
        if (now() - lastCaret >= CARET_INTERVAL_MS) {
          lastCaret = now()
          // y-prosemirror's caret: after the character before it (assoc −1), new at every keystroke.
          const position = Y.createRelativePositionFromTypeIndex(text, text.length, -1)
          client.provider.awareness.setLocalStateField('cursor', { anchor: position, head: position })
        }
        await sleep(interval)
      }
    })
    const pageLoops = pages.map(async (page) => {
      await sleep(Math.random() * interval)
      while (!stop) {
        const t0 = performance.now()
        await page.keyboard.press('x')
        await sleep(Math.max(0, interval - (performance.now() - t0)))
      }
    })

    await sleep(w.warmupMs)
    const profilePath = process.env.KENLABOUR_BENCH_PROFILE
    if (profilePath) {
      await sessions[0]!.send('Profiler.enable')
      await sessions[0]!.send('Profiler.start')
    }
    const tracePath = process.env.KENLABOUR_BENCH_TRACE
    if (tracePath) {
      await browser.startTracing(pages[0], {
        path: tracePath,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'viz'],
      })
    }
    // The same wall-clock anchor here and in every page, just before the window.
    await Promise.all(
      pages.map((page) => page.evaluate(() => (window as unknown as { __anchor: () => void }).__anchor())),
    )
    clockOffset = Date.now() - performance.now()
    const times0 = await Promise.all(sessions.map(pageTimes))
    const cpu0 = cpuSplit(relay.process.pid!)
    const windowStart = now()
    counting = true
    for (const client of lights) client.awarenessReceived = 0
    const close = openWindow(relay.process.pid!)
    await sleep(w.measureMs)
    const measured = close()
    const windowEnd = now()
    const cpu1 = cpuSplit(relay.process.pid!)
    const times1 = await Promise.all(sessions.map(pageTimes))
    counting = false
    if (tracePath) await browser.stopTracing()
    if (profilePath) {
      const { profile } = await sessions[0]!.send('Profiler.stop')
      writeFileSync(profilePath, JSON.stringify(profile))
    }
    const awarenessReceived = lights.reduce((n, c) => n + c.awarenessReceived, 0)
    stop = true
    await Promise.all([...lightLoops, ...pageLoops])

    // Every page must end with every paragraph complete.
    const expected = new Map<string, number>()
    for (const [i, client] of lights.entries()) expected.set(`c${i}`, client.sent.length - 1)
    const ownSeen = await Promise.all(pages.map(seenIn))
    for (const [i, seen] of ownSeen.entries()) expected.set(`p${i}`, (seen[`p${i}`]?.length ?? 1) - 1)
    let complete = true
    try {
      await waitFor(
        async () => {
          const all = await Promise.all(pages.map(seenIn))
          return all.every((seen) => [...expected].every(([who, n]) => (seen[who]?.length ?? 0) - 1 >= n))
        },
        30_000,
        'every keystroke on every page',
      )
    } catch {
      complete = false
    }
    const finalSeen = await Promise.all(pages.map(seenIn))

    const fromNode: number[] = []
    const fromPages: number[] = []
    for (const seen of finalSeen) {
      for (const [i, client] of lights.entries()) {
        const times = seen[`c${i}`] ?? []
        for (let n = 1; n < client.sent.length; n++) {
          const sent = client.sent[n]
          const shown = times[n]
          if (sent !== undefined && shown !== undefined && sent >= windowStart && sent <= windowEnd) {
            fromNode.push(shown - sent)
          }
        }
      }
    }
    for (const [origin, own] of finalSeen.entries()) {
      const typed = own[`p${origin}`] ?? []
      for (const [other, seen] of finalSeen.entries()) {
        if (other === origin) continue
        const times = seen[`p${origin}`] ?? []
        for (let n = 1; n < typed.length; n++) {
          const sent = typed[n]!
          if (times[n] !== undefined && sent >= windowStart && sent <= windowEnd)
            fromPages.push(times[n]! - sent)
        }
      }
    }
    const samples = [...fromNode, ...fromPages]
    const seconds = (windowEnd - windowStart) / 1000
    // The workload actually produced: a starved generator types slower, and its latencies say little.
    const sentInWindow =
      lights.reduce((n, c) => n + c.sent.filter((t) => t >= windowStart && t <= windowEnd).length, 0) +
      ownSeen.reduce(
        (n, seen, i) => n + (seen[`p${i}`] ?? []).filter((t) => t >= windowStart && t <= windowEnd).length,
        0,
      )
    const rate = sentInWindow / seconds / w.participants
    const p99 = percentile(samples, 99)
    const cores = (key: 'relay' | 'own' | 'browser') => (cpu1[key] - cpu0[key]) / 1000 / measured.seconds
    const pageShare = (key: keyof PageTimes) =>
      (100 * times1.reduce((sum, t, i) => sum + t[key] - times0[i]![key], 0)) / times1.length / seconds
    const busyCores = (measured.machineBusyPct / 100) * cpus().length
    return {
      figures: {
        p50: {
          label: 'keystroke to other screens p50',
          unit: 'ms',
          value: percentile(samples, 50),
          digits: 1,
        },
        p99: {
          label: 'keystroke to other screens p99',
          unit: 'ms',
          value: p99,
          digits: 1,
          target: 50,
        },
        p50FromPages: {
          label: 'page keystroke to other pages p50',
          unit: 'ms',
          value: percentile(fromPages, 50),
          digits: 1,
          context: true,
        },
        p99FromPages: {
          label: 'page keystroke to other pages p99',
          unit: 'ms',
          value: percentile(fromPages, 99),
          digits: 1,
          context: true,
        },
        relayCores: {
          label: 'relay CPU',
          unit: 'cores',
          value: measured.serverCpuMs / 1000 / measured.seconds,
          digits: 2,
        },
        browserCores: {
          label: `CPU of the ${w.pages} Chromium pages`,
          unit: 'cores',
          value: cores('browser'),
          digits: 2,
          context: true,
        },
        clientCores: {
          label: `CPU of the ${w.participants - w.pages} Node clients (and the harness)`,
          unit: 'cores',
          value: cores('own'),
          digits: 2,
          context: true,
        },
        otherCores: {
          label: 'CPU of other processes on the machine',
          unit: 'cores',
          value: Math.max(0, busyCores - cores('relay') - cores('own') - cores('browser')),
          digits: 2,
          context: true,
        },
        pageBusy: {
          label: 'page main thread busy (mean of the pages)',
          unit: '%',
          value: pageShare('task'),
          digits: 0,
          context: true,
        },
        pageScript: {
          label: 'page main thread in script',
          unit: '%',
          value: pageShare('script'),
          digits: 0,
          context: true,
        },
        pageLayout: {
          label: 'page main thread in style and layout',
          unit: '%',
          value: pageShare('layout'),
          digits: 0,
          context: true,
        },
        machineBusy: {
          label: 'machine CPU busy (all cores)',
          unit: '%',
          value: measured.machineBusyPct,
          digits: 0,
          context: true,
        },
        awarenessSentPerPage: {
          label: 'awareness frames sent per page',
          unit: '/s',
          value: awarenessSent.reduce((a, b) => a + b, 0) / w.pages / seconds,
          digits: 1,
        },
        awarenessReceivedPerClient: {
          label: 'awareness updates received per light client',
          unit: '/s',
          value: awarenessReceived / Math.max(1, lights.length) / seconds,
          digits: 0,
          context: true,
        },
        keystrokesPerParticipant: {
          label: 'keystrokes typed per participant',
          unit: '/s',
          value: rate,
          digits: 1,
          context: true,
        },
        samples: { label: 'latency samples', unit: '', value: samples.length, digits: 0, context: true },
      },
      checks: [
        {
          name: 'every keystroke on every page',
          ok: complete,
          detail: complete ? 'all paragraphs complete on every page' : 'some keystrokes never reached a page',
        },
        { name: 'latency measured', ok: samples.length > 0, detail: `${samples.length} samples` },
        {
          name: 'workload delivered',
          ok: rate >= 0.8 * w.rateHz,
          detail: `${rate.toFixed(1)} keystrokes/s per participant typed, ${w.rateHz} intended (below 80%: the machine was too busy to measure)`,
        },
      ],
    }
  } finally {
    for (const client of lights) client.destroy()
    await browser?.close()
    await relay.stop()
  }
}

export const workshopScreen: Scenario = {
  name: 'workshop-screen',
  summary: (options) => {
    const w = pick(options)
    return `1 fiche x ${w.participants} participants (${w.pages} Chromium edit pages + ${w.participants - w.pages} Node clients) x ${w.rateHz} keystrokes/s with carets; keystroke-to-screen latency on the other pages; ${w.warmupMs / 1000} s warm-up, ${w.measureMs / 1000} s measured`
  },
  subjects: () => [chromium],
  measure: (_subject, options) => measure(pick(options)),
}
