/**
 * Capability links in the browser: without an editor link the edit page of the public-read demo
 * space is read-only with a clear message, and a write forced over the socket anyway is refused by
 * the relay (permission denied, nothing stored); with the editor link (stored, then stripped from
 * the address bar) the same page edits, and says when the change is saved on the server.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { launchBrowser } from '../helpers/browser.ts'
import { type RelayHandle, startRelay } from '../helpers/relay.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const POLL = { timeout: 15_000, interval: 100 }

let relay: RelayHandle
let browser: Browser
const contexts: BrowserContext[] = []
let ficheId = ''

const apiFiche = async (id: string) => {
  const body = (await (await fetch(`${relay.url}/api/spaces/${SPACE}/fiches`)).json()) as {
    fiches: { id: string; title: string; city: string }[]
  }
  return body.fiches.find((f) => f.id === id)
}

const newPage = async (): Promise<Page> => {
  const context = await browser.newContext()
  contexts.push(context)
  return context.newPage()
}

beforeAll(async () => {
  relay = await startRelay()
  browser = await launchBrowser()
  const body = (await (await fetch(`${relay.url}/api/spaces/${SPACE}/fiches`)).json()) as {
    fiches: { id: string }[]
  }
  ficheId = body.fiches[0]!.id
})
afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await relay?.stop()
})

describe('capability links in the browser', () => {
  test('a reader gets a read-only page, and a forced write is refused by the relay', async () => {
    const page = await newPage()
    await page.goto(`${relay.url}/s/${SPACE}/f/${ficheId}/edit`)
    await page.getByText('Lecture seule : demandez le lien d’édition').waitFor()
    expect(await page.getByLabel('Ville', { exact: true }).count()).toBe(0)

    // The same browser, bypassing the UI: a hand-made update over the sync socket.
    const doc = new Y.Doc()
    doc.getMap('meta').set('title', 'vandalised')
    const update = [...Y.encodeStateAsUpdate(doc)]
    const answer = await page.evaluate(
      ({ url, update }) =>
        new Promise<number[]>((resolve, reject) => {
          const ws = new WebSocket(url)
          ws.binaryType = 'arraybuffer'
          ws.onopen = () => {
            const lengthBytes: number[] = []
            let n = update.length
            while (n > 127) {
              lengthBytes.push((n & 127) | 128)
              n >>>= 7
            }
            lengthBytes.push(n)
            ws.send(new Uint8Array([0, 2, ...lengthBytes, ...update]))
          }
          ws.onmessage = (event) => {
            const bytes = [...new Uint8Array(event.data as ArrayBuffer)]
            if (bytes[0] === 2) resolve(bytes)
          }
          ws.onclose = (event) => reject(new Error(`closed ${event.code} ${event.reason}`))
        }),
      { url: `${relay.wsUrl}/sync/${SPACE}/${ficheId}`, update },
    )
    expect(answer.slice(0, 2)).toEqual([2, 0]) // y-protocols auth: permission denied
    expect(new TextDecoder().decode(new Uint8Array(answer.slice(3)))).toMatch(/read-only/)
    expect(readStoredDoc(relay.dataDir, `${SPACE}/${ficheId}`).getMap('meta').get('title')).not.toBe(
      'vandalised',
    )
  })

  test('the editor link is stored, stripped from the address bar, and lets its holder edit', async () => {
    const token = await tokenFor(relay, SPACE, 'editor')
    const page = await newPage()
    await page.goto(`${relay.url}/s/${SPACE}?token=${token}`)
    await expect.poll(() => new URL(page.url()).search, POLL).toBe('')
    expect(await page.evaluate((s) => localStorage.getItem(`kenlabour:token:${s}`), SPACE)).toBe(token)

    await page.goto(`${relay.url}/s/${SPACE}/f/${ficheId}/edit`)
    const city = page.getByLabel('Ville', { exact: true })
    await city.waitFor()
    const marker = ` Editeur-${Date.now()}`
    await city.click()
    await city.press('End')
    await city.pressSequentially(marker)
    await page.getByText('Enregistré sur le serveur').waitFor({ timeout: 15_000 })
    await expect.poll(async () => (await apiFiche(ficheId))?.city ?? '', POLL).toContain(marker.trim())
  })
})
