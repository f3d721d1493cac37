/**
 * Open data end to end: the map view of the seeded demo space (the seed gives town-centre
 * coordinates to fiches whose *Ville* is a known Breton town), filtered by the directory's facets,
 * without network; a Bazar import through the import page (mapping, preview, report, XSS
 * neutralised, a broken file refused); the export menu's download.
 *
 * No test reaches the internet: map tiles are refused by a route, and offline is
 * `context.setOffline(true)`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { emptyQuery, matchCatalog } from '@kenlabour/shared/catalogQuery'
import { findTown } from '@kenlabour/shared/gazetteer'
import { parseInspirations } from '@kenlabour/shared/seed'
import { catalogEntryOf } from '@kenlabour/shared/spaceIndex'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../helpers/browser.ts'
import { type RelayHandle, ROOT, startRelay } from '../helpers/relay.ts'
import { tokenFor } from '../helpers/tokens.ts'

const POLL = { timeout: 15_000, interval: 100 }
const seed = parseInspirations(readFileSync(join(ROOT, 'shared/seed/inspirations.txt'), 'utf8'))
const located = seed.filter((f) => findTown(f.city) !== null)

let relay: RelayHandle
let browser: Browser
const contexts: BrowserContext[] = []
const tilesRequested: string[] = []

beforeAll(async () => {
  relay = await startRelay()
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
  await relay?.stop()
})

/** A person holding a `role` link of `space`; tile requests are refused (and counted). */
const newPerson = async (space: string, role: 'reader' | 'editor'): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  await context.route(/tile\.openstreetmap\.org/, (route) => {
    tilesRequested.push(route.request().url())
    return route.abort()
  })
  const token = await tokenFor(relay, space, role)
  await context.addInitScript(([s, t]) => localStorage.setItem(`kenlabour:token:${s}`, t), [
    space,
    token,
  ] as const)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[page] ${error.message}`))
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`)
  })
  return page
}

describe('map', () => {
  test('shows the seed fiches that have coordinates, with the facets, and without network', async () => {
    expect(located.length).toBeGreaterThan(5)
    const page = await newPerson('inspirations', 'reader')
    await page.goto(`${relay.url}/s/inspirations`)
    await page.getByRole('heading', { name: '20 fiches trouvées', exact: true }).waitFor()
    await page.getByRole('link', { name: 'Carte', exact: true }).click()
    const summary = page.getByText(/fiches? sur la carte/)
    await expect
      .poll(() => summary.textContent(), POLL)
      .toBe(`${located.length} fiches sur la carte, ${seed.length - located.length} sans localisation`)
    // Leaflet drew the markers (clustered where several fiches share a town).
    const map = page.getByRole('region', { name: 'Carte des fiches' })
    await expect.poll(() => map.getAttribute('class'), POLL).toMatch(/leaflet-container/)
    await expect.poll(() => map.locator('.leaflet-marker-icon').count(), POLL).toBeGreaterThan(3)
    const titles = await map
      .locator('.map-marker')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title')))
    for (const title of titles) expect(located.map((f) => f.title)).toContain(title)

    // The directory's facets filter the map: one keyword.
    const entries = seed.map((f) =>
      catalogEntryOf(f.city && findTown(f.city) ? { ...f, location: findTown(f.city)!.location } : f, 0),
    )
    const query = { ...emptyQuery(), facets: { ...emptyQuery().facets, keywords: ['alimentation'] } }
    const food = matchCatalog(entries, query)
    const foodLocated = food.filter((e) => e.location).length
    await page.getByRole('checkbox', { name: /^Alimentation, circuit court/ }).check()
    await expect
      .poll(() => summary.textContent(), POLL)
      .toBe(
        `${foodLocated} fiche${foodLocated > 1 ? 's' : ''} sur la carte, ${food.length - foodLocated} sans localisation`,
      )
    await expect.poll(() => page.url(), POLL).toMatch(/\/s\/inspirations\/map\?.*alimentation/)

    // Offline: no tiles, plain background, the markers stay.
    await page.context().setOffline(true)
    await page.getByText('Sans connexion : fond uni, les fiches restent placées.').waitFor()
    await expect
      .poll(() => page.getByRole('checkbox', { name: /Fond de carte OpenStreetMap/ }).isDisabled(), POLL)
      .toBe(true)
    await expect.poll(() => map.locator('.leaflet-tile').count(), POLL).toBe(0)
    expect(await map.locator('.leaflet-marker-icon').count()).toBeGreaterThan(0)
    await page.context().setOffline(false)
  })
})

