/**
 * Accessibility of every page, checked by axe-core (the engine of Lighthouse and of the axe browser
 * extensions) in headless Chromium against the real relay: WCAG 2.1 A and AA rules and axe's best
 * practices, in French and in English, on a laptop and on a phone, with the share dialog open and
 * a version compared. A page passes when axe finds no violation at all.
 */
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { tokenFor } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const FICHE = 'AuRestaurantAvecLesVoisins'
const POLL = { timeout: 20_000, interval: 100 }
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

const stage = useBrowserStage()

interface Violation {
  readonly id: string
  readonly help: string
  readonly targets: string[]
}

/** axe's violations on the page as it is now (rule id, what it asks, the first elements at fault). */
const violations = async (page: Page): Promise<Violation[]> => {
  await page.addScriptTag({ path: AXE_SOURCE })
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } }).axe
    const result = (await axe.run(document, { runOnly: { type: 'tag', values: tags } })) as {
      violations: { id: string; help: string; nodes: { target: string[] }[] }[]
    }
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }))
  }, RULES)
}

/** A person with the demo space's editor link, in French or English, on a laptop or a phone. */
const person = async (lang: 'fr' | 'en', viewport: { width: number; height: number }): Promise<Page> => {
  const context = await stage.newContext({ viewport })
  await context.addInitScript((l) => localStorage.setItem('kenlabour.lang', l), lang)
  const page = await context.newPage()
  await page.goto(`${stage.relay.url}/s/${SPACE}?token=${await tokenFor(stage.relay, SPACE, 'editor')}`)
  await expect.poll(() => new URL(page.url()).searchParams.has('token'), POLL).toBe(false)
  return page
}

const open = async (page: Page, path: string, ready: string) => {
  await page.goto(`${stage.relay.url}${path}`)
  await page.locator(ready).first().waitFor({ timeout: POLL.timeout })
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const pages: [string, string, string][] = [
    ['directory', `/s/${SPACE}`, '.fiche-card'],
    ['fiche', `/s/${SPACE}/f/${FICHE}`, '.fiche-head h1'],
    ['edit page', `/s/${SPACE}/f/${FICHE}/edit`, '.edit-toolbar'],
    ['history', `/s/${SPACE}/f/${FICHE}/history`, '.history-page h1'],
    ['map', `/s/${SPACE}/map`, '.map-page h1'],
    ['import', `/s/${SPACE}/import`, '.import-form'],
  ]

  for (const [lang, viewport] of [
    ['fr', { width: 1280, height: 900 }],
    ['en', { width: 390, height: 844 }],
  ] as const) {
    test(`every page in ${lang === 'fr' ? 'French on a laptop' : 'English on a phone'}`, async () => {
      const page = await person(lang, viewport)
      for (const [name, path, ready] of pages) {
        await open(page, path, ready)
        expect({ page: name, violations: await violations(page) }).toEqual({ page: name, violations: [] })
      }
    })
  }

  test('the share dialog open, and a version compared', async () => {
    const page = await person('fr', { width: 1280, height: 900 })
    await open(page, `/s/${SPACE}`, '.fiche-card')
    await page.getByRole('button', { name: 'Partager l’espace' }).click()
    const dialog = page.getByRole('dialog', { name: 'Partager cet espace' })
    await expect
      .poll(() => dialog.getByLabel('Lien d’édition', { exact: true }).inputValue(), POLL)
      .not.toBe('')
    expect(await violations(page)).toEqual([])
    await page.keyboard.press('Escape')

    // An edit makes a version: the timeline and a compare of it with the original.
    await open(page, `/s/${SPACE}/f/${FICHE}/edit?historyQuietMs=1000`, '.edit-toolbar')
    const description = page.getByLabel('Description de cette initiative', { exact: true })
    await description.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(' Relu en atelier.')
    await page.getByRole('button', { name: 'Terminer' }).click()
    await page.getByRole('link', { name: 'Historique' }).click()
    await page.getByRole('button', { name: 'Comparer avec la précédente' }).first().click()
    await page.locator('ins').first().waitFor({ timeout: POLL.timeout })
    expect(await violations(page)).toEqual([])
  })
})
