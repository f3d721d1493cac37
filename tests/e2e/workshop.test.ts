/**
 * The workshop, end to end: a room of people (5 browser contexts, one per person) co-writing one
 * fiche through a real relay, in headless Chromium. Same paragraph, same text field, same lists,
 * then every context must show the same content holding everyone's text; presence (carets, names,
 * who is in which field, follow mode); a newcomer asked for a display name, given a colour, both
 * remembered on the device; undo that reverts only one's own changes; a single choice picked
 * concurrently shows the losing pick; pasted HTML keeps structure and loses scripts.
 *
 * Each test works on its own seeded fiche and closes its own contexts (5 Chromium contexts on two
 * cores: timeouts are generous and every wait is on a condition).
 */
import { KEYWORDS, SCALES } from '@kenlabour/shared/vocabularies'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { beforeAll, describe, expect, test } from 'vitest'
import { useBrowserStage } from '../helpers/browserStage.ts'
import { startRelay } from '../helpers/relay.ts'
import { tokenFor, withDefaultToken } from '../helpers/tokens.ts'

const SPACE = 'inspirations'
const DESCRIPTION = 'Description de cette initiative'
const LEVERS = "Quels sont les leviers, les choses qui facilitent cette initiative aujourd'hui ?"
const POLL = { timeout: 30_000, interval: 150 }

const stage = useBrowserStage()
/** Seeded fiches, oldest first: each test takes its own. */
let ficheIds: string[] = []
/** An editing link's token: joining by link needs no account. */
let editorToken = ''

interface ApiFiche {
  id: string
  title: string
  city: string
  contacts: string[]
  keywords: string[]
  scale: string | null
  sections: Record<string, { text: string; html: string }>
}

