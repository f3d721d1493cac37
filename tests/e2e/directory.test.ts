/**
 * The directory end to end, on the seeded demo space: facet counts against the seed, facets and
 * full-text search combined, a shared URL restoring the same view, a new fiche showing live in a
 * second person's catalog, trash and restore, and the language switch.
 *
 * Expected numbers come from the relay's own data (HTTP API), and are also pinned to the seed's
 * known figures (8 associations) so that a wrong parse would fail too. Conditions are polled.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { tokenFor, withDefaultToken } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const POLL = { timeout: 15_000, interval: 100 }

const stage = useBrowserStage()

interface ApiFiche {
  id: string
  title: string
  actorType: string | null
  keywords: string[]
}

let seeded: ApiFiche[] = []

const apiFiches = async (): Promise<ApiFiche[]> => {
  const response = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/${SPACE}/fiches`))
  return ((await response.json()) as { fiches: ApiFiche[] }).fiches
}

const newPerson = async (): Promise<Page> => {
  const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
  return context.newPage()
}

/** A person holding the demo space's editor link (writes need it); the app keeps the token. */
const newEditor = async (): Promise<Page> => {
  const page = await newPerson()
  await page.goto(`${stage.relay.url}/s/${SPACE}?token=${await tokenFor(stage.relay, SPACE, 'editor')}`)
  await expect.poll(() => new URL(page.url()).searchParams.has('token'), POLL).toBe(false)
  return page
}

const count = (page: Page) => page.locator('#results-count').textContent()
const facet = (page: Page, name: string) => page.getByRole('group', { name, exact: true })
const resultTitles = (page: Page) => page.locator('.fiche-card-title').allTextContents()

beforeAll(async () => {
  seeded = await apiFiches()
})

