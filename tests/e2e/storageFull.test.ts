/**
 * A full disk is said, not hidden, and loses nothing while online. The browser's profile lives on
 * a small tmpfs (64 MB); once a fiche is open for editing, other data fills that disk until
 * IndexedDB refuses with `QuotaExceededError` — the real error of a full device, raised by the real
 * browser (Chromium's `Storage.overrideQuotaForOrigin` has no effect in headless mode here, hence
 * a real small disk). Then the person types: the page says "Espace de stockage plein sur cet
 * appareil…", and the text still reaches the relay, and so every other device.
 *
 * Needs root to mount the tmpfs (CI runs as root); without it the test fails and says so.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { BROWSER_ARGS, chromiumPath } from '../helpers/browser.ts'
import { type RelayHandle, startRelay } from '../helpers/relay.ts'

const SPACE = 'inspirations'
const DESCRIPTION = 'Description de cette initiative'
const POLL = { timeout: 20_000, interval: 100 }

let relay: RelayHandle
let context: BrowserContext
let profile: string
let mounted = false

interface ApiFiches {
  fiches: { id: string; sections: Record<string, { text: string }> }[]
}

const editorToken = (): string => {
  const token = /[?&]token=([^\s&]+)/.exec(relay.output())?.[1]
  if (!token) throw new Error('the relay printed no editor link')
  return token
}

const descriptionOnRelay = async (id: string): Promise<string> => {
  const { fiches } = (await (await fetch(`${relay.url}/api/spaces/${SPACE}/fiches`)).json()) as ApiFiches
  return fiches.find((f) => f.id === id)?.sections.description?.text ?? ''
}

beforeAll(async () => {
  profile = mkdtempSync(join(tmpdir(), 'kenlabour-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', profile], { stdio: 'pipe' })
    mounted = true
  } catch (error) {
    throw new Error(
      `this test fills a small disk for real and needs to mount a 64 MB tmpfs (run as root): ${(error as Error).message}`,
    )
  }
  relay = await startRelay()
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: BROWSER_ARGS,
  })
})

afterAll(async () => {
  await context?.close().catch(() => {})
  await relay?.stop()
  if (mounted) execFileSync('umount', [profile])
  rmSync(profile, { recursive: true, force: true })
})

describe('storage full', () => {
  test('a full disk is shown in plain words and the change still reaches the relay', async () => {
    const page = await context.newPage()
    await page.goto(`${relay.url}/s/${SPACE}?token=${editorToken()}`)
    await page.getByRole('heading', { name: /^\d+ fiches trouvées$/ }).waitFor()
    const { fiches } = (await (await fetch(`${relay.url}/api/spaces/${SPACE}/fiches`)).json()) as ApiFiches
    const fiche = fiches[0]!
    await page.goto(`${relay.url}/s/${SPACE}/f/${fiche.id}/edit`)
    const editor = page.getByLabel(DESCRIPTION, { exact: true })
    await editor.waitFor()

    // Something else fills the device: 1 MB at a time until IndexedDB refuses.
    const refusal = await page.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const open = indexedDB.open('filler', 1)
        open.onupgradeneeded = () => open.result.createObjectStore('blobs', { autoIncrement: true })
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const chunk = new Uint8Array(1 << 20)
      for (let i = 0; i < 200; i++) {
        for (let at = 0; at < chunk.length; at += 65_536)
          crypto.getRandomValues(chunk.subarray(at, at + 65_536))
        const outcome = await new Promise<string>((resolve) => {
          const tx = db.transaction('blobs', 'readwrite')
          tx.objectStore('blobs').add(new Blob([chunk]))
          tx.oncomplete = () => resolve('ok')
          tx.onabort = () => resolve(tx.error?.name ?? 'aborted')
        })
        if (outcome !== 'ok') return outcome
      }
      return 'never full'
    })
    expect(refusal).toBe('QuotaExceededError')

    const text = ` plus de place ${Date.now()}`
    await editor.click()
    await page.keyboard.press('Control+End')
    await page.keyboard.type(text, { delay: 5 })

    await page
      .getByRole('alert')
      .filter({ hasText: 'Espace de stockage plein sur cet appareil' })
      .waitFor(POLL)
    await expect.poll(() => descriptionOnRelay(fiche.id), POLL).toContain(text.trim())
    await page.getByRole('button', { name: 'Fermer' }).click()
    await expect(page.getByRole('alert').count()).resolves.toBe(0)
  })
})
