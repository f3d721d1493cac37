/**
 * Edit history of a fiche (issue #6), in headless Chromium against a real relay: two people edit
 * in turn and the timeline names both; compare highlights the words that changed; restoring a
 * deleted paragraph while someone else has the fiche open brings it back for both; restoring one
 * field leaves the others alone; the history shows offline after a reload.
 *
 * Automatic versions are made after `?historyQuietMs=` of quiet (client/src/history/settings.ts),
 * and a session version when someone leaves edit mode: the tests leave edit mode ("Terminer").
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ACTOR_TYPES } from '@kenlabour/shared/vocabularies'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { ROOT, startRelay } from '../helpers/relay.ts'
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
const ALICE_COLOR = '#b3261e'
const BOB_COLOR = '#1d4e89'
const ACTOR_TYPE = "Type d'acteurs qui propose cette initiative"

let fiches: { id: string; title: string; author: string; createdAt: number }[] = []
/** The demo space's editing link token: writes need it. */
let editorToken = ''

const textOf = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? ''

interface PersonOptions {
  /** Quiet delay before an automatic version (default `QUIET_MS`). */
  readonly quietMs?: string
  /** `#rrggbb`, so that colours can be checked. */
  readonly color?: string
}

const newPerson = async (
  name: string,
  options: PersonOptions = {},
): Promise<{ page: Page; context: BrowserContext }> => {
  const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
  await context.addInitScript(
    ([n, quiet, color]) => {
      localStorage.setItem('kenlabour.name', n)
      localStorage.setItem('kenlabour.historyQuietMs', quiet)
      if (color) localStorage.setItem('kenlabour.color', color)
    },
    [name, options.quietMs ?? QUIET_MS, options.color ?? ''] as const,
  )
  const page = await context.newPage()
  // Opening the editing link once stores its token for the space on this device.
  await page.goto(`${stage.relay.url}/s/${SPACE}?token=${editorToken}`)
  await expect.poll(() => new URL(page.url()).searchParams.has('token'), POLL).toBe(false)
  return { page, context }
}

/** `rgb(r, g, b)` (a computed colour) as `#rrggbb`. */
const hex = (rgb: string) =>
  `#${(rgb.match(/\d+/g) ?? [])
    .slice(0, 3)
    .map((n) => Number(n).toString(16).padStart(2, '0'))
    .join('')}`
const colorOf = async (locator: Locator) => hex(await locator.evaluate((el) => getComputedStyle(el).color))

const url = (id: string, suffix = '') => `${stage.relay.url}/s/${SPACE}/f/${id}${suffix}`
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

/**
 * Puts the caret at the start or the end of a TipTap editor through the DOM selection, set again
 * until the editor holds it: a click's own selection handling (or a remote change redrawing the
 * paragraph) can land after a Ctrl+Home. Others' caret labels are not text.
 */
const caretAt = async (editor: Locator, where: 'start' | 'end') => {
  await editor.click()
  await expect
    .poll(
      () =>
        editor.evaluate((root, end) => {
          const texts: Text[] = []
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.parentElement?.closest('.collaboration-carets__caret')) texts.push(node as Text)
          }
          const target = end ? texts.at(-1) : texts[0]
          if (!target) return false
          const offset = end ? target.length : 0
          const selection = window.getSelection()
          if (selection?.anchorNode === target && selection.anchorOffset === offset && selection.isCollapsed)
            return true
          const range = document.createRange()
          range.setStart(target, offset)
          range.collapse(true)
          selection?.removeAllRanges()
          selection?.addRange(range)
          return false
        }, where === 'end'),
      POLL,
    )
    .toBe(true)
}

/** An editor's text without others' caret labels. */
const editorText = (editor: Locator): Promise<string> =>
  editor.evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement
    for (const caret of Array.from(copy.querySelectorAll('.collaboration-carets__caret'))) caret.remove()
    return copy.textContent ?? ''
  })

const openHistory = async (page: Page, id: string) => {
  await page.goto(url(id))
  await page.getByRole('link', { name: 'Historique' }).click()
  await page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor()
}

const entries = (page: Page) => page.locator('.history-entry')
const newest = (page: Page) => entries(page).first()

/**
 * The relay serves a copy of the build: another build of `client/dist` during the run would
 * otherwise remove the chunks the open pages load lazily.
 */
let clientDist = ''
const relayArgs = () => ['--client-dist', clientDist]

// Registered before the stage so that it runs once the relay has stopped (afterAll hooks run in
// reverse order).
afterAll(async () => {
  if (clientDist) rmSync(clientDist, { recursive: true, force: true })
})

const stage = useBrowserStage(() => {
  clientDist = mkdtempSync(join(tmpdir(), 'kenlabour-history-dist-'))
  cpSync(join(ROOT, 'client/dist'), clientDist, { recursive: true })
  return { args: relayArgs() }
})

