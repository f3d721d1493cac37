/**
 * Open data end to end: the map view of the seeded demo space (the seed gives town-centre
 * coordinates to fiches whose *Ville* is a known Breton town), filtered by the directory's facets,
 * without network (gone offline, and opened offline from the device); the location field (typed
 * coordinates checked, a point picked on the map, seen on the catalog map of another person); a
 * Bazar import through the import page (mapping, the form's labels and lists, preview, report, XSS
 * neutralised, a broken file refused); the export menu's downloads with the licence set in the
 * interface; the print view.
 *
 * No test reaches the internet: map tiles are refused by a route, and offline is
 * `context.setOffline(true)`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { emptyQuery, matchCatalog } from '@kenlabour/shared/catalogQuery'
import { findTown } from '@kenlabour/shared/gazetteer'
import { richToPlainText } from '@kenlabour/shared/richtext'
import { parseInspirations } from '@kenlabour/shared/seed'
import { catalogEntryOf } from '@kenlabour/shared/spaceIndex'
import { unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { ROOT } from '../helpers/relay.ts'
import { tokenFor } from '../helpers/tokens.ts'

const POLL = { timeout: 15_000, interval: 100 }
const seed = parseInspirations(readFileSync(join(ROOT, 'shared/seed/inspirations.txt'), 'utf8'))
const located = seed.filter((f) => findTown(f.city) !== null)

const stage = useBrowserStage()
const tilesRequested: string[] = []

/** A person holding a `role` link of `space`; tile requests are refused (and counted). */
const newPerson = async (space: string, role: 'reader' | 'editor'): Promise<Page> => {
  const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
  await context.route(/tile\.openstreetmap\.org/, (route) => {
    tilesRequested.push(route.request().url())
    return route.abort()
  })
  const token = await tokenFor(stage.relay, space, role)
  await context.addInitScript(([s, t]) => localStorage.setItem(`kenlabour:token:${s}`, t), [
    space,
    token,
  ] as const)
  const page = await context.newPage()
  page.on('dialog', (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`)
  })
  return page
}

/** Imports `content` into `space` through the relay's API, as an editor. */
const importVia = async (space: string, content: string): Promise<void> => {
  const response = await fetch(`${stage.relay.url}/api/spaces/${space}/import`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor(stage.relay, space, 'editor')}`,
    },
    body: JSON.stringify({ content }),
  })
  expect(response.status).toBe(200)
}

interface ApiFiche {
  readonly id: string
  readonly title: string
  readonly location?: { lat: number; lng: number } | null
  readonly keywords: string[]
  readonly scale: string | null
  readonly actorType: string | null
  readonly sections: Record<string, { text: string }>
}

const apiFiches = async (space: string): Promise<ApiFiche[]> => {
  const response = await fetch(
    `${stage.relay.url}/api/spaces/${space}/fiches?token=${await tokenFor(stage.relay, space, 'reader')}`,
  )
  return ((await response.json()) as { fiches: ApiFiche[] }).fiches
}