describe('directory', () => {
  test('facet counts match the seed data', async () => {
    const page = await newPerson()
    await page.goto(`${stage.relay.url}/`)
    await page.getByRole('heading', { name: `${seeded.length} fiches trouvées` }).waitFor()
    // A reader (no editor link) is not offered changes the relay would refuse.
    expect(await page.getByRole('button', { name: 'Nouvelle fiche' }).count()).toBe(0)
    const associations = seeded.filter((f) => f.actorType === 'association').length
    expect(associations).toBe(8)
    const actorType = facet(page, "Type d'acteur")
    await expect.poll(() => actorType.getByText(/^Association/).textContent(), POLL).toBe(`Association (8)`)
    const food = seeded.filter((f) => f.keywords.includes('alimentation')).length
    await expect
      .poll(
        () =>
          facet(page, 'Mots clefs')
            .getByText(/^Alimentation, circuit court/)
            .textContent(),
        POLL,
      )
      .toBe(`Alimentation, circuit court (${food})`)
  })

  test('facets and accent-insensitive full-text search narrow together, and the URL restores them', async () => {
    const page = await newPerson()
    await page.goto(`${stage.relay.url}/`)
    await page.getByRole('heading', { name: `${seeded.length} fiches trouvées` }).waitFor()

    await facet(page, "Type d'acteur")
      .getByLabel(/^Association/)
      .check()
    await facet(page, 'Mots clefs')
      .getByLabel(/^Alimentation/)
      .check()
    const both = seeded.filter((f) => f.actorType === 'association' && f.keywords.includes('alimentation'))
    expect(both.length).toBe(3)
    await expect.poll(() => count(page), POLL).toBe('3 fiches trouvées')
    expect((await resultTitles(page)).sort()).toEqual(both.map((f) => f.title).sort())
    // The other facets' counts follow: only options still reachable are enabled.
    await expect
      .poll(
        () =>
          facet(page, "Type d'acteur")
            .getByLabel(/^Commune/)
            .isDisabled(),
        POLL,
      )
      .toBe(true)

    // "ELEVES" without accents finds "élèves", deep inside a section of one association's fiche.
    await facet(page, 'Mots clefs')
      .getByLabel(/^Alimentation/)
      .uncheck()
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('ELEVES')
    await expect.poll(() => count(page), POLL).toBe('1 fiche trouvée')
    expect(await resultTitles(page)).toEqual([
      'Atelier lirecrire ATD Quart monde à distance, Brest (durant le covid : le journal des confiné.es)',
    ])
    await expect.poll(() => page.locator('.fiche-card mark').first().textContent(), POLL).toBe('élèves')
    // Without the facet, the search alone finds both fiches that mention pupils.
    await facet(page, "Type d'acteur")
      .getByLabel(/^Association/)
      .uncheck()
    await expect.poll(() => count(page), POLL).toBe('2 fiches trouvées')

    // Back with both filters, then the shared URL in another browser gives the same view.
    await facet(page, "Type d'acteur")
      .getByLabel(/^Association/)
      .check()
    await page.getByRole('radio', { name: 'Liste' }).check()
    await expect.poll(() => page.url(), POLL).toContain('vue=liste')
    const shared = page.url()
    expect(shared).toContain('acteur=association')
    expect(shared).toContain('q=ELEVES')

    const other = await newPerson()
    await other.goto(shared)
    await expect.poll(() => count(other), POLL).toBe('1 fiche trouvée')
    expect(await other.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).toBe('ELEVES')
    expect(
      await facet(other, "Type d'acteur")
        .getByLabel(/^Association/)
        .isChecked(),
    ).toBe(true)
    expect(await other.getByRole('radio', { name: 'Liste' }).isChecked()).toBe(true)
    await other.locator('.fiche-row').first().waitFor()

    await other.getByRole('button', { name: 'Réinitialiser les filtres' }).click()
    await expect.poll(() => count(other), POLL).toBe(`${seeded.length} fiches trouvées`)
  })

  test('on a phone, the search is in view and the folded filters say how many are on', async () => {
    const context = await stage.newContext({ viewport: { width: 390, height: 844 } })
    const phone = await context.newPage()
    await phone.goto(`${stage.relay.url}/s/${SPACE}?acteur=association&q=ELEVES`)
    await expect.poll(() => count(phone), POLL).toBe('1 fiche trouvée')
    const search = phone.getByRole('searchbox', { name: 'Rechercher' })
    expect(await search.isVisible()).toBe(true)
    expect(await search.inputValue()).toBe('ELEVES')
    const fold = phone.locator('.facets-fold > summary')
    expect(await fold.textContent()).toBe('Filtres (1)')
    expect(await facet(phone, "Type d'acteur").isVisible()).toBe(false)
    await fold.click()
    expect(
      await facet(phone, "Type d'acteur")
        .getByLabel(/^Association/)
        .isChecked(),
    ).toBe(true)
  })

  test('a new fiche appears live in a second person’s catalog; trash and restore', async () => {
    const watcher = await newEditor()
    await watcher.goto(`${stage.relay.url}/`)
    await watcher.getByRole('heading', { name: `${seeded.length} fiches trouvées` }).waitFor()

    const author = await newEditor()
    await author.goto(`${stage.relay.url}/`)
    await author.getByRole('button', { name: 'Nouvelle fiche' }).click()
    const title = `Grainothèque de Plouzané ${Date.now()}`
    await author.getByLabel("Titre de l'initiative").fill(title)
    await author.getByRole('button', { name: 'Créer la fiche' }).click()
    await expect.poll(() => new URL(author.url()).pathname, POLL).toMatch(/\/edit$/)
    const id = new URL(author.url()).pathname.split('/')[4]!

    // Live in the other browser, found by an accent-free search of its title.
    await expect.poll(() => count(watcher), POLL).toBe(`${seeded.length + 1} fiches trouvées`)
    await watcher.getByRole('searchbox', { name: 'Rechercher' }).fill('grainotheque')
    await expect.poll(() => resultTitles(watcher), POLL).toEqual([title])

    // Trash from the fiche page: gone from the catalog (of both), listed in the trash.
    await author.goto(`${stage.relay.url}/s/${SPACE}/f/${id}`)
    await author.getByRole('heading', { level: 1, name: title }).waitFor()
    await author.getByRole('button', { name: 'Mettre à la corbeille' }).click()
    await author.getByText('Cette fiche est dans la corbeille.').waitFor()
    await expect.poll(() => count(watcher), POLL).toBe('0 fiche trouvée')
    await watcher.getByRole('button', { name: 'Réinitialiser les filtres' }).click()
    await expect.poll(() => count(watcher), POLL).toBe(`${seeded.length} fiches trouvées`)

    await watcher.getByRole('link', { name: /^Corbeille/ }).click()
    await watcher.getByRole('heading', { name: 'Corbeille' }).waitFor()
    await watcher.getByRole('link', { name: title }).waitFor()
    // Restored from the other browser's trash view: back in everyone's catalog.
    await watcher.getByRole('button', { name: `Restaurer : ${title}` }).click()
    await watcher.getByText('La corbeille est vide.').waitFor()
    await expect.poll(() => author.getByText('Cette fiche est dans la corbeille.').count(), POLL).toBe(0)
    await watcher.getByRole('link', { name: /Retour aux fiches/ }).click()
    await expect.poll(() => count(watcher), POLL).toBe(`${seeded.length + 1} fiches trouvées`)
    expect((await apiFiches()).some((f) => f.id === id)).toBe(true)
  })

  test('the fiche page: keyword chips lead to the filtered catalog, last change and contributors shown', async () => {
    const page = await newPerson()
    const tiCoop = seeded.find((f) => f.title.startsWith('Ti Coop'))!
    await page.goto(`${stage.relay.url}/s/${SPACE}/f/${tiCoop.id}`)
    await page.getByRole('heading', { level: 1, name: tiCoop.title }).waitFor()
    await page.getByText(/^Dernière modification : /).waitFor()
    // Its author on the original site wrote the seeded text: the first of its contributors.
    await expect
      .poll(() => page.locator('.contributors-list li').allTextContents(), POLL)
      .toEqual(['Michel Briand'])
    await page.getByRole('link', { name: 'Alimentation, circuit court' }).click()
    await expect.poll(() => page.url(), POLL).toContain('motclef=alimentation')
    const food = seeded.filter((f) => f.keywords.includes('alimentation')).length
    await expect.poll(() => count(page), POLL).toBe(`${food} fiches trouvées`)
  })

  test('the language switch translates the interface, never the fiches', async () => {
    const page = await newPerson()
    await page.goto(`${stage.relay.url}/?acteur=association`)
    await expect.poll(() => count(page), POLL).toBe('8 fiches trouvées')
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await expect.poll(() => count(page), POLL).toBe('8 fiches found')
    await facet(page, 'Type of actor').waitFor()
    await page.getByRole('button', { name: 'Reset filters' }).waitFor()
    await page.getByRole('searchbox', { name: 'Search' }).waitFor()
    await page.getByRole('radio', { name: 'Cards' }).waitFor()
    // Content stays in French.
    await page.getByRole('link', { name: 'Ti Coop Le supermarché coopératif de Brest' }).waitFor()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByRole('button', { name: 'Passer en français' }).click()
    await expect.poll(() => count(page), POLL).toBe('8 fiches trouvées')
  })
})
