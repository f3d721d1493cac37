/**
 * The stage of an end-to-end test file: a real relay and a headless Chromium, started before the
 * file's tests and stopped after them, with every browser context opened through it closed first.
 * It registers its own `beforeAll`/`afterAll`: a file's own `beforeAll` registered after it runs
 * once both are up, and its own `afterAll` runs before they stop (vitest's default hook order).
 * An uncaught exception in any of its pages fails the test it happened in, whatever that test asserts.
 */
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { launchBrowser } from './browser.ts'
import type { RelayHandle, RelayOptions } from './relay.ts'
import { useRelayStage } from './relayStage.ts'

export interface BrowserStage {
  /** The running relay; a test that restarts it assigns the new one, which is the one stopped at the end. */
  relay: RelayHandle
  /** A new browser context (a person on their own device), closed with the stage. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>
}

/**
 * `relayOptions` as a function when they depend on something prepared at start (it is called in
 * the `beforeAll`, before the relay starts).
 */
export const useBrowserStage = (relayOptions: RelayOptions | (() => RelayOptions) = {}): BrowserStage => {
  // Registered first, so its relay stops after the browser has closed.
  const relayStage = useRelayStage(relayOptions)
  let browser: Browser | undefined
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  afterEach(() => {
    expect(pageErrors.splice(0), 'uncaught exceptions in the pages').toEqual([])
  })

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
  })

  const started = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} starts in beforeAll: not started yet`)
    return value
  }
  return {
    get relay() {
      return relayStage.relay
    },
    set relay(value) {
      relayStage.relay = value
    },
    newContext: async (options) => {
      const context = await started(browser, 'browser').newContext(options)
      context.on('weberror', (error) => {
        const url = error.page()?.url()
        // The tests' init scripts (storage set up before the app loads) also run in the blank page
        // a new page starts as, where storage is denied: not the app's.
        if (url !== 'about:blank') pageErrors.push(`${url}: ${error.error().message}`)
      })
      contexts.push(context)
      return context
    },
  }
}