describe('map', () => {
  test('shows the seed fiches that have coordinates, with the facets, and without network', async () => {
    expect(located.length).toBeGreaterThan(5)
    const page = await newPerson('inspirations', 'reader')
    await page.goto(`${stage.relay.url}/s/inspirations`)
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
    // Every located fiche is drawn: single markers plus the counts of the clusters.
    const drawn = () =>
      map.evaluate(
        (el) =>
          el.querySelectorAll('.map-marker').length +
          Array.from(el.querySelectorAll('.marker-cluster span')).reduce(
            (n, s) => n + Number(s.textContent),
            0,
          ),
      )
    await expect.poll(drawn, POLL).toBe(located.length)
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

  test('opens offline from the device: markers on a plain background, no tile asked', async () => {
    const page = await newPerson('inspirations', 'reader')
    await page.goto(`${stage.relay.url}/s/inspirations/map`)
    // One online visit: the catalog is on the device, the service worker has the app and Leaflet.
    await page
      .getByText(/^Toutes les fiches de l’espace sont sur cet appareil/)
      .waitFor({ timeout: POLL.timeout })
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    const asked = tilesRequested.length

    await page.context().setOffline(true)
    await page.reload()
    await page.getByText('Sans connexion : fond uni, les fiches restent placées.').waitFor()
    const map = page.getByRole('region', { name: 'Carte des fiches' })
    await expect
      .poll(() => page.getByText(/fiches? sur la carte/).textContent(), POLL)
      .toBe(`${located.length} fiches sur la carte, ${seed.length - located.length} sans localisation`)
    await expect.poll(() => map.locator('.leaflet-marker-icon').count(), POLL).toBeGreaterThan(3)
    expect(await map.locator('.leaflet-tile').count()).toBe(0)
    expect(tilesRequested.length).toBe(asked)
    // The plain background: the map's own colour, no tile pane drawn.
    expect(await map.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(232, 238, 243)')
    await page.context().setOffline(false)
  })
})

describe('location field', () => {
  test('typed coordinates are checked; a point picked on the map is stored and shown on the map of another person', async () => {
    await importVia(
      'lieux',
      JSON.stringify({
        LieuSansCarte: { id_fiche: 'LieuSansCarte', bf_titre: 'Lieu sans carte', bf_ville: 'Brest' },
      }),
    )
    const page = await newPerson('lieux', 'editor')
    await page.goto(`${stage.relay.url}/s/lieux/f/LieuSansCarte/edit`)
    const field = page.getByRole('group', { name: 'Localisation' })
    await field.getByText('Pas encore de localisation.').waitFor()
    const lat = field.getByLabel('Latitude', { exact: true })
    const lng = field.getByLabel('Longitude', { exact: true })
    const save = field.getByRole('button', { name: 'Enregistrer la localisation' })

    // Out of range, then not a number: refused with the rule, nothing stored.
    for (const [badLat, badLng] of [
      ['95', '-4,49'],
      ['48.39', 'ouest'],
    ]) {
      await lat.fill(badLat!)
      await lng.fill(badLng!)
      await save.click()
      await field
        .getByRole('alert')
        .filter({ hasText: 'Latitude entre -90 et 90, longitude entre -180 et 180.' })
        .waitFor()
      expect(await lat.getAttribute('aria-invalid')).toBe('true')
    }
    expect((await apiFiches('lieux'))[0]?.location ?? null).toBeNull()

    // A French decimal comma is fine.
    await lat.fill('48,39')
    await lng.fill('-4.49')
    await lng.press('Enter')
    await expect
      .poll(async () => (await apiFiches('lieux'))[0]?.location, POLL)
      .toEqual({ lat: 48.39, lng: -4.49 })
    expect(await field.getByRole('alert').count()).toBe(0)
    // The relay can have it before this page has re-rendered the field.
    await expect.poll(() => lat.inputValue(), POLL).toBe('48.39')

    // Pick on the map: it opens on the stored point (zoom 13); a click 120 px east of the centre.
    await field.getByRole('button', { name: 'Choisir sur la carte' }).click()
    const picker = page.getByRole('region', { name: 'Carte : cliquez pour placer la fiche' })
    await expect.poll(() => picker.getAttribute('class'), POLL).toMatch(/leaflet-container/)
    await picker.locator('.location-marker').waitFor()
    const box = (await picker.boundingBox())!
    await picker.click({ position: { x: box.width / 2 + 120, y: box.height / 2 } })
    // 120 px at zoom 13 is 120 × 360 / (256 × 2^13) ≈ 0.0206° of longitude.
    await expect.poll(() => lng.inputValue(), POLL).not.toBe('-4.49')
    const picked = { lat: Number(await lat.inputValue()), lng: Number(await lng.inputValue()) }
    expect(picked.lat).toBeCloseTo(48.39, 3)
    expect(picked.lng - -4.49).toBeGreaterThan(0.019)
    expect(picked.lng - -4.49).toBeLessThan(0.022)
    await expect.poll(async () => (await apiFiches('lieux'))[0]?.location, POLL).toEqual(picked)

    // Someone else's catalog map shows it.
    const other = await newPerson('lieux', 'reader')
    await other.goto(`${stage.relay.url}/s/lieux/map`)
    await expect
      .poll(() => other.getByText(/fiches? sur la carte/).textContent(), POLL)
      .toBe('1 fiche sur la carte, 0 sans localisation')
    await other.locator('.map-marker[title="Lieu sans carte"]').waitFor()
  })

  test('picking works offline, on the plain background, and with the keyboard', async () => {
    await importVia(
      'lieux-2',
      JSON.stringify({ Hors: { id_fiche: 'Hors', bf_titre: 'Hors ligne', bf_ville: 'Rennes' } }),
    )
    const page = await newPerson('lieux-2', 'editor')
    await page.goto(`${stage.relay.url}/s/lieux-2/f/Hors/edit`)
    const field = page.getByRole('group', { name: 'Localisation' })
    await field.getByRole('button', { name: 'Choisir sur la carte' }).click()
    const picker = page.getByRole('region', { name: 'Carte : cliquez pour placer la fiche' })
    await expect.poll(() => picker.getAttribute('class'), POLL).toMatch(/leaflet-container/)
    await page.context().setOffline(true)
    await field.getByText(/Sans connexion : fond uni, les coordonnées restent justes\./).waitFor()
    await expect.poll(() => picker.locator('.leaflet-tile').count(), POLL).toBe(0)
    // No location yet: the map opens on the centre of the Ville (Rennes); with the keyboard, Enter
    // places the fiche at the map's centre.
    await picker.focus()
    await page.keyboard.press('Enter')
    const lat = field.getByLabel('Latitude', { exact: true })
    await expect.poll(() => lat.inputValue(), POLL).not.toBe('')
    expect(Number(await lat.inputValue())).toBeCloseTo(48.1113, 3)
    expect(Number(await field.getByLabel('Longitude', { exact: true }).inputValue())).toBeCloseTo(-1.68, 3)
    await picker.locator('.location-marker').waitFor()
    await page.context().setOffline(false)
    await expect
      .poll(async () => (await apiFiches('lieux-2'))[0]?.location?.lat ?? 0, POLL)
      .toBeCloseTo(48.1113, 3)
  })

  test('the Ville is looked up through the national address API when online, never required', async () => {
    await importVia(
      'lieux-3',
      JSON.stringify({ Ville: { id_fiche: 'Ville', bf_titre: 'Sur la côte', bf_ville: 'Plouguerneau' } }),
    )
    const page = await newPerson('lieux-3', 'editor')
    // The address API, answered here (tests never reach the internet).
    const asked: string[] = []
    let found = true
    await page.route(/^https:\/\/api-adresse\.data\.gouv\.fr\//, (route) => {
      asked.push(route.request().url())
      return route.fulfill({
        contentType: 'application/json',
        headers: { 'access-control-allow-origin': '*' },
        body: JSON.stringify({
          type: 'FeatureCollection',
          features: found
            ? [
                {
                  type: 'Feature',
                  geometry: { type: 'Point', coordinates: [-4.5035, 48.6036] },
                  properties: {},
                },
              ]
            : [],
        }),
      })
    })
    await page.goto(`${stage.relay.url}/s/lieux-3/f/Ville/edit`)
    const field = page.getByRole('group', { name: 'Localisation' })
    const lookUp = field.getByRole('button', { name: 'Chercher la Ville (adresse.data.gouv.fr)' })
    await lookUp.click()
    await expect.poll(() => field.getByLabel('Latitude', { exact: true }).inputValue(), POLL).toBe('48.6036')
    expect(await field.getByLabel('Longitude', { exact: true }).inputValue()).toBe('-4.5035')
    const url = new URL(asked[0]!)
    expect([url.searchParams.get('q'), url.searchParams.get('type')]).toEqual([
      'Plouguerneau',
      'municipality',
    ])
    await expect
      .poll(async () => (await apiFiches('lieux-3'))[0]?.location, POLL)
      .toEqual({ lat: 48.6036, lng: -4.5035 })

    found = false
    await lookUp.click()
    await field
      .getByRole('alert')
      .filter({ hasText: 'Adresse introuvable : saisissez les coordonnées.' })
      .waitFor()
    await page.context().setOffline(true)
    await lookUp.click()
    await field
      .getByRole('alert')
      .filter({ hasText: 'Recherche d’adresse indisponible hors ligne.' })
      .waitFor()
    expect(asked).toHaveLength(2)
    await page.context().setOffline(false)
  })
})

describe('import page', () => {
  test('maps Bazar fields, previews, imports, reports, and neutralises XSS', async () => {
    const page = await newPerson('importe', 'editor')
    await page.addInitScript(() => localStorage.setItem('kenlabour.name', 'Nolwenn'))
    await page.goto(`${stage.relay.url}/s/importe/import`)
    await page.getByRole('heading', { name: 'Importer des fiches' }).waitFor()
    await page.getByLabel('Fichier à importer').setInputFiles(join(ROOT, 'tests/fixtures/bazar-entries.json'))
    const titleSelect = page.getByLabel('Champ de la fiche pour « bf_titre »')
    await expect.poll(() => titleSelect.inputValue(), POLL).toBe('title')
    await page
      .getByLabel('Listes ou formulaire Bazar (JSON, facultatif)')
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
    // The fiche's history starts with what was imported, by whom.
    await page.getByRole('link', { name: 'Historique' }).click()
    const origin = page.locator('.history-entry')
    await expect
      .poll(() => origin.locator('.history-kind').allTextContents(), POLL)
      .toEqual(['Version d’origine'])
    expect(await origin.locator('.history-authors-line .history-author').allTextContents()).toEqual([
      'Nolwenn',
    ])
    const response = await fetch(
      `${stage.relay.url}/api/spaces/importe/fiches?token=${await tokenFor(stage.relay, 'importe', 'reader')}`,
    )
    const fiches = (await response.json()).fiches as { id: string; city: string }[]
    expect(fiches.map((f) => [f.id, f.city]).sort()).toEqual([
      ['JardinPartageDeMorlaix', ''],
      ['LaGrainerieDeRennes', ''],
      ['TiCoopLeSupermarcheCooperatifDeBrest', ''],
    ])

    // A corrected file imported again: the updated fiche's report line leads to its history,
    // where the import is a version of its own, signed.
    const corrected = readFileSync(join(ROOT, 'tests/fixtures/bazar-entries.json'), 'utf8').replace(
      'Échange de graines ',
      'Échange de graines et de plants ',
    )
    await page.goto(`${stage.relay.url}/s/importe/import`)
    await page
      .getByLabel('Fichier à importer')
      .setInputFiles({ name: 'corrige.json', mimeType: 'application/json', buffer: Buffer.from(corrected) })
    await page
      .getByLabel('Listes ou formulaire Bazar (JSON, facultatif)')
      .setInputFiles(join(ROOT, 'tests/fixtures/bazar-lists.json'))
    await page.getByLabel('Champ de la fiche pour « bf_ville »').selectOption('ignore')
    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^0 créée\(s\), 1 mise\(s\) à jour/ })
      .waitFor()
    await page.getByRole('link', { name: 'voir les changements de « La Grainerie de Rennes »' }).click()
    const newest = page.locator('.history-entry').first()
    await expect.poll(() => newest.locator('.history-kind').textContent(), POLL).toBe('Import')
    expect(await newest.locator('.history-by').textContent()).toContain('Nolwenn')
    await newest.getByRole('button', { name: 'Comparer avec la précédente' }).click()
    await expect
      .poll(() => page.locator('.history-pane ins').allTextContents(), POLL)
      .toEqual(['et de plants '])
  })

  test('the Bazar form gives the fields’ labels and the lists; a wrong lists file is refused', async () => {
    const page = await newPerson('formulaire', 'editor')
    await page.goto(`${stage.relay.url}/s/formulaire/import`)
    await page
      .getByLabel('Fichier à importer')
      .setInputFiles(join(ROOT, 'tests/fixtures/bazar-form-entries.json'))
    const description = page.getByLabel('Champ de la fiche pour « bf_presentation »')
    await expect.poll(() => description.inputValue(), POLL).toBe('ignore')
    const lists = page.getByLabel('Listes ou formulaire Bazar (JSON, facultatif)')

    await lists.setInputFiles({
      name: 'entrees.json',
      mimeType: 'application/json',
      buffer: readFileSync(join(ROOT, 'tests/fixtures/bazar-entries.json')),
    })
    await page
      .getByRole('alert')
      .filter({ hasText: 'listes Bazar' })
      .filter({ hasText: 'pas des listes ni un formulaire' })
      .waitFor()
    expect(await page.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(true)

    await lists.setInputFiles(join(ROOT, 'tests/fixtures/bazar-form.json'))
    await page
      .getByRole('status')
      .filter({
        hasText: 'Lu : 3 listes (ListeStructure, ListeTerritoire, ListeThematiques), 8 libellés de champ.',
      })
      .waitFor()
    await expect.poll(() => description.inputValue(), POLL).toBe('description')
    expect(await page.getByLabel('Champ de la fiche pour « listeListeTerritoire »').inputValue()).toBe(
      'scale',
    )
    await page.getByRole('cell', { name: 'bf_presentation — Description de cette initiative' }).waitFor()

    await page.getByRole('button', { name: 'Importer', exact: true }).click()
    await page
      .getByRole('status')
      .filter({ hasText: /^2 créée\(s\), 0 mise\(s\) à jour, 0 inchangée\(s\), 0 ignorée\(s\)$/ })
      .waitFor()
    const fiches = await apiFiches('formulaire')
    expect(fiches.map((f) => [f.id, f.actorType, f.scale, f.keywords])).toEqual([
      ['EpicerieSolidaireDeQuimper', 'association', 'quartier', ['alimentation', 'mobilite']],
      ['AteliersVeloDeLorient', 'groupe-collectif', 'region', ['alimentation', 'energie']],
    ])
    expect(fiches[0]?.sections.description?.text).toBe('Une épicerie à prix choisis, « pour tous ».')
  })

  test('a broken file is refused with its line, and a reader cannot import', async () => {
    const page = await newPerson('importe-2', 'editor')
    await page.goto(`${stage.relay.url}/s/importe-2/import`)
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
          `${stage.relay.url}/api/spaces/importe-2/export?token=${await tokenFor(stage.relay, 'importe-2', 'reader')}`,
        )
      ).status,
    ).toBe(404)

    const reader = await newPerson('importe', 'reader')
    await reader.goto(`${stage.relay.url}/s/importe/import`)
    await reader.getByText(/Importer demande un lien de modification/).waitFor()
    expect(await reader.getByRole('button', { name: 'Importer', exact: true }).isDisabled()).toBe(true)
  })
})