beforeAll(async () => {
  editorToken = await tokenFor(stage.relay, SPACE, 'editor')
  const response = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/${SPACE}/fiches`))
  fiches = ((await response.json()) as { fiches: typeof fiches }).fiches
})

describe('history', () => {
  test('a seeded fiche no one has edited: its history holds the fiche as the original site had it', async () => {
    const { id, createdAt, author } = fiches[9]!
    const { page } = await newPerson('Carole')
    await openHistory(page, id)
    await expect.poll(() => entries(page).count(), POLL).toBe(1)
    const origin = newest(page)
    expect(await textOf(origin.locator('.history-kind'))).toBe('Version d’origine')
    // Dated by its last change on the original site, not by when this relay seeded it.
    expect(await origin.locator('time').getAttribute('datetime')).toBe(new Date(createdAt).toISOString())
    expect(new Date(createdAt).getFullYear()).toBeLessThan(2026)
    // Signed by its author on the original site ("Auteur de la fiche"), not "an unknown author";
    // the note says where the fiche comes from.
    expect(author).not.toBe('')
    expect(await origin.locator('.history-authors-line .history-author').allTextContents()).toEqual([author])
    expect((await textOf(origin.locator('.history-authors-line'))).replace(/\s+/g, ' ').trim()).toBe(
      `Écrit par : ${author}`,
    )
    expect(await textOf(origin)).toContain('avant sa première modification ici')
    await origin.getByRole('button', { name: 'Comparer avec maintenant' }).click()
    await page.getByText('Aucune différence.').first().waitFor({ timeout: POLL.timeout })
    // The compare takes the focus (below the timeline on a phone, it would open out of sight).
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''), POLL)
      .toMatch(/^Changements depuis le /)
    expect(await page.locator('.history-page ins, .history-page del').count()).toBe(0)
  })

  test('two people edit in turn: the timeline names both, compare highlights the right words', async () => {
    const { id, author } = fiches[2]!
    const alice = await newPerson('Alice')
    const bob = await newPerson('Bob')
    await editSession(alice.page, id, () => appendToDescription(alice.page, ' Ajout-Alice'))
    await editSession(bob.page, id, () => appendToDescription(bob.page, ' Ajout-Bob'))

    const page = alice.page
    await openHistory(page, id)
    // Both, and the fiche's author on the original site, who signs its origin.
    const authors = page.locator('.history-timeline .history-authors-line .history-author')
    await expect
      .poll(async () => [...new Set(await authors.allTextContents())].sort(), POLL)
      .toEqual(['Alice', 'Bob', author].sort())
    // Each session version lists who was present.
    await expect
      .poll(() => newest(page).locator('.history-participants-line').textContent(), POLL)
      .toContain('Bob')
    expect(await newest(page).locator('.history-authors-line .history-author').allTextContents()).toEqual([
      'Bob',
    ])

    await newest(page).getByRole('button', { name: 'Comparer avec la précédente' }).click()
    const region = page.getByRole('region', { name: DESCRIPTION, exact: true }).last()
    // Exactly Bob's words are highlighted, in Bob's colour, and nothing is struck through.
    const inserted = region.locator('ins')
    await expect.poll(async () => (await inserted.allTextContents()).join('').trim(), POLL).toBe('Ajout-Bob')
    expect(await inserted.first().getAttribute('data-author')).toBe('Bob')
    expect(await region.locator('del').count()).toBe(0)
    const bobColor = await bob.page.evaluate(() => localStorage.getItem('kenlabour.color'))
    expect(await colorOf(inserted.first())).toBe(bobColor)

    // The seeded fiche as it was before anyone edited it is the first entry, and Alice's
    // version compares with it: only her words, not the whole imported fiche, are new.
    const oldest = entries(page).last()
    await expect.poll(() => textOf(oldest.locator('.history-kind')), POLL).toBe('Version d’origine')
    expect(await textOf(oldest)).toContain('avant sa première modification ici')
    expect(await oldest.getByRole('button', { name: 'Comparer avec la précédente' }).count()).toBe(0)
    const aliceVersion = entries(page).nth((await entries(page).count()) - 2)
    await aliceVersion.getByRole('button', { name: 'Comparer avec la précédente' }).click()
    await expect
      .poll(async () => (await inserted.allTextContents()).join('').trim(), POLL)
      .toBe('Ajout-Alice')
    expect(await region.locator('del').count()).toBe(0)

    // Any two versions compare, whichever select holds the older one: the origin against Bob's
    // version shows both people's words, each in their own name.
    const from = page.getByLabel('Comparer la version du')
    const to = page.getByLabel('avec', { exact: true })
    const optionOf = async (select: Locator, text: string) =>
      (await select.locator('option').allTextContents()).find((o) => o.includes(text))!
    const bobVersion = await newest(page).getAttribute('data-version')
    await from.selectOption(bobVersion!)
    await to.selectOption({ label: await optionOf(to, 'Version d’origine') })
    await page.getByRole('button', { name: 'Comparer', exact: true }).click()
    const authored = async () =>
      (
        await inserted.evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-author')}:${e.textContent?.trim()}`),
        )
      ).filter((s) => !s.endsWith(':'))
    await expect.poll(authored, POLL).toEqual(['Alice:Ajout-Alice', 'Bob:Ajout-Bob'])
    expect(await region.locator('del').count()).toBe(0)
    // The compare is in the address: reloaded (or sent to someone), it shows again.
    expect(new URL(page.url()).searchParams.get('to')).toBe(bobVersion)
    await page.reload()
    await expect.poll(authored, POLL).toEqual(['Alice:Ajout-Alice', 'Bob:Ajout-Bob'])
  })

  test('a version with two authors: every insertion and deletion is in the colour of who made it', async () => {
    const { id } = fiches[6]!
    // Long quiet delay: versions are made when someone leaves edit mode (end of the session).
    const alice = await newPerson('Alice', { quietMs: '600000', color: ALICE_COLOR })
    const bob = await newPerson('Bob', { quietMs: '600000', color: BOB_COLOR })
    await editSession(alice.page, id, () => appendToDescription(alice.page, 'Phrase-de-trop.', true))

    // Both in the workshop at once: Alice writes at the start, Bob removes the last paragraph
    // and writes at the end.
    for (const { page } of [alice, bob]) {
      await page.goto(url(id, '/edit'))
      await page.getByLabel(DESCRIPTION, { exact: true }).waitFor()
      await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
    }
    const aliceEditor = alice.page.getByLabel(DESCRIPTION, { exact: true })
    const bobEditor = bob.page.getByLabel(DESCRIPTION, { exact: true })
    await caretAt(aliceEditor, 'start')
    await alice.page.keyboard.type('Début-Alice ', { delay: 5 })
    await caretAt(bobEditor, 'end')
    await bob.page.keyboard.press('Shift+Home')
    await bob.page.keyboard.press('Backspace')
    await bob.page.keyboard.press('Backspace')
    await bob.page.keyboard.type(' Fin-Bob', { delay: 5 })
    for (const editor of [aliceEditor, bobEditor]) {
      await expect.poll(() => editorText(editor), POLL).toMatch(/^Début-Alice [\s\S]* Fin-Bob$/)
      expect(await editorText(editor)).not.toContain('Phrase-de-trop')
    }
    await alice.page.getByRole('button', { name: 'Terminer' }).click()
    await alice.page.getByRole('heading', { level: 1 }).waitFor()

    await alice.page.getByRole('link', { name: 'Historique' }).click()
    await alice.page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor()
    // The end of the session names its two authors and everyone present.
    await expect
      .poll(
        async () =>
          (
            await newest(alice.page).locator('.history-authors-line .history-author').allTextContents()
          ).sort(),
        POLL,
      )
      .toEqual(['Alice', 'Bob'])
    expect(await newest(alice.page).locator('.history-kind').textContent()).toBe('Fin de session')
    expect(
      (
        await newest(alice.page).locator('.history-participants-line .history-author').allTextContents()
      ).sort(),
    ).toEqual(['Alice', 'Bob'])

    await newest(alice.page).getByRole('button', { name: 'Comparer avec la précédente' }).click()
    const region = alice.page.getByRole('region', { name: DESCRIPTION, exact: true }).last()
    const run = (tag: 'ins' | 'del', text: string) => region.locator(tag, { hasText: text })
    await run('ins', 'Fin-Bob').waitFor()
    expect((await run('ins', 'Début-Alice').textContent())?.trim()).toBe('Début-Alice')
    expect((await run('ins', 'Fin-Bob').textContent())?.trim()).toBe('Fin-Bob')
    expect(await run('ins', 'Début-Alice').getAttribute('data-author')).toBe('Alice')
    expect(await run('ins', 'Fin-Bob').getAttribute('data-author')).toBe('Bob')
    expect(await colorOf(run('ins', 'Début-Alice'))).toBe(ALICE_COLOR)
    expect(await colorOf(run('ins', 'Fin-Bob'))).toBe(BOB_COLOR)
    // Bob deleted the paragraph: struck through in his colour (his deletion log reaches the
    // history document shortly after he deleted).
    expect((await run('del', 'Phrase-de-trop').textContent())?.trim()).toBe('Phrase-de-trop.')
    await expect.poll(() => run('del', 'Phrase-de-trop').getAttribute('data-author'), POLL).toBe('Bob')
    expect(await colorOf(run('del', 'Phrase-de-trop'))).toBe(BOB_COLOR)
    expect(await region.locator('ins, del').count()).toBe(3)
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

  test('a named version appears in the timeline of someone else who has the history open', async () => {
    const { id } = fiches[7]!
    const alice = await newPerson('Alice', { color: ALICE_COLOR })
    const bob = await newPerson('Bob')
    await editSession(alice.page, id, () => appendToDescription(alice.page, ' Avant-atelier'))
    await openHistory(bob.page, id)
    await expect.poll(() => entries(bob.page).count(), POLL).toBeGreaterThanOrEqual(1)
    await openHistory(alice.page, id)
    const name = "après l'atelier du 12 juin"
    await alice.page.getByLabel('Nom de la version', { exact: true }).fill(name)
    await alice.page.getByRole('button', { name: 'Créer une version nommée' }).click()
    await alice.page.getByRole('status').getByText(`Version « ${name} » créée.`).waitFor()

    const named = bob.page.locator('.history-entry', { hasText: name })
    await named.waitFor({ timeout: POLL.timeout })
    expect(await named.locator('.history-kind').textContent()).toBe('Nommée')
    expect(await named.locator('.history-name').textContent()).toBe(` ${name}`)
    expect(await named.locator('.history-by').textContent()).toContain('par Alice')
    // Viewing it read-only shows the fiche as it was named.
    await named.getByRole('button', { name: 'Voir' }).click()
    await expect
      .poll(() => textOf(bob.page.getByRole('region', { name: DESCRIPTION, exact: true }).last()), POLL)
      .toContain('Avant-atelier')
  })

  test('a single choice picked concurrently is flagged in the timeline for a human to check', async () => {
    const { id } = fiches[8]!
    const alice = await newPerson('Alice', { quietMs: '600000' })
    const bob = await newPerson('Bob', { quietMs: '600000' })
    const actorType = (page: Page) => page.getByRole('group', { name: ACTOR_TYPE, exact: true })
    for (const { page } of [alice, bob]) {
      await page.goto(url(id, '/edit'))
      await page.getByLabel(DESCRIPTION, { exact: true }).waitFor()
      await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
    }
    let current: string | null = null
    for (const term of ACTOR_TYPES)
      if (await actorType(alice.page).getByLabel(term.fr, { exact: true }).isChecked()) current = term.key
    const [one, two] = ACTOR_TYPES.filter((t) => t.key !== current).slice(0, 2) as [
      (typeof ACTOR_TYPES)[number],
      (typeof ACTOR_TYPES)[number],
    ]
    // The relay away, both pick: a real concurrent write, merged when it is back.
    const port = stage.relay.port
    await stage.relay.stop()
    try {
      for (const { page } of [alice, bob]) {
        await expect.poll(() => connectionText(page), POLL).toBe('Hors ligne')
      }
      await actorType(alice.page).getByLabel(one.fr, { exact: true }).check()
      await actorType(bob.page).getByLabel(two.fr, { exact: true }).check()
    } finally {
      stage.relay = await startRelay({ dataDir: stage.relay.dataDir, port, args: relayArgs() })
    }
    for (const { page } of [alice, bob]) {
      // Reconnect now rather than after the backoff (the button is gone if it already did).
      await page
        .getByRole('button', { name: 'Réessayer maintenant' })
        .click({ timeout: 5_000 })
        .catch(() => {})
      await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
    }
    const picked = async (page: Page) => {
      for (const term of [one, two])
        if (await actorType(page).getByLabel(term.fr, { exact: true }).isChecked()) return term.key
      return null
    }
    await expect
      .poll(async () => {
        const a = await picked(alice.page)
        return a !== null && a === (await picked(bob.page))
      }, POLL)
      .toBe(true)
    const winner = await picked(alice.page)
    const loser = winner === one.key ? { term: two, by: 'Bob' } : { term: one, by: 'Alice' }

    // Leaving the workshop records the merged state as the end of the session.
    await alice.page.getByRole('button', { name: 'Terminer' }).click()
    await alice.page.getByRole('heading', { level: 1 }).waitFor()
    await openHistory(alice.page, id)
    const flag = alice.page.locator('.history-timeline .history-conflict')
    await expect.poll(() => flag.count(), POLL).toBe(1)
    expect(await flag.textContent()).toBe(
      `À vérifier : « ${ACTOR_TYPE} » a été choisi en même temps par plusieurs personnes (${loser.by} : ${loser.term.fr}).`,
    )
    // The flagged version shows the winning value as the change.
    await newest(alice.page).getByRole('button', { name: 'Comparer avec la précédente' }).click()
    const winnerTerm = ACTOR_TYPES.find((t) => t.key === winner)!
    await expect
      .poll(
        () => textOf(alice.page.getByRole('region', { name: ACTOR_TYPE, exact: true }).last().locator('ins')),
        POLL,
      )
      .toBe(winnerTerm.fr)
  })
})
