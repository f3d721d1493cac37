/**
 * Offline first, end to end in Chromium. Person A visits the directory once online (the whole space
 * lands on the device in bulk, the service worker caches the app), goes offline with
 * `context.setOffline(true)`, reloads (the app still opens), edits two fiches she never opened and
 * creates a third; meanwhile B edits the same sections online. When A reconnects, both see the same
 * content, with every edit of both, and A's new fiche reaches the relay.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'

const SPACE = 'inspirations'
const DESCRIPTION = 'Description de cette initiative'
const POLL = { timeout: 20_000, interval: 100 }

const stage = useBrowserStage()

interface ApiFiche {
  id: string
  title: string
  city: string
  sections: Record<string, { text: string }>
}

/** The demo space's editor link token, as the relay prints it at start. */
const editorToken = (): string => {
  const token = /[?&]token=([^\s&]+)/.exec(stage.relay.output())?.[1]
  if (!token) throw new Error('the relay printed no editor link')
  return token
}

const apiFiches = async (): Promise<ApiFiche[]> => {
  const response = await fetch(`${stage.relay.url}/api/spaces/${SPACE}/fiches`)
  return ((await response.json()) as { fiches: ApiFiche[] }).fiches
}

/** A person on their own device, holding the editor link of the demo space. */
const newEditor = async (name: string): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addInitScript((n) => localStorage.setItem('kenlabour.name', n), name)
  const page = await context.newPage()
  await page.goto(`${stage.relay.url}/s/${SPACE}?token=${editorToken()}`)
  await page.getByRole('heading', { name: /^\d+ fiches trouvées$/ }).waitFor()
  return { context, page }
}

const textOf = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? ''

const typeAtEnd = async (page: Page, target: Locator, text: string) => {
  await target.click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text, { delay: 5 })
}

const editUrl = (id: string) => `${stage.relay.url}/s/${SPACE}/f/${id}/edit`

describe('offline', () => {
  test('the app is installable: a web manifest with its icons, and a service worker', async () => {
    const a = await newEditor('Installer')
    const href = await a.page.locator('link[rel="manifest"]').getAttribute('href')
    expect(href).toBeTruthy()
    const manifest = (await (await fetch(new URL(href!, stage.relay.url))).json()) as {
      name: string
      start_url: string
      display: string
      icons: { src: string; sizes: string; type: string }[]
    }
    expect(manifest).toMatchObject({ name: 'Kenlabour', start_url: '/', display: 'standalone' })
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
    for (const icon of manifest.icons) {
      const response = await fetch(new URL(icon.src, stage.relay.url))
      expect(response.headers.get('content-type')).toContain('image/png')
      // PNG signature.
      expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47])
    }
    const scope = await a.page.evaluate(async () => (await navigator.serviceWorker.ready).scope)
    expect(scope).toBe(`${stage.relay.url}/`)
  })

  test('A works offline on fiches she never opened, B edits the same sections, both converge', async () => {
    const fiches = await apiFiches()
    const [first, second] = fiches.slice(-2) as [ApiFiche, ApiFiche]
    const stamp = Date.now()
    const mark = (who: string, n: number) => `${who}${n}-${stamp}`
    const newTitle = `Repair café ${stamp}`

    const a = await newEditor('Alice')
    // One online visit: the whole space is stored on the device, the app shell is cached.
    await a.page
      .getByText(/^Toutes les fiches de l’espace sont sur cet appareil/)
      .waitFor({ timeout: POLL.timeout })
    await a.page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })

    await a.context.setOffline(true)
    await a.page.reload()
    await a.page.getByRole('heading', { name: /^\d+ fiches trouvées$/ }).waitFor()
    await expect.poll(() => textOf(a.page.locator('.connection-text').first()), POLL).toBe('Hors ligne')

    // Two fiches A never opened on this device, read from IndexedDB and edited offline.
    for (const [fiche, n] of [
      [first, 1],
      [second, 2],
    ] as const) {
      await a.page.goto(editUrl(fiche.id))
      const editor = a.page.getByLabel(DESCRIPTION, { exact: true })
      await editor.waitFor()
      await expect.poll(() => textOf(editor), POLL).toContain(fiche.sections.description!.text.slice(0, 30))
      await typeAtEnd(a.page, editor, ` ${mark('A', n)}`)
      await a.page
        .getByText(/modifications? en attente/)
        .first()
        .waitFor()
    }
    // And a new one.
    await a.page.goto(`${stage.relay.url}/s/${SPACE}`)
    await a.page.getByRole('button', { name: 'Nouvelle fiche' }).click()
    await a.page.getByLabel("Titre de l'initiative").fill(newTitle)
    await a.page.getByRole('button', { name: 'Créer la fiche' }).click()
    const created = a.page.getByLabel(DESCRIPTION, { exact: true })
    await created.waitFor()
    await typeAtEnd(a.page, created, 'Réparer ensemble plutôt que jeter.')
    const newId = /\/f\/([^/]+)\/edit$/.exec(new URL(a.page.url()).pathname)?.[1]
    expect(newId).toBeTruthy()

    // Meanwhile B edits the same sections online.
    const b = await newEditor('Bernard')
    for (const [fiche, n] of [
      [first, 1],
      [second, 2],
    ] as const) {
      await b.page.goto(editUrl(fiche.id))
      const editor = b.page.getByLabel(DESCRIPTION, { exact: true })
      await editor.waitFor()
      await expect.poll(() => textOf(b.page.locator('.connection-text').first()), POLL).toBe('Connecté')
      await typeAtEnd(b.page, editor, ` ${mark('B', n)}`)
      await expect
        .poll(
          async () => (await apiFiches()).find((f) => f.id === fiche.id)?.sections.description?.text,
          POLL,
        )
        .toContain(mark('B', n))
    }

    // A reconnects: her offline work reaches the relay, B's reaches her.
    await a.context.setOffline(false)
    await expect
      .poll(async () => {
        const all = await apiFiches()
        const one = all.find((f) => f.id === first.id)?.sections.description?.text ?? ''
        const two = all.find((f) => f.id === second.id)?.sections.description?.text ?? ''
        const made = all.find((f) => f.id === newId)
        return [one.includes(mark('A', 1)), two.includes(mark('A', 2)), made?.title ?? null]
      }, POLL)
      .toEqual([true, true, newTitle])

    for (const [fiche, n] of [
      [first, 1],
      [second, 2],
    ] as const) {
      const texts: string[] = []
      for (const page of [a.page, b.page]) {
        await page.goto(`${stage.relay.url}/s/${SPACE}/f/${fiche.id}`)
        const region = page.getByRole('region', { name: DESCRIPTION, exact: true })
        await expect.poll(() => textOf(region), POLL).toContain(mark('A', n))
        await expect.poll(() => textOf(region), POLL).toContain(mark('B', n))
        texts.push(await textOf(region))
      }
      expect(texts[0]).toBe(texts[1])
    }
    // B sees A's new fiche in the catalog.
    await b.page.goto(`${stage.relay.url}/s/${SPACE}`)
    await b.page.getByRole('link', { name: newTitle, exact: true }).waitFor({ timeout: POLL.timeout })
  })
})
