/**
 * Crash test: clients type while the relay is killed with SIGKILL at random moments, 20 times, and
 * restarted on the same address. Each client records which of its keystrokes the relay acknowledged
 * as durable (the "durable up to" messages, through the browser's own `durability.ts`). After each
 * kill, every acknowledged keystroke must be in the SQLite file; at the end, every replica converges
 * with the store and holds every keystroke typed. Seeded (lib0/prng) for reproducible timings.
 */
import * as prng from 'lib0/prng'
import { afterAll, describe, expect, it } from 'vitest'
import { connectDurable, type DurableClient } from '../helpers/durableClient.ts'
import { type RelayHandle, startRelay, tempDataDir } from '../helpers/relay.ts'
import { readStoredDoc } from '../helpers/storeReader.ts'
import { tokenFor } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'

const KILLS = Number(process.env.CRASH_KILLS ?? 20)
const DOCS = ['crash/Alpha', 'crash/Beta']
const CLIENTS_PER_DOC = 3
const SEED = 0x6b656e

interface Typist {
  readonly doc: string
  readonly label: string
  readonly client: DurableClient
  typed: number
}

/** Keystrokes acknowledged as durable: changes are acknowledged in order, so a prefix. */
const acknowledged = (t: Typist): number => t.typed - t.client.durability.getState().waiting

const keysOf = (t: Typist, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${t.label}:${i}`)

let relay: RelayHandle | undefined
const typists: Typist[] = []
afterAll(async () => {
  for (const t of typists) t.client.destroy()
  await relay?.stop()
})

describe('crash under typing load', () => {
  it(`loses no acknowledged keystroke across ${KILLS} SIGKILLs, and every replica converges`, async () => {
    const gen = prng.create(SEED)
    const dataDir = tempDataDir()
    // Small compaction threshold: the log is folded while the relay keeps being killed.
    const args = ['--no-seed', '--compact-after', '30', '--max-messages-per-second', '10000']
    relay = await startRelay({ dataDir, args })
    const port = relay.port
    const token = await tokenFor(relay, 'crash', 'editor')
    for (const doc of DOCS) {
      for (let i = 0; i < CLIENTS_PER_DOC; i++) {
        typists.push({
          doc,
          label: `${doc.split('/')[1]}${i}`,
          client: connectDurable(relay.wsUrl, doc, token),
          typed: 0,
        })
      }
    }
    await waitFor(() => typists.every((t) => t.client.provider.synced), 10_000, 'clients synced')

    let typing = true
    const type = async (t: Typist) => {
      const keys = t.client.doc.getArray<string>('keys')
      while (typing) {
        keys.push([`${t.label}:${t.typed}`])
        t.typed++
        await new Promise((resolve) => setTimeout(resolve, prng.int32(gen, 4, 20)))
      }
    }
    const load = typists.map(type)

    for (let kill = 0; kill < KILLS; kill++) {
      // Let typing and acknowledgements flow for a random while, then crash the relay.
      const t0 = Date.now()
      const before = typists.map(acknowledged)
      const acksWanted = prng.int32(gen, 1, 40)
      await waitFor(
        () => typists.some((t, i) => acknowledged(t) >= before[i]! + acksWanted),
        20_000,
        `acknowledgements before kill ${kill}`,
      )
      const t1 = Date.now()
      await relay.kill()
      const acked = typists.map((t) => ({ t, count: acknowledged(t) }))
      for (const doc of DOCS) {
        const stored = new Set(readStoredDoc(dataDir, doc).getArray<string>('keys').toArray())
        for (const { t, count } of acked.filter((a) => a.t.doc === doc)) {
          const missing = keysOf(t, count).filter((k) => !stored.has(k))
          expect(
            missing,
            `kill ${kill}: acknowledged keystrokes of ${t.label} missing from the store`,
          ).toEqual([])
        }
      }
      const t2 = Date.now()
      relay = await startRelay({ dataDir, port, args })
      if (process.env.CRASH_DEBUG)
        console.log(
          `kill ${kill}: waited acks ${t1 - t0} ms, checked ${t2 - t1} ms, restart ${Date.now() - t2} ms`,
        )
    }

    typing = false
    await Promise.all(load)
    await waitFor(
      () => typists.every((t) => t.client.provider.synced && t.client.durability.getState().waiting === 0),
      30_000,
      'every keystroke acknowledged after the last restart',
    )
    const expectedByDoc = new Map(
      DOCS.map((d) => [d, typists.filter((t) => t.doc === d).flatMap((t) => keysOf(t, t.typed))]),
    )
    for (const t of typists) {
      await waitFor(
        () => t.client.doc.getArray('keys').length === expectedByDoc.get(t.doc)!.length,
        15_000,
        `${t.label} to converge`,
      )
    }
    await relay.stop()
    for (const doc of DOCS) {
      const stored = readStoredDoc(dataDir, doc).getArray<string>('keys').toArray()
      expect([...stored].sort()).toEqual([...expectedByDoc.get(doc)!].sort())
      for (const t of typists.filter((x) => x.doc === doc))
        expect(t.client.doc.getArray('keys').toArray()).toEqual(stored)
    }
    const total = typists.reduce((sum, t) => sum + t.typed, 0)
    console.log(`crash test: ${total} keystrokes typed by ${typists.length} clients across ${KILLS} SIGKILLs`)
  }, 240_000)
})
