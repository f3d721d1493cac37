/**
 * Edit history of a fiche (issue #6), in headless Chromium against a real relay: two people edit
 * in turn and the timeline names both; compare highlights the words that changed; restoring a
 * deleted paragraph while someone else has the fiche open brings it back for both; restoring one
 * field leaves the others alone; the history shows offline after a reload.
 *
 * Automatic versions are made after `?historyQuietMs=` of quiet (client/src/history/settings.ts),
 * and a session version when someone leaves edit mode: the tests leave edit mode ("Terminer").
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { launchBrowser } from '../helpers/browser.ts'
import { type RelayHandle, startRelay } from '../helpers/relay.ts'
import { tokenFor, withDefaultToken } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const DESCRIPTION = 'Description de cette initiative'
const POLL = { timeout: 20_000, interval: 100 }
/**
 * Quiet delay before an automatic version (client/src/history/settings.ts): short, yet longer
 * than a pause between two keystrokes on a loaded machine, so one typed word is one version.
 * Leaving edit mode records at once anyway.
 */
const QUIET_MS = '3000'

let relay: RelayHandle
let browser: Browser
const contexts: BrowserContext[] = []
let fiches: { id: string; title: string }[] = []
/** The demo space's editing link token: writes need it. */
let editorToken = ''

const textOf = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? ''

const newPerson = async (name: string): Promise<{ page: Page; context: BrowserContext }> => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  await context.addInitScript(
    ([n, quiet]) => {
      localStorage.setItem('kenlabour.name', n)
      localStorage.setItem('kenlabour.historyQuietMs', quiet)
    },
    [name, QUIET_MS] as const,
  )
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`[${name}] ${error.message}`))
  // Opening the editing link once stores its token for the space on this device.
  await page.goto(`${relay.url}/s/${SPACE}?token=${editorToken}`)
  await expect.poll(() => new URL(page.url()).searchParams.has('token'), POLL).toBe(false)
  return { page, context }
}

const url = (id: string, suffix = '') => `${relay.url}/s/${SPACE}/f/${id}${suffix}`
const connectionText = (page: Page) => textOf(page.locator('.connection-text').first())

/** Opens edit mode, runs `edit`, then leaves edit mode (which records a session version). */
const editSession = async (page: Page, id: string, edit: () => Promise<void>) => {
  await page.goto(url(id, '/edit'))
  await page.getByLabel(DESCRIPTION, { exact: true }).waitFor()
  await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
  await edit()
  await page.getByRole('button', { name: 'Terminer' }).click()
  await page.getByRole('heading', { level: 1 }).waitFor()
}

const appendToDescription = async (page: Page, words: string, newParagraph = false) => {
  await page.getByLabel(DESCRIPTION, { exact: true }).click()
  await page.keyboard.press('Control+End')
  if (newParagraph) await page.keyboard.press('Enter')
  await page.keyboard.type(words, { delay: 5 })
}

const openHistory = async (page: Page, id: string) => {
  await page.goto(url(id))
  await page.getByRole('link', { name: 'Historique' }).click()
  await page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor()
}

const entries = (page: Page) => page.locator('.history-entry')
const newest = (page: Page) => entries(page).first()

beforeAll(async () => {
  relay = await startRelay()
  browser = await launchBrowser()
  editorToken = await tokenFor(relay, SPACE, 'editor')
  const response = await fetch(await withDefaultToken(`${relay.url}/api/spaces/${SPACE}/fiches`))
  fiches = ((await response.json()) as { fiches: { id: string; title: string }[] }).fiches
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
  await relay?.stop()
})