const apiFiche = async (id: string): Promise<ApiFiche | undefined> => {
  const response = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/${SPACE}/fiches`))
  const body = (await response.json()) as { fiches: ApiFiche[] }
  return body.fiches.find((f) => f.id === id)
}

/** A room of people, each in their own browser context; closed by `closeRoom`. */
const openRoom = async (names: readonly string[], ficheId: string) => {
  const contexts: BrowserContext[] = []
  const pages: Page[] = []
  for (const name of names) {
    const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
    contexts.push(context)
    await context.addInitScript((n) => localStorage.setItem('kenlabour.name', n), name)
    const page = await context.newPage()
    pages.push(page)
  }
  await Promise.all(
    pages.map((page) => page.goto(`${stage.relay.url}/s/${SPACE}/f/${ficheId}/edit?token=${editorToken}`)),
  )
  for (const page of pages) {
    await editor(page, DESCRIPTION).waitFor({ timeout: POLL.timeout })
    await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
  }
  return { contexts, pages, close: () => Promise.all(contexts.map((c) => c.close().catch(() => {}))) }
}

const editor = (page: Page, section: string) => page.getByLabel(section, { exact: true })
const textOf = async (locator: Locator): Promise<string> => (await locator.textContent()) ?? ''
const connectionText = (page: Page) => textOf(page.locator('.connection-text').first())
const city = (page: Page) => page.getByLabel('Ville', { exact: true })
const toolbar = (page: Page, section: string) =>
  page.getByRole('toolbar', { name: `Mise en forme : ${section}`, exact: true })

/**
 * Puts the caret right after `marker` in a TipTap editor, through the DOM selection ProseMirror
 * reads on `selectionchange`; set again until the editor holds it (a remote change or caret widget
 * may redraw the paragraph meanwhile). Others' caret labels are not text.
 */
const caretAfterInEditor = async (target: Locator, marker: string) => {
  await target.focus()
  await expect
    .poll(
      () =>
        target.evaluate((root, m) => {
          const selection = window.getSelection()
          const textBefore = (): string => {
            if (!selection?.anchorNode || !root.contains(selection.anchorNode)) return ''
            const range = document.createRange()
            range.setStart(root, 0)
            range.setEnd(selection.anchorNode, selection.anchorOffset)
            const copy = range.cloneContents()
            for (const caret of Array.from(copy.querySelectorAll('.collaboration-carets__caret')))
              caret.remove()
            return copy.textContent ?? ''
          }
          if (textBefore().endsWith(m)) return true
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent?.indexOf(m) ?? -1
            if (at < 0) continue
            const range = document.createRange()
            range.setStart(node, at + m.length)
            range.collapse(true)
            selection?.removeAllRanges()
            selection?.addRange(range)
            break
          }
          return false
        }, marker),
      POLL,
    )
    .toBe(true)
}

/** Puts the caret right after `marker` in a text input. */
const caretAfterInInput = async (input: Locator, marker: string) => {
  await input.focus()
  await input.evaluate((el, m) => {
    const element = el as HTMLInputElement
    const at = element.value.indexOf(m) + m.length
    element.setSelectionRange(at, at)
  }, marker)
}

beforeAll(async () => {
  editorToken = await tokenFor(stage.relay, SPACE, 'editor')
  const response = await fetch(await withDefaultToken(`${stage.relay.url}/api/spaces/${SPACE}/fiches`))
  ficheIds = ((await response.json()) as { fiches: ApiFiche[] }).fiches.map((f) => f.id)
})

describe('workshop', () => {
  test('five people co-write one fiche: same paragraph, same field, same lists; all converge', async () => {
    const names = ['Alice', 'Bruno', 'Chloé', 'Dewi', 'Enora'] as const
    const ficheId = ficheIds[1]!
    const room = await openRoom(names, ficheId)
    try {
      const [first] = room.pages
      // One paragraph and one field holding a place for each person, so that everyone types in the
      // same paragraph at the same time without typing at the very same character.
      const slots = names.map((n) => `[${n}]`).join(' ')
      await editor(first!, DESCRIPTION).click()
      await first!.keyboard.press('Control+End')
      await first!.keyboard.press('Enter')
      await first!.keyboard.type(slots)
      await city(first!).fill(`Ville ${slots}`)
      for (const page of room.pages) {
        await expect.poll(() => textOf(editor(page, DESCRIPTION)), POLL).toContain(slots)
        await expect.poll(() => city(page).inputValue(), POLL).toContain(slots)
      }

      // Everyone at once: their sentence in the paragraph, their name in the city, a contact, a keyword.
      // Through focus and keys, not clicks at a point: others' contacts and lines push the form down
      // while one aims (a click then lands beside its target, as a hurried finger would).
      await Promise.all(
        room.pages.map(async (page, i) => {
          const name = names[i]!
          await caretAfterInEditor(editor(page, DESCRIPTION), `[${name}]`)
          await page.keyboard.type(` texte de ${name}`, { delay: 20 })
          await caretAfterInInput(city(page), `[${name}]`)
          await page.keyboard.type(` ici ${name}`, { delay: 20 })
          const contacts = page.getByRole('group', { name: 'Comment contacter cette initiative?' })
          const newContact = contacts.getByLabel(
            'Nouvelle valeur pour « Comment contacter cette initiative? »',
          )
          await newContact.fill(`${name.toLowerCase()}@example.org`)
          await newContact.press('Enter')
          const keyword = page
            .getByRole('group', { name: 'Mot Clef', exact: true })
            .getByLabel(KEYWORDS[i]!.fr, { exact: true })
          await keyword.press('Space')
          await expect.poll(() => keyword.isChecked(), POLL).toBe(true)
        }),
      )

      const snapshot = async (page: Page) => ({
        description: await textOf(editor(page, DESCRIPTION)),
        city: await city(page).inputValue(),
        contacts: (
          await page
            .getByRole('group', { name: 'Comment contacter cette initiative?' })
            .locator('.list-value')
            .allTextContents()
        ).sort(),
        keywords: await page
          .getByRole('group', { name: 'Mot Clef', exact: true })
          .locator('input:checked')
          .evaluateAll((inputs) => inputs.length),
      })
      for (const page of room.pages) {
        for (const name of names) {
          await expect
            .poll(() => textOf(editor(page, DESCRIPTION)), POLL)
            .toContain(`[${name}] texte de ${name}`)
          await expect.poll(() => city(page).inputValue(), POLL).toContain(`[${name}] ici ${name}`)
          await page
            .getByText(`${name.toLowerCase()}@example.org`, { exact: true })
            .waitFor({ timeout: POLL.timeout })
          await expect
            .poll(
              () =>
                page
                  .getByRole('group', { name: 'Mot Clef', exact: true })
                  .getByLabel(KEYWORDS[names.indexOf(name)]!.fr, { exact: true })
                  .isChecked(),
              POLL,
            )
            .toBe(true)
        }
      }
      const reference = await snapshot(room.pages[0]!)
      for (const page of room.pages.slice(1)) expect(await snapshot(page)).toEqual(reference)
      // And the relay stored the merged fiche.
      await expect
        .poll(async () => {
          const fiche = await apiFiche(ficheId)
          return names.every(
            (n) =>
              fiche?.sections.description?.text.includes(`texte de ${n}`) &&
              fiche.city.includes(`ici ${n}`) &&
              fiche.contacts.includes(`${n.toLowerCase()}@example.org`),
          )
        }, POLL)
        .toBe(true)

      // Presence: everyone is listed, others' carets carry their names, fields show who is in them.
      const alice = room.pages[0]!
      await alice.getByRole('heading', { name: '5 personnes ici' }).waitFor({ timeout: POLL.timeout })
      for (const name of names.slice(1)) await alice.getByRole('button', { name: `Suivre ${name}` }).waitFor()
      // The bar that stays in view holds them on one line: it must not cover the fiche being written.
      const bar = await alice.locator('.edit-toolbar').boundingBox()
      expect(bar?.height).toBeLessThan(150)
      const bruno = room.pages[1]!
      await editor(bruno, DESCRIPTION).click()
      await alice
        .locator('.collaboration-carets__label', { hasText: 'Bruno' })
        .first()
        .waitFor({ state: 'visible', timeout: POLL.timeout })
      await city(bruno).click()
      await alice
        .locator('[data-field="field:city"]')
        .getByRole('status', { name: 'Ici : Bruno' })
        .waitFor({ timeout: POLL.timeout })

      // Follow mode: Alice follows Bruno, who goes to a field far down the page.
      await alice.getByRole('button', { name: 'Suivre Bruno' }).click()
      await expect
        .poll(() => alice.getByRole('button', { name: 'Suivre Bruno' }).getAttribute('aria-pressed'), POLL)
        .toBe('true')
      await alice.getByText('Vous suivez Bruno').waitFor()
      await bruno.getByLabel('Partenaires associés', { exact: true }).click()
      const partners = alice.locator('[data-field="field:partners"]')
      await expect.poll(() => partners.getAttribute('class'), POLL).toContain('followed')
      await expect
        .poll(() => partners.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight), POLL)
        .toBe(true)
      await alice.getByRole('button', { name: 'Arrêter de suivre' }).click()
      await expect.poll(() => partners.getAttribute('class'), POLL).not.toContain('followed')
    } finally {
      await room.close()
    }
  })

  test('a newcomer is asked for a display name and gets a colour; both are remembered on the device', async () => {
    const ficheId = ficheIds[5]!
    const room = await openRoom(['Nolwenn'], ficheId)
    // A fresh device: nothing in its storage, no name set beforehand.
    const context = await stage.newContext({ viewport: { width: 1280, height: 900 } })
    try {
      const [nolwenn] = room.pages as [Page]
      const page = await context.newPage()
      await page.goto(`${stage.relay.url}/s/${SPACE}/f/${ficheId}/edit?token=${editorToken}`)
      const name = page.getByLabel('Votre nom', { exact: true })
      await name.waitFor({ timeout: POLL.timeout })
      // Visible before editing: a default name, a prompt, and a colour picked from the palette.
      expect(await name.isVisible()).toBe(true)
      expect(await name.inputValue()).toMatch(/^Participant·e \d+$/)
      await page.getByText('Choisissez votre nom').waitFor()
      const colour = await page.evaluate(() => localStorage.getItem('kenlabour.color'))
      expect(colour).toMatch(/^#[0-9a-f]{6}$/i)
      expect(
        await page.getByRole('group', { name: 'Votre couleur' }).locator('input:checked').inputValue(),
      ).toBe(colour)

      await name.fill('Maëlle')
      await expect.poll(() => page.getByText('Choisissez votre nom').count(), POLL).toBe(0)
      // Others see the name in the list of who is here and on the caret.
      const follow = nolwenn.getByRole('button', { name: 'Suivre Maëlle' })
      await follow.waitFor({ timeout: POLL.timeout })
      await editor(page, DESCRIPTION).click()
      await nolwenn
        .locator('.collaboration-carets__label', { hasText: 'Maëlle' })
        .first()
        .waitFor({ state: 'visible', timeout: POLL.timeout })
      // A colour of her choice: Nolwenn's list shows it.
      await page
        .getByRole('group', { name: 'Votre couleur' })
        .getByLabel('Couleur 3', { exact: true })
        .check()
      await expect
        .poll(
          () => follow.locator('.presence-dot').evaluate((el) => getComputedStyle(el).backgroundColor),
          POLL,
        )
        .toBe('rgb(29, 78, 137)')

      // Remembered on this device: the next visit starts with her name and colour, no prompt.
      await page.reload()
      await name.waitFor({ timeout: POLL.timeout })
      expect(await name.inputValue()).toBe('Maëlle')
      expect(await page.getByText('Choisissez votre nom').count()).toBe(0)
      expect(
        await page
          .getByRole('group', { name: 'Votre couleur' })
          .getByLabel('Couleur 3', { exact: true })
          .isChecked(),
      ).toBe(true)
      await nolwenn.getByRole('button', { name: 'Suivre Maëlle' }).waitFor({ timeout: POLL.timeout })
    } finally {
      await context.close()
      await room.close()
    }
  })

  test('undo reverts only one’s own changes, in a section and in a field', async () => {
    const ficheId = ficheIds[2]!
    const room = await openRoom(['Anna', 'Brieuc'], ficheId)
    try {
      const [anna, brieuc] = room.pages as [Page, Page]
      const a = `Anna-${Date.now()}`
      const b = `Brieuc-${Date.now()}`
      await editor(anna, LEVERS).click()
      await anna.keyboard.press('Control+End')
      await anna.keyboard.type(` ${a}`)
      await expect.poll(() => textOf(editor(brieuc, LEVERS)), POLL).toContain(a)
      await editor(brieuc, LEVERS).click()
      await brieuc.keyboard.press('Control+End')
      await brieuc.keyboard.type(` ${b}`)
      await expect.poll(() => textOf(editor(anna, LEVERS)), POLL).toContain(b)

      // Anna undoes (the section's own button): her text goes, Brieuc's stays, on both screens.
      const undo = toolbar(anna, LEVERS).getByRole('button', { name: 'Annuler', exact: true })
      await expect.poll(() => undo.isEnabled(), POLL).toBe(true)
      await undo.click()
      for (const page of room.pages) {
        await expect.poll(() => textOf(editor(page, LEVERS)), POLL).not.toContain(a)
        expect(await textOf(editor(page, LEVERS))).toContain(b)
      }
      await toolbar(anna, LEVERS).getByRole('button', { name: 'Rétablir', exact: true }).click()
      await expect.poll(() => textOf(editor(brieuc, LEVERS)), POLL).toContain(a)

      // In a plain field, with the keyboard.
      await city(anna).click()
      await anna.keyboard.press('End')
      await anna.keyboard.type(' (Anna)')
      await expect.poll(() => city(brieuc).inputValue(), POLL).toContain('(Anna)')
      await city(brieuc).click()
      await brieuc.keyboard.press('End')
      await brieuc.keyboard.type(' (Brieuc)')
      await expect.poll(() => city(anna).inputValue(), POLL).toContain('(Brieuc)')
      await city(anna).click()
      await anna.keyboard.press('Control+z')
      for (const page of room.pages) {
        await expect.poll(() => city(page).inputValue(), POLL).not.toContain('(Anna)')
        expect(await city(page).inputValue()).toContain('(Brieuc)')
      }
      // The page's own "Rétablir" acts on the field Anna was last in.
      await anna.locator('.edit-toolbar').getByRole('button', { name: 'Rétablir', exact: true }).click()
      await expect.poll(() => city(brieuc).inputValue(), POLL).toContain('(Anna)')
    } finally {
      await room.close()
    }
  })

  test('a choice picked concurrently converges and shows the losing pick; offline changes are counted', async () => {
    const ficheId = ficheIds[3]!
    const room = await openRoom(['Gwen', 'Hoel'], ficheId)
    try {
      const [gwen, hoel] = room.pages as [Page, Page]
      const scale = (page: Page) => page.getByRole('group', { name: "Echelle d'action", exact: true })
      // Two values other than the fiche's own: each pick is a real change.
      const before = (await apiFiche(ficheId))?.scale
      const [one, two] = SCALES.filter((s) => s.key !== 'autre' && s.key !== before).slice(0, 2) as [
        (typeof SCALES)[number],
        (typeof SCALES)[number],
      ]
      // The relay away, both pick: a real concurrent write, merged when it is back.
      const port = stage.relay.port
      await stage.relay.stop()
      try {
        for (const page of room.pages) await expect.poll(() => connectionText(page), POLL).toBe('Hors ligne')
        await scale(gwen).getByLabel(one.fr, { exact: true }).check()
        await scale(hoel).getByLabel(two.fr, { exact: true }).check()
        await city(gwen).click()
        await gwen.keyboard.press('End')
        await gwen.keyboard.type('xyz')
        await gwen.getByText(/\d+ modifications en attente d’envoi/).waitFor({ timeout: POLL.timeout })
        await gwen.getByRole('button', { name: 'Réessayer maintenant' }).waitFor()
      } finally {
        stage.relay = await startRelay({ dataDir: stage.relay.dataDir, port })
      }
      // "Réessayer maintenant" reconnects at once instead of waiting for the backoff (unless the
      // provider's own retry got there first, which removes the button: either way it reconnects).
      await gwen
        .getByRole('button', { name: 'Réessayer maintenant' })
        .click({ timeout: 5_000 })
        .catch(() => {})
      for (const page of room.pages) await expect.poll(() => connectionText(page), POLL).toBe('Connecté')
      await expect.poll(() => gwen.getByText(/en attente d’envoi/).count(), POLL).toBe(0)
      const picked = async (page: Page) => {
        for (const term of [one, two]) {
          if (await scale(page).getByLabel(term.fr, { exact: true }).isChecked()) return term.key
        }
        return null
      }
      await expect
        .poll(
          async () => (await picked(gwen)) !== null && (await picked(gwen)) === (await picked(hoel)),
          POLL,
        )
        .toBe(true)
      const winner = await picked(gwen)
      const loser = winner === one.key ? { term: two, by: 'Hoel' } : { term: one, by: 'Gwen' }
      for (const page of room.pages) {
        await scale(page)
          .getByText(`Valeur concurrente : ${loser.term.fr} (par ${loser.by})`)
          .waitFor({ timeout: POLL.timeout })
      }
      await expect.poll(async () => (await apiFiche(ficheId))?.scale, POLL).toBe(winner)
    } finally {
      await room.close()
    }
  })

  test('pasted HTML keeps headings, lists and safe links, and drops scripts, styles and unsafe links', async () => {
    const ficheId = ficheIds[4]!
    const room = await openRoom(['Iwan'], ficheId)
    try {
      const [page] = room.pages as [Page]
      const target = editor(page, LEVERS)
      await target.click()
      await page.keyboard.press('Control+End')
      await page.keyboard.press('Enter')
      const html = `<meta charset="utf-8"><style>p { color: red }</style>
        <h1 style="color:red" class="MsoTitle">Titre collé</h1>
        <p style="font-family: Calibri"><b>gras collé</b> et <i>italique</i>
          <a href="https://exemple.bzh/page">lien sûr</a> <a href="javascript:alert(1)">lien piégé</a></p>
        <script>window.__pwned = true</script>
        <ul><li>premier point</li><li>second point</li></ul>
        <blockquote>une citation</blockquote>`
      await target.evaluate((el, content) => {
        const data = new DataTransfer()
        data.setData('text/html', content)
        data.setData('text/plain', 'fallback')
        el.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        )
      }, html)
      await expect.poll(() => textOf(target), POLL).toContain('second point')
      expect(await target.locator('h1', { hasText: 'Titre collé' }).count()).toBe(1)
      expect(await target.locator('strong', { hasText: 'gras collé' }).count()).toBe(1)
      expect(await target.locator('em', { hasText: 'italique' }).count()).toBe(1)
      expect(await target.locator('ul > li').count()).toBe(2)
      expect(await target.locator('blockquote', { hasText: 'une citation' }).count()).toBe(1)
      expect(await target.locator('a[href="https://exemple.bzh/page"]').count()).toBe(1)
      expect(await target.locator('a', { hasText: 'lien piégé' }).count()).toBe(0)
      expect(await textOf(target)).toContain('lien piégé')
      expect(await target.locator('script, style, [style], [class^="Mso"]').count()).toBe(0)
      expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned ?? false)).toBe(false)

      // The toolbar: a link must be http, https or mailto.
      page.once('dialog', (dialog) => void dialog.accept('javascript:alert(2)'))
      await toolbar(page, LEVERS).getByRole('button', { name: 'Lien', exact: true }).click()
      await page.getByRole('alert').getByText('Adresse refusée').waitFor()

      // What reached the relay has the same structure.
      await expect
        .poll(async () => (await apiFiche(ficheId))?.sections.levers?.html ?? '', POLL)
        .toMatch(/<h1>Titre collé<\/h1>[\s\S]*<li><p>premier point<\/p><\/li>/)
      const stored = (await apiFiche(ficheId))?.sections.levers?.html ?? ''
      expect(stored).not.toMatch(/script|javascript:|style=/)
    } finally {
      await room.close()
    }
  })
})