describe('export menu', () => {
  test('offers every format with the licence, and the CSV opens with accents', async () => {
    const page = await newPerson('inspirations', 'reader')
    await page.goto(`${stage.relay.url}/s/inspirations`)
    await page.getByText('Exporter', { exact: true }).click()
    await page.getByText('Licence des données : CC BY-SA 4.0', { exact: true }).waitFor()
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

  test('the licence chosen in the interface is in every download', async () => {
    await importVia('licence', readFileSync(join(ROOT, 'tests/fixtures/bazar-entries.json'), 'utf8'))
    const page = await newPerson('licence', 'editor')
    await page.goto(`${stage.relay.url}/s/licence`)
    await page.getByRole('heading', { name: '3 fiches trouvées', exact: true }).waitFor()
    await page.getByText('Exporter', { exact: true }).click()
    const select = page.getByLabel('Licence des données de l’espace')
    await expect.poll(() => select.inputValue(), POLL).toBe('CC BY-SA 4.0')
    await select.selectOption('CC0 1.0')
    const reader = `token=${await tokenFor(stage.relay, 'licence', 'reader')}`
    await expect
      .poll(
        async () =>
          (await (await fetch(`${stage.relay.url}/api/spaces/licence/export?${reader}`)).json()).licence,
        POLL,
      )
      .toBe('CC0 1.0')

    const formats = [
      'JSON complet (ré-importable)',
      'Markdown',
      'CSV (tableur)',
      'GeoJSON (carte)',
      'GoGoCarto (JSON)',
      'GoGoCarto (CSV)',
    ]
    for (const name of formats) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name, exact: true }).click(),
      ])
      const bytes = readFileSync((await download.path())!)
      const texts = download.suggestedFilename().endsWith('.zip')
        ? Object.values(unzipSync(new Uint8Array(bytes))).map((b) => new TextDecoder().decode(b))
        : [bytes.toString('utf8')]
      expect(texts.length, name).toBeGreaterThan(0)
      for (const text of texts) {
        expect(text, name).toContain('CC0 1.0')
        expect(text, name).not.toContain('CC BY-SA')
      }
    }

    // A reader sees it too, and so does the export of one fiche.
    const other = await newPerson('licence', 'reader')
    await other.goto(`${stage.relay.url}/s/licence/f/LaGrainerieDeRennes`)
    await other.getByText('Exporter cette fiche', { exact: true }).click()
    await other.getByText('Licence des données : CC0 1.0', { exact: true }).waitFor()
    const [one] = await Promise.all([
      other.waitForEvent('download'),
      other.getByRole('link', { name: 'Markdown', exact: true }).click(),
    ])
    expect(one.suggestedFilename()).toBe('LaGrainerieDeRennes.md')
    expect(readFileSync((await one.path())!, 'utf8')).toMatch(/^licence: CC0 1\.0$/m)
  })

  test('the print view keeps the content and the licence, without the chrome', async () => {
    const page = await newPerson('inspirations', 'reader')
    const [fiche] = seed
    await page.goto(`${stage.relay.url}/s/inspirations/f/${fiche!.id}`)
    const title = page.getByRole('heading', { level: 1, name: fiche!.title })
    await title.waitFor()
    const chrome = [
      page.locator('.app-header'),
      page.locator('nav.breadcrumb'),
      page.getByRole('button', { name: 'Modifier', exact: true }),
      page.getByText('Exporter cette fiche', { exact: true }),
    ]
    const licence = page.getByText('Inspirations — licence des données : CC BY-SA 4.0 (Kenlabour)')
    await licence.waitFor({ state: 'attached' })
    for (const element of chrome) expect(await element.isVisible()).toBe(true)
    expect(await licence.isVisible()).toBe(false)
    const description = richToPlainText(fiche!.sections.description).split('\n')[0]!.slice(0, 30)
    expect(description.length).toBeGreaterThan(10)

    await page.emulateMedia({ media: 'print' })
    for (const element of chrome) await expect.poll(() => element.isVisible(), POLL).toBe(false)
    expect(await title.isVisible()).toBe(true)
    expect(await page.locator('main').getByText(description).first().isVisible()).toBe(true)
    expect(await licence.isVisible()).toBe(true)
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(5_000)

    // The directory prints its cards, without the filters.
    await page.emulateMedia({ media: 'screen' })
    await page.goto(`${stage.relay.url}/s/inspirations`)
    await page.getByRole('heading', { name: '20 fiches trouvées', exact: true }).waitFor()
    const filters = page.getByRole('complementary', { name: 'Filtres' })
    expect(await filters.isVisible()).toBe(true)
    await page.emulateMedia({ media: 'print' })
    await expect.poll(() => filters.isVisible(), POLL).toBe(false)
    expect(await page.getByRole('heading', { name: '20 fiches trouvées', exact: true }).isVisible()).toBe(
      true,
    )
    expect(await page.getByText(seed[1]!.title, { exact: true }).first().isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })
  })
})