describe('history', () => {
  test('two people edit in turn: the timeline names both, compare highlights the right words', async () => {
    const { id } = fiches[2]!
    const alice = await newPerson('Alice')
    const bob = await newPerson('Bob')
    await editSession(alice.page, id, () => appendToDescription(alice.page, ' Ajout-Alice'))
    await editSession(bob.page, id, () => appendToDescription(bob.page, ' Ajout-Bob'))

    const page = alice.page
    await openHistory(page, id)
    const authors = page.locator('.history-timeline .history-authors-line .history-author')
    await expect
      .poll(async () => [...new Set(await authors.allTextContents())].sort(), POLL)
      .toEqual(['Alice', 'Bob'])
    // Each session version lists who was present.
    await expect
      .poll(() => newest(page).locator('.history-participants-line').textContent(), POLL)
      .toContain('Bob')
    expect(await newest(page).locator('.history-authors-line .history-author').allTextContents()).toEqual([
      'Bob',
    ])

    await newest(page).getByRole('button', { name: 'Comparer avec la précédente' }).click()
    const region = page.getByRole('region', { name: DESCRIPTION, exact: true }).last()
    const inserted = await region.locator('ins').allTextContents()
    expect(inserted.join('')).toContain('Ajout-Bob')
    expect(inserted.join('')).not.toContain('Ajout-Alice')
    expect(await region.locator('del').count()).toBe(0)
    // Insertions take their single author's colour.
    const color = await region
      .locator('ins')
      .first()
      .evaluate((el) => getComputedStyle(el).color)
    const bobColor = await bob.page.evaluate(() => localStorage.getItem('kenlabour.color'))
    const hex = (rgb: string) =>
      `#${(rgb.match(/\d+/g) ?? []).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`
    expect(hex(color)).toBe(bobColor)
  })

  test('restoring a deleted paragraph brings it back for someone else on the fiche', async () => {
    const { id } = fiches[3]!
    const alice = await newPerson('Alice')
    const bob = await newPerson('Bob')
    await editSession(alice.page, id, () => appendToDescription(alice.page, 'Paragraphe à garder.', true))
    await editSession(alice.page, id, async () => {
      const editor = alice.page.getByLabel(DESCRIPTION, { exact: true })
      await editor.click()
      await alice.page.keyboard.press('Control+End')
      await alice.page.keyboard.press('Shift+Home')
      await alice.page.keyboard.press('Backspace')
      await alice.page.keyboard.press('Backspace')
      await expect.poll(() => textOf(editor), POLL).not.toContain('Paragraphe à garder.')
    })

    await bob.page.goto(url(id))
    const bobDescription = bob.page.getByRole('region', { name: DESCRIPTION, exact: true })
    await expect.poll(() => textOf(bobDescription), POLL).not.toContain('Paragraphe à garder.')
    await expect.poll(() => connectionText(bob.page), POLL).toBe('Connecté')

    await openHistory(alice.page, id)
    await expect.poll(() => entries(alice.page).count(), POLL).toBeGreaterThanOrEqual(2)
    await newest(alice.page).getByRole('button', { name: 'Comparer avec la précédente' }).click()
    const region = alice.page.getByRole('region', { name: DESCRIPTION, exact: true }).last()
    expect((await region.locator('del').allTextContents()).join('')).toContain('Paragraphe à garder.')
    await region.getByRole('button', { name: `Restaurer « ${DESCRIPTION} » de cette version` }).click()
    await alice.page
      .getByRole('status')
      .getByText(/Restauré/)
      .waitFor()

    await expect.poll(() => textOf(bobDescription), POLL).toContain('Paragraphe à garder.')
    await expect
      .poll(() => newest(alice.page).locator('.history-kind').textContent(), POLL)
      .toBe('Restauration')
    await alice.page.getByRole('link', { name: 'Retour à la fiche' }).click()
    const aliceDescription = alice.page.getByRole('region', { name: DESCRIPTION, exact: true })
    await expect.poll(() => textOf(aliceDescription), POLL).toContain('Paragraphe à garder.')
  })

  test('restoring one field leaves the rest untouched', async () => {
    const { id } = fiches[4]!
    const alice = await newPerson('Alice')
    const city = alice.page.getByLabel('Ville', { exact: true })
    let cityBefore = ''
    await editSession(alice.page, id, async () => {
      cityBefore = await city.inputValue()
      await appendToDescription(alice.page, ' Premier-passage')
    })
    await editSession(alice.page, id, async () => {
      await city.fill('Ville-modifiée')
      await appendToDescription(alice.page, ' Second-passage')
    })
    await openHistory(alice.page, id)
    await expect.poll(() => entries(alice.page).count(), POLL).toBeGreaterThanOrEqual(2)
    await entries(alice.page).nth(1).getByRole('button', { name: 'Voir' }).click()
    await alice.page
      .getByRole('region', { name: 'Ville', exact: true })
      .getByRole('button', { name: 'Restaurer « Ville » de cette version' })
      .click()
    await alice.page
      .getByRole('status')
      .getByText(/Restauré/)
      .waitFor()

    await alice.page.goto(url(id, '/edit'))
    await expect.poll(() => city.inputValue(), POLL).toBe(cityBefore)
    const description = alice.page.getByLabel(DESCRIPTION, { exact: true })
    await expect.poll(() => textOf(description), POLL).toContain('Second-passage')
    expect(await textOf(description)).toContain('Premier-passage')
  })

  test('the history shows offline after a reload', async () => {
    const { id } = fiches[5]!
    const alice = await newPerson('Alice')
    await editSession(alice.page, id, () => appendToDescription(alice.page, ' Hors-ligne-aussi'))
    await openHistory(alice.page, id)
    await expect.poll(() => alice.page.locator('.history-author').allTextContents(), POLL).toContain('Alice')
    await alice.page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await alice.context.setOffline(true)
    await alice.page.reload()
    await alice.page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor()
    await expect.poll(() => alice.page.locator('.history-author').allTextContents(), POLL).toContain('Alice')
    await expect.poll(() => connectionText(alice.page), POLL).toBe('Hors ligne')
    await newest(alice.page).getByRole('button', { name: 'Comparer avec maintenant' }).click()
    await alice.page.getByText('Aucune différence.').waitFor()
  })
})
