/**
 * Memory follows what is open, not what is stored: a relay holding 10,000 stored fiches with 100 of
 * them open uses about the memory of a relay holding just those 100, and unloads documents once
 * their last connection has been gone for the unload delay.
 *
 * How: two data directories are filled straight through the storage interface (10,000 realistic
 * fiches, and the same first 100 alone); a relay on each opens the same 100 fiches with one client
 * each; their resident memory (/proc/<pid>/status) is compared. Loaded fiches would cost tens of
 * kilobytes each (10,000 of them: hundreds of megabytes), so the margin below tells the difference.
 */
import { readFileSync } from 'node:fs'
import { emptyFiche } from '@kenlabour/shared/fiche'
import { writeFiche } from '@kenlabour/shared/ficheDoc'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openSqliteStorage } from '../../relay/src/storage/sqlite.ts'
import { type RelayHandle, startRelay, tempDataDir } from '../helpers/relay.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createClients } from '../helpers/yclient.ts'

const SPACE = 'memory'
const STORED = 10_000
const OPEN = 100
/** Allowed difference of resident memory between the two relays. */
const MARGIN_MB = 40

const clients = createClients()
const relays: RelayHandle[] = []

afterEach(async () => {
  clients.destroyAll()
  await Promise.all(relays.splice(0).map((r) => r.stop()))
})

const ficheId = (i: number): string => `Fiche${String(i).padStart(5, '0')}-mem`

/** A fiche of realistic size (title, fields, four paragraphs), as one Yjs update. */
const ficheUpdate = (i: number): Uint8Array => {
  const doc = new Y.Doc()
  const fiche = emptyFiche(ficheId(i), `Initiative numéro ${i}`, 1_700_000_000_000 + i)
  writeFiche(doc, {
    ...fiche,
    city: 'Lannion',
    sections: {
      ...fiche.sections,
      description: Array.from({ length: 4 }, (_, p) => ({
        type: 'paragraph',
        content: [
          { type: 'text', text: `Paragraphe ${p} de la fiche ${i}. ${'Faire ensemble. '.repeat(20)}` },
        ],
      })),
    },
  })
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

const fill = async (count: number): Promise<string> => {
  const dataDir = tempDataDir()
  const storage = openSqliteStorage(dataDir)
  const appends: Promise<number>[] = []
  for (let i = 0; i < count; i++) appends.push(storage.appendUpdate(`${SPACE}/${ficheId(i)}`, ficheUpdate(i)))
  await Promise.all(appends)
  await storage.close()
  return dataDir
}

const rssMb = (pid: number): number => {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  if (!kb) throw new Error(`no VmRSS for ${pid}`)
  return Number(kb) / 1024
}

const loadedDocs = async (relay: RelayHandle): Promise<number> => {
  const text = await (await fetch(`${relay.url}/metrics`)).text()
  const value = /^kenlabour_loaded_docs (\d+)/m.exec(text)?.[1]
  if (value === undefined) throw new Error('no kenlabour_loaded_docs in /metrics')
  return Number(value)
}

/** Starts a relay on `dataDir`, opens the first `OPEN` fiches, returns its memory once settled. */
const openHundred = async (dataDir: string): Promise<{ relay: RelayHandle; rss: number }> => {
  const relay = await startRelay({
    dataDir,
    args: ['--no-seed', '--unload-delay-ms', '300', '--max-connections-per-ip', '1000'],
  })
  relays.push(relay)
  for (let start = 0; start < OPEN; start += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, k) => clients.connectSynced(relay, `${SPACE}/${ficheId(start + k)}`)),
    )
  }
  expect(await loadedDocs(relay)).toBe(OPEN)
  // Settle: a few samples, the lowest (a GC may be pending in either process).
  const samples: number[] = []
  for (let k = 0; k < 5; k++) {
    samples.push(rssMb(relay.process.pid!))
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { relay, rss: Math.min(...samples) }
}

describe('memory', () => {
  it(`holds ${STORED} stored fiches with ${OPEN} open in the memory of the ${OPEN}`, async () => {
    const [large, small] = await Promise.all([fill(STORED), fill(OPEN)])

    const big = await openHundred(large)
    const few = await openHundred(small)
    console.log(
      `resident memory with ${OPEN} open: ${STORED} stored ${big.rss.toFixed(0)} MB, ${OPEN} stored ${few.rss.toFixed(0)} MB`,
    )
    expect(big.rss - few.rss).toBeLessThan(MARGIN_MB)

    // Unloaded after the delay once nobody is connected.
    clients.destroyAll()
    await waitFor(async () => (await loadedDocs(big.relay)) === 0, 10_000, 'documents to unload')
  }, 120_000)
})