describe('import page', () => {
  test('maps Bazar fields, previews, imports, reports, and neutralises XSS', async () => {
    const page = await newPerson('importe', 'editor')
    await page.goto(`${relay.url}/s/importe/import`)
    await page.getByRole('heading', { name: 'Importer des fiches' }).waitFor()
    await page.getByLabel('Fichier à importer').setInputFiles(join(ROOT, 'tests/fixtures/bazar-entries.json'))
    const titleSelect = page.getByLabel('Champ de la fiche pour « bf_titre »')
    await expect.poll(() => titleSelect.inputValue(), POLL).toBe('title')
    await page
      .getByLabel('Listes Bazar (JSON, facultatif)')
      .setInputFiles(join(ROOT, 'tests/fixtures/bazar-lists.json'))
    // Edit the mapping: the town goes nowhere.
    await page.getByLabel('Champ de la fiche pour « bf_ville »').selectOption('ignore')

    await page.getByRole('button', { name: 'Aperçu (rien n’est écrit)' }).click()
    await page.getByRole('status').filter({ hasText: 'Aperçu : 3 créée(s)' }).waitFor()

    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^3 créée\(s\), 0 mise\(s\) à jour, 0 inchangée\(s\), 1 ignorée\(s\)$/ })
      .waitFor()
    await page.getByRole('cell', { name: /fiche non validée dans Bazar/ }).waitFor()

    await page.getByRole('link', { name: 'La Grainerie de Rennes' }).click()
    await page.getByText('Échange de graines entre voisin·e·s.').waitFor()
    expect(await page.locator('main script, main iframe, main img[onerror]').count()).toBe(0)
    expect(await page.locator('main a[href^="javascript:"]').count()).toBe(0)
    const response = await fetch(
      `${relay.url}/api/spaces/importe/fiches?token=${await tokenFor(relay, 'importe', 'reader')}`,
    )
    const fiches = (await response.json()).fiches as { id: string; city: string }[]
    expect(fiches.map((f) => [f.id, f.city]).sort()).toEqual([
      ['JardinPartageDeMorlaix', ''],
      ['LaGrainerieDeRennes', ''],
      ['TiCoopLeSupermarcheCooperatifDeBrest', ''],
    ])
  })

  test('a broken file is refused with its line, and a reader cannot import', async () => {
    const page = await newPerson('importe-2', 'editor')
    await page.goto(`${relay.url}/s/importe-2/import`)
    await page.getByLabel('Fichier à importer').setInputFiles({
      name: 'casse.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from("Titre de l'initiative,Ville\nBonne fiche,Brest\n,Rennes\n"),
    })
    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await page
      .getByRole('alert')
      .filter({ hasText: 'ligne 3' })
      .filter({ hasText: 'titre manquant' })
      .waitFor()
    expect(
      (
        await fetch(
          `${relay.url}/api/spaces/importe-2/export?token=${await tokenFor(relay, 'importe-2', 'reader')}`,
        )
      ).status,
    ).toBe(404)

    const reader = await newPerson('importe', 'reader')
    await reader.goto(`${relay.url}/s/importe/import`)
    await reader.getByText(/Importer demande un lien de modification/).waitFor()
    expect(await reader.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(true)
  })
})

describe('export menu', () => {
  test('offers every format with the licence, and the CSV opens with accents', async () => {
    const page = await newPerson('inspirations', 'reader')
    await page.goto(`${relay.url}/s/inspirations`)
    await page.getByText('Exporter', { exact: true }).click()
    await page.getByText('Licence des données : CC BY-SA 4.0').waitFor()
    const csvLink = page.getByRole('link', { name: 'CSV (tableur)' })
    const href = await csvLink.getAttribute('href')
    expect(href).toMatch(/^\/api\/spaces\/inspirations\/export\?format=csv&token=/)
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()])
    expect(download.suggestedFilename()).toBe('inspirations.csv')
    const bytes = readFileSync((await download.path())!)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bytes.toString('utf8')).toContain('Ti Coop Le supermarché coopératif de Brest')
    expect(tilesRequested.every((url) => /tile\.openstreetmap\.org/.test(url))).toBe(true)
  })
})
