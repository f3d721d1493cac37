/**
 * A new version of the app is announced, not forced: with the service worker of version 1 in
 * control, the relay starts serving version 2 (a copy of the built client whose worker differs);
 * the page says "Nouvelle version disponible", keeps what the person was doing (no reload, the
 * search field keeps its text), and reloads only on "Recharger", after which version 2 controls it.
 */
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { ROOT } from '../helpers/relay.ts'

const POLL = { timeout: 20_000, interval: 100 }

let context: BrowserContext
let dist: string

const stage = useBrowserStage(() => {
  dist = mkdtempSync(join(tmpdir(), 'kenlabour-dist-'))
  cpSync(join(ROOT, 'client/dist'), dist, { recursive: true })
  return { args: ['--client-dist', dist] }
})

beforeAll(async () => {
  context = await stage.newContext()
})

describe('app updates', () => {
  test('a new version is announced, and applied only when the person asks', async () => {
    const page = await context.newPage()
    await page.goto(`${stage.relay.url}/s/inspirations`)
    await page.getByRole('heading', { name: /^\d+ fiches trouvées$/ }).waitFor()
    // Version 1 installs on the first visit and controls the page from the next load on.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.reload()
    await page.getByRole('heading', { name: /^\d+ fiches trouvées$/ }).waitFor()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, POLL)
    const search = page.getByLabel('Rechercher')
    await search.fill('jardin')
    await page.evaluate(() => {
      ;(window as unknown as { notReloaded: boolean }).notReloaded = true
    })

    // Version 2 is deployed: its worker differs by a byte, enough for the browser to install it.
    appendFileSync(join(dist, 'sw.js'), '\n// version 2\n')
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update()
    })

    const banner = page.getByRole('status').filter({ hasText: 'Nouvelle version disponible' })
    await banner.waitFor(POLL)
    // Announced, not forced: same page, same search.
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    expect(await search.inputValue()).toBe('jardin')
    const waiting = await page.evaluate(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting,
    )
    expect(waiting).toBeTruthy()

    await page.getByRole('button', { name: 'Recharger la page pour utiliser la nouvelle version' }).click()
    await page.waitForFunction(
      () => !(window as unknown as { notReloaded?: boolean }).notReloaded,
      null,
      POLL,
    )
    await page.getByRole('heading', { name: /^\d+ fiches trouvées$/ }).waitFor()
    // The new worker is in control and nothing is waiting any more.
    await page.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.getRegistration()
        return registration?.waiting === null && navigator.serviceWorker.controller !== null
      },
      null,
      POLL,
    )
    await expect(banner.count()).resolves.toBe(0)
  })
})
