/**
 * The foundation, end to end: the built client served by a real relay, in headless Chromium.
 * Directory and fiche page of the seeded demo space, two people editing one fiche at once, what
 * survives a relay restart, and a reload with the relay down (the local-first promise).
 *
 * Each test opens its own browser context (own IndexedDB, service worker and localStorage) and
 * works on its own fiche, so none depends on another's edits. Conditions are awaited by polling,
 * never by sleeping.
 */
import type { Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { startRelay, tempDataDir } from '../helpers/relay.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const TI_COOP = 'Ti Coop Le supermarché coopératif de Brest'
const DESCRIPTION = 'Description de cette initiative'
const POLL = { timeout: 15_000, interval: 100 }

const dataDir = tempDataDir()
const stage = useBrowserStage({ dataDir })
/** The demo space's editor token (minted as `npm run token` mints it): everyone here is an editor. */
let editorToken = ''
/** Fiche ids by title, from the relay's HTTP API. */
const ids = new Map<string, string>()

interface ApiFiche {
  id: string
  title: string
  city: string
  sections: Record<string, { text: string }>
}

const apiFiches = async (): Promise<ApiFiche[]> => {
  const response = await fetch(`${stage.relay.url}/api/spaces/${SPACE}/fiches`)
  const body = (await response.json()) as { fiches: ApiFiche[] }
  return body.fiches
}

const idOf = (title: string): string => {
  const id = ids.get(title)
  if (!id) throw new Error(`no fiche titled ${title}`)
  return id
}

/** A new browser context (a person on their own device) whose display name is `name`. */
const newPerson = async (name?: string): Promise<Page> => {
  const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
  if (name) await context.addInitScript((n) => localStorage.setItem('kenlabour.name', n), name)
  // As if this person had opened the editor link once (tests/e2e/access.test.ts covers the link itself).
  await context.addInitScript(([space, token]) => localStorage.setItem(`kenlabour:token:${space}`, token), [
    SPACE,
    editorToken,
  ] as const)
  return context.newPage()
}

const ficheUrl = (title: string, edit = false) =>
  `${stage.relay.url}/s/${SPACE}/f/${idOf(title)}${edit ? '/edit' : ''}`

/** The text of an element (Playwright's `textContent`; biome mistakes `innerText()` for the DOM's). */
const textOf = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? ''

/** Puts the caret at the very end of a TipTap editor or a text input, then types (focus, not a click at a point the other person's text may move). */
const typeAtEnd = async (page: Page, target: Locator, text: string) => {
  await target.focus()
  await page.keyboard.press('Control+End')
  await page.keyboard.type(text, { delay: 5 })
}

const typeAtStart = async (page: Page, target: Locator, text: string) => {
  await target.focus()
  await page.keyboard.press('Control+Home')
  await page.keyboard.type(text, { delay: 5 })
}

/** Bytes stored by y-indexeddb for a document (0 when nothing is stored yet). */
const storedBytes = (page: Page, docName: string): Promise<number> =>
  page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open(name)
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          if (!db.objectStoreNames.contains('updates')) {
            db.close()
            resolve(0)
            return
          }
          const all = db.transaction('updates', 'readonly').objectStore('updates').getAll()
          all.onsuccess = () => {
            db.close()
            resolve((all.result as Uint8Array[]).reduce((n, u) => n + u.byteLength, 0))
          }
          all.onerror = () => reject(all.error)
        }
      }),
    docName,
  )

const connectionText = (page: Page) => textOf(page.locator('.connection-text').first())

beforeAll(async () => {
  editorToken = await tokenFor(stage.relay, SPACE, 'editor')
  for (const fiche of await apiFiches()) ids.set(fiche.title, fiche.id)
})

