/**
 * Capability links in the browser: without an editor link the edit page of the public-read demo
 * space is read-only with a clear message, and a write forced over the socket anyway is refused by
 * the relay (permission denied, nothing stored); with the editor link (stored, then stripped from
 * the address bar) the same page edits, and says when the change is saved on the server. A space's
 * share links, copied from its directory, let a fresh browser edit any fiche (editor link) or only
 * read (reader link: read-only page, writes refused by the relay).
 */
import type { BrowserContextOptions, Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const POLL = { timeout: 15_000, interval: 100 }

const stage = useBrowserStage()
let ficheId = ''
let ficheIds: string[] = []

const apiFiche = async (id: string) => {
  const body = (await (await fetch(`${stage.relay.url}/api/spaces/${SPACE}/fiches`)).json()) as {
    fiches: { id: string; title: string; city: string }[]
  }
  return body.fiches.find((f) => f.id === id)
}

const newPage = async (options: BrowserContextOptions = {}): Promise<Page> => {
  const context = await stage.newContext(options)
  return context.newPage()
}

/**
 * Sends a hand-made update (a new title) over a sync socket opened by the page itself, bypassing
 * the UI; resolves with the relay's first "auth" answer (y-protocols message type 2).
 */
const forceWrite = async (page: Page, url: string): Promise<number[]> => {
  const doc = new Y.Doc()
  doc.getMap('meta').set('title', 'vandalised')
  const update = [...Y.encodeStateAsUpdate(doc)]
  return page.evaluate(
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
    { url, update },
  )
}

beforeAll(async () => {
  const body = (await (await fetch(`${stage.relay.url}/api/spaces/${SPACE}/fiches`)).json()) as {
    fiches: { id: string }[]
  }
  ficheIds = body.fiches.map((f) => f.id)
  ficheId = ficheIds[0]!
})

describe('capability links in the browser', () => {
  test('a reader gets a read-only page, and a forced write is refused by the relay', async () => {
    const page = await newPage()
    await page.goto(`${stage.relay.url}/s/${SPACE}/f/${ficheId}/edit`)
    await page.getByText('Lecture seule : demandez le lien d’édition').waitFor()
    expect(await page.getByLabel('Ville', { exact: true }).count()).toBe(0)

    // The same browser, bypassing the UI: a hand-made update over the sync socket.
    const answer = await forceWrite(page, `${stage.relay.wsUrl}/sync/${SPACE}/${ficheId}`)
    expect(answer.slice(0, 2)).toEqual([2, 0]) // y-protocols auth: permission denied
    expect(new TextDecoder().decode(new Uint8Array(answer.slice(3)))).toMatch(/read-only/)
    expect(readStoredDoc(stage.relay.dataDir, `${SPACE}/${ficheId}`).getMap('meta').get('title')).not.toBe(
      'vandalised',
    )
  })

  test('the editor link is stored, stripped from the address bar, and lets its holder edit', async () => {
    const token = await tokenFor(stage.relay, SPACE, 'editor')
    const page = await newPage()
    await page.goto(`${stage.relay.url}/s/${SPACE}?token=${token}`)
    await expect.poll(() => new URL(page.url()).search, POLL).toBe('')
    expect(await page.evaluate((s) => localStorage.getItem(`kenlabour:token:${s}`), SPACE)).toBe(token)

    await page.goto(`${stage.relay.url}/s/${SPACE}/f/${ficheId}/edit`)
    const city = page.getByLabel('Ville', { exact: true })
    await city.waitFor()
    const marker = ` Editeur-${Date.now()}`
    await city.click()
    await city.press('End')
    await city.pressSequentially(marker)
    await page.getByText('Enregistré sur le serveur').waitFor({ timeout: 15_000 })
    await expect.poll(async () => (await apiFiche(ficheId))?.city ?? '', POLL).toContain(marker.trim())
  })

  test('share links of a space, from its directory: an editor edits any fiche, a reader only reads', async () => {
    const owner = await newPage({ permissions: ['clipboard-read', 'clipboard-write'] })
    await owner.goto(`${stage.relay.url}/s/${SPACE}?token=${await tokenFor(stage.relay, SPACE, 'editor')}`)
    await owner.getByRole('button', { name: 'Partager l’espace' }).click()
    const dialog = owner.getByRole('dialog', { name: 'Partager cet espace' })
    // The links are there as soon as the dialog opens, before any copy.
    for (const label of ['Lien d’édition', 'Lien de lecture'])
      await expect
        .poll(() => dialog.getByLabel(label, { exact: true }).inputValue(), POLL)
        .toContain('token=')
    const copyLink = async (label: string) => {
      await dialog.getByRole('button', { name: `Copier le ${label.toLowerCase()}` }).click()
      const input = dialog.getByLabel(label, { exact: true })
      await expect.poll(() => input.inputValue(), POLL).not.toBe('')
      return input.inputValue()
    }
    const editLink = await copyLink('Lien d’édition')
    await dialog.getByText('Lien copié').first().waitFor()
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(editLink)
    const readLink = await copyLink('Lien de lecture')
    expect(readLink).not.toBe(editLink)
    for (const link of [editLink, readLink]) expect(new URL(link).pathname).toBe(`/s/${SPACE}`)

    // A fresh browser with the editor link, no account: any fiche of the space opens for editing.
    const editor = await newPage()
    await editor.goto(editLink)
    await expect.poll(() => new URL(editor.url()).search, POLL).toBe('')
    for (const id of ficheIds.slice(1, 3)) {
      await editor.goto(`${stage.relay.url}/s/${SPACE}/f/${id}/edit`)
      const city = editor.getByLabel('Ville', { exact: true })
      await city.waitFor()
      const marker = ` Espace-${id}`
      await city.click()
      await city.press('End')
      await city.pressSequentially(marker)
      await expect.poll(async () => (await apiFiche(id))?.city ?? '', POLL).toContain(marker.trim())
    }

    // A fresh browser with the reader link: it may pass on a reader link only, every fiche is
    // read-only, and a write forced over the socket with that link's token is refused.
    const reader = await newPage()
    await reader.goto(readLink)
    await expect.poll(() => new URL(reader.url()).search, POLL).toBe('')
    const readerToken = await reader.evaluate((s) => localStorage.getItem(`kenlabour:token:${s}`), SPACE)
    expect(readerToken).toBeTruthy()
    await reader.getByRole('button', { name: 'Partager l’espace' }).click()
    const readerDialog = reader.getByRole('dialog', { name: 'Partager cet espace' })
    await readerDialog.getByLabel('Lien de lecture', { exact: true }).waitFor()
    expect(await readerDialog.getByLabel('Lien d’édition', { exact: true }).count()).toBe(0)
    const id = ficheIds[1]!
    await reader.goto(`${stage.relay.url}/s/${SPACE}/f/${id}/edit`)
    await reader.getByText('Lecture seule : demandez le lien d’édition').waitFor()
    expect(await reader.getByLabel('Ville', { exact: true }).count()).toBe(0)
    const answer = await forceWrite(
      reader,
      `${stage.relay.wsUrl}/sync/${SPACE}/${id}?token=${encodeURIComponent(readerToken!)}`,
    )
    expect(answer.slice(0, 2)).toEqual([2, 0])
    expect(readStoredDoc(stage.relay.dataDir, `${SPACE}/${id}`).getMap('meta').get('title')).not.toBe(
      'vandalised',
    )
  })
})