describe('foundation', () => {
  test('the directory lists the 20 seeded fiches', async () => {
    const page = await newPerson()
    await page.goto(`${stage.relay.url}/`)
    await page.getByRole('heading', { name: '20 fiches trouvées', exact: true }).waitFor()
    const cards = page.locator('.fiche-list').getByRole('link')
    await expect.poll(() => cards.count(), POLL).toBe(20)
    await page.getByRole('link', { name: TI_COOP, exact: true }).waitFor()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr')
    for (const facet of ['Mots clefs', "Echelle d'action", "Type d'acteur"]) {
      await page.getByRole('group', { name: facet, exact: true }).waitFor()
    }

    // A facet narrows the list and lives in the URL; the interface switches to English and back.
    await page.getByRole('group', { name: "Type d'acteur" }).getByLabel('Commune').check()
    await expect.poll(() => page.url(), POLL).toContain('acteur=commune')
    await page.getByRole('heading', { name: /^\d+ fiches? trouvées?$/ }).waitFor()
    const filtered = await cards.count()
    expect(filtered).toBeGreaterThan(0)
    expect(filtered).toBeLessThan(20)
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).click()
    await page.getByRole('heading', { name: '20 fiches trouvées' }).waitFor()
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await page.getByRole('heading', { name: '20 fiches found' }).waitFor()
    await page.getByRole('button', { name: 'Passer en français' }).click()
    await page.getByRole('heading', { name: '20 fiches trouvées' }).waitFor()
  })

  test('the Ti Coop fiche shows its sections under their labels and its fields', async () => {
    const page = await newPerson()
    await page.goto(`${stage.relay.url}/`)
    await page.getByRole('link', { name: TI_COOP, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: TI_COOP }).waitFor()
    expect(new URL(page.url()).pathname).toBe(`/s/${SPACE}/f/${idOf(TI_COOP)}`)

    const region = (name: string) => page.getByRole('region', { name, exact: true })
    await expect
      .poll(() => textOf(region(DESCRIPTION)), POLL)
      .toContain('Un vrai supermarché qui vous appartient')
    for (const label of [
      'En quoi cette initiative vous parait positive pour "l\'après" ?',
      'En quoi contribue-t-elle à faire cesser un "avant" non désirable ?',
      "Quelles sont les limites de cette initiative, qu'est ce qui la freine aujourd'hui ?",
      "Quels sont les leviers, les choses qui facilitent cette initiative aujourd'hui ?",
      "Vous semble-t-elle adaptée à d'autres contextes/acteurs/thématiques ? Lesquels (exemples)?",
      'En complément',
    ]) {
      await page.getByRole('heading', { level: 2, name: label, exact: true }).waitFor()
    }
    expect(await textOf(region("Type d'acteurs qui propose cette initiative"))).toContain('Association')
    expect(await textOf(region("Echelle d'action"))).toContain('Pays')
    expect(await textOf(region("Nom de l'acteur"))).toContain('Ticooop')
    expect(await textOf(region('Ville'))).toContain('Brest')
    const keywords = await region('Mot Clef').getByRole('listitem').allInnerTexts()
    expect(keywords).toContain('Alimentation, circuit court')

    const mail = region('Comment contacter cette initiative?').getByRole('link', {
      name: 'contact@ticoop.fr',
    })
    expect(await mail.getAttribute('href')).toBe('mailto:contact@ticoop.fr')
    const website = region('Lien Web si existant').getByRole('link')
    expect(await website.getAttribute('href')).toBe('https://ticoop.fr/')

    // Only http, https and mailto ever become links.
    const protocols = await page
      .locator('main a[href]')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).protocol))
    expect(protocols.every((p) => ['http:', 'https:', 'mailto:'].includes(p))).toBe(true)
    await page.getByRole('button', { name: 'Modifier' }).waitFor()
  })

  test('opening every seeded fiche for editing writes nothing to it', async () => {
    // An editor that "normalises" what it opens (a trailing empty paragraph after a list, say)
    // would change the shared fiche for everyone, in its history too, just by being opened.
    const fiches = await apiFiches()
    const stored = (id: string) => Array.from(Y.encodeStateVector(readStoredDoc(dataDir, `${SPACE}/${id}`)))
    const before = new Map(fiches.map((f) => [f.id, stored(f.id)]))
    const page = await newPerson()
    for (const { id } of fiches) {
      await page.goto(`${stage.relay.url}/s/${SPACE}/f/${id}/edit`)
      await page.getByLabel(DESCRIPTION, { exact: true }).waitFor()
      await expect.poll(() => textOf(page.locator('.connection-text').first()), POLL).toBe('Connecté')
      expect(await page.getByRole('button', { name: 'Annuler', exact: true }).first().isDisabled()).toBe(true)
    }
    // What an opening wrote would be stored within a group commit (50 ms): leave it well more.
    await page.goto(`${stage.relay.url}/s/${SPACE}`)
    await page.waitForTimeout(1_000)
    for (const { id } of fiches) expect({ id, state: stored(id) }).toEqual({ id, state: before.get(id) })
  })

  test('two people editing one fiche see each other’s text and caret', async () => {
    const alice = await newPerson('Alice')
    const bob = await newPerson('Bob')
    await Promise.all([alice.goto(ficheUrl(TI_COOP, true)), bob.goto(ficheUrl(TI_COOP, true))])
    const editor = (page: Page) => page.getByLabel(DESCRIPTION, { exact: true })
    const city = (page: Page) => page.getByLabel('Ville', { exact: true })
    for (const page of [alice, bob]) {
      await editor(page).waitFor()
      await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
    }

    // Both type in the same section at the same time, at its two ends. (Two carets at the very same
    // end of a paragraph may interleave whole runs: y-prosemirror moves a caret that sits at the end
    // of a paragraph past text inserted there remotely, so that case has no single expected string.)
    await Promise.all([
      typeAtStart(alice, editor(alice), 'Alice était là. '),
      typeAtEnd(bob, editor(bob), ' Bob aussi.'),
    ])
    for (const page of [alice, bob]) {
      await expect.poll(() => textOf(editor(page)), POLL).toContain('Alice était là.')
      await expect.poll(() => textOf(editor(page)), POLL).toContain('Bob aussi.')
    }
    await alice.locator('.collaboration-carets__label', { hasText: 'Bob' }).waitFor({ state: 'visible' })
    await bob.locator('.collaboration-carets__label', { hasText: 'Alice' }).waitFor({ state: 'visible' })
    // Each in the other's list of who is here, kept in view in the edit page's bar.
    await alice.locator('.edit-toolbar').getByRole('heading', { name: '2 personnes ici' }).waitFor()
    await alice.locator('.edit-toolbar').getByRole('button', { name: 'Suivre Bob' }).waitFor()

    // And in a plain field, again at its two ends (both at the end, a caret that a remote
    // insertion pushes along may interleave the two runs: no single expected string either).
    await Promise.all([typeAtStart(alice, city(alice), '(Alice) '), typeAtEnd(bob, city(bob), ' (Bob)')])
    for (const page of [alice, bob]) {
      await expect.poll(() => city(page).inputValue(), POLL).toContain('(Alice)')
      await expect.poll(() => city(page).inputValue(), POLL).toContain('(Bob)')
    }
    expect(await city(alice).inputValue()).toBe(await city(bob).inputValue())

    // Back in view mode, the edits are on the fiche page.
    await alice.getByRole('button', { name: 'Terminer' }).click()
    const description = alice.getByRole('region', { name: DESCRIPTION, exact: true })
    await expect.poll(() => textOf(description), POLL).toContain('Bob aussi.')
  })

  test('edits survive a relay restart', async () => {
    const title = 'AURAY - A votre Ecoute'
    const marker = `Restart-${Date.now()}`
    const page = await newPerson('Camille')
    await page.goto(ficheUrl(title, true))
    const editor = page.getByLabel(DESCRIPTION, { exact: true })
    await editor.waitFor()
    await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
    await typeAtEnd(page, editor, ` ${marker}`)
    await typeAtEnd(page, page.getByLabel('Ville', { exact: true }), ` ${marker}`)
    await expect
      .poll(async () => {
        const fiche = (await apiFiches()).find((f) => f.title === title)
        return Boolean(fiche?.city.includes(marker) && fiche.sections.description?.text.includes(marker))
      }, POLL)
      .toBe(true)

    const port = stage.relay.port
    await stage.relay.stop()
    await expect.poll(() => connectionText(page), POLL).toBe('Hors ligne')
    stage.relay = await startRelay({ dataDir, port })
    await expect.poll(() => connectionText(page), POLL).toBe('Connecté')

    await page.reload()
    await editor.waitFor()
    await expect.poll(() => textOf(editor), POLL).toContain(marker)
    expect(await page.getByLabel('Ville', { exact: true }).inputValue()).toContain(marker)

    // A device that never saw the edit gets it from the restarted relay.
    const other = await newPerson()
    await other.goto(ficheUrl(title))
    const description = other.getByRole('region', { name: DESCRIPTION, exact: true })
    await expect.poll(() => textOf(description), POLL).toContain(marker)
    await other.goto(`${stage.relay.url}/`)
    await other.getByRole('heading', { name: '20 fiches trouvées' }).waitFor()
  })

  test('a reload with the relay down shows the fiche from IndexedDB', async () => {
    const title = 'Au restaurant avec les voisins'
    const page = await newPerson()
    await page.goto(`${stage.relay.url}/`)
    await page.getByRole('heading', { name: '20 fiches trouvées' }).waitFor()
    await page.getByRole('link', { name: title, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    const description = page.getByRole('region', { name: DESCRIPTION, exact: true })
    const text = await textOf(description)
    expect(text.length).toBeGreaterThan(50)
    // The app shell is cached by the service worker, the documents are in IndexedDB.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    const docName = `${SPACE}/${idOf(title)}`
    await expect.poll(() => storedBytes(page, docName), POLL).toBeGreaterThan(1_000)
    await expect.poll(() => storedBytes(page, `${SPACE}/_index`), POLL).toBeGreaterThan(1_000)

    const port = stage.relay.port
    await stage.relay.stop()
    try {
      await page.reload()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      expect(await textOf(description)).toBe(text)
      await expect.poll(() => connectionText(page), POLL).toBe('Hors ligne')
      await page.getByRole('link', { name: 'Toutes les fiches' }).click()
      await page.getByRole('heading', { name: '20 fiches trouvées' }).waitFor()
    } finally {
      stage.relay = await startRelay({ dataDir, port })
    }
  })

  test('a fiche created offline is listed at once and reaches the relay when it is back', async () => {
    const title = `Jardin partagé ${Date.now()}`
    const page = await newPerson('Dominique')
    await page.goto(`${stage.relay.url}/`)
    const count = page.getByRole('heading', { name: /^\d+ fiches trouvées$/ })
    await count.waitFor()
    const before = Number.parseInt(await textOf(count), 10)
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await expect.poll(() => storedBytes(page, `${SPACE}/_index`), POLL).toBeGreaterThan(1_000)

    const port = stage.relay.port
    await stage.relay.stop()
    try {
      await expect.poll(() => connectionText(page), POLL).toBe('Hors ligne')
      await page.getByRole('button', { name: 'Nouvelle fiche' }).click()
      await page.getByLabel("Titre de l'initiative").fill(title)
      await page.getByRole('button', { name: 'Créer la fiche' }).click()
      const editor = page.getByLabel(DESCRIPTION, { exact: true })
      await editor.waitFor()
      expect(new URL(page.url()).pathname).toMatch(
        /^\/s\/inspirations\/f\/JardinPartage\d+-[a-z2-9]{8}\/edit$/,
      )
      await typeAtEnd(page, editor, 'Des parcelles cultivées ensemble.')
      await typeAtEnd(page, page.getByLabel('Ville', { exact: true }), 'Quimper')
      await page.getByRole('button', { name: 'Terminer' }).click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByRole('link', { name: 'Toutes les fiches' }).click()
      await page.getByRole('heading', { name: `${before + 1} fiches trouvées` }).waitFor()
      await page.getByRole('link', { name: title, exact: true }).waitFor()
    } finally {
      stage.relay = await startRelay({ dataDir, port })
    }
    await expect
      .poll(async () => {
        const fiche = (await apiFiches()).find((f) => f.title === title)
        return fiche ? `${fiche.city} / ${fiche.sections.description?.text}` : null
      }, POLL)
      .toBe('Quimper / Des parcelles cultivées ensemble.')
    await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
  })
})
