/**
 * Nothing the relay acknowledged is lost: after a clean stop (SIGTERM) everything, and after a
 * crash (SIGKILL) every update acknowledged as durable, is given to a fresh client by a relay
 * restarted on the same data directory; what was broadcast but not yet committed comes back with
 * the clients that received it.
 */

import { CloseCode } from '@kenlabour/shared/closeCodes'
import { emptyFiche } from '@kenlabour/shared/fiche'
import { readFiche, writeFiche } from '@kenlabour/shared/ficheDoc'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectDurable } from '../helpers/durableClient.ts'
import { type RelayHandle, startRelay, tempDataDir } from '../helpers/relay.ts'
import { tokenFor } from '../helpers/tokens.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createClients } from '../helpers/yclient.ts'

const clients = createClients()
const relays: RelayHandle[] = []
const start = async (dataDir: string, args: string[] = []) => {
  const relay = await startRelay({ dataDir, args: ['--no-seed', ...args] })
  relays.push(relay)
  return relay
}

afterEach(async () => {
  clients.destroyAll()
  await Promise.all(relays.splice(0).map((r) => r.kill()))
})

describe('persistence across restarts', () => {
  it('keeps everything after SIGTERM, and tells clients the relay is restarting', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir)
    const a = await clients.connectSynced(first, 'notes/Kept')
    const b = await clients.connectSynced(first, 'notes/Kept')
    a.doc.getText('t').insert(0, 'survives a restart')
    writeFiche(a.doc, { ...emptyFiche('Kept', 'Kept fiche', 1_600_000_000_000), city: 'Quimper' })
    await waitFor(() => b.doc.getText('t').toString() === 'survives a restart', 5_000, 'b to see a')
    await waitFor(() => readFiche(b.doc).city === 'Quimper', 5_000, 'fiche to reach b')

    await first.stop()
    expect(first.process.exitCode).toBe(0)
    await waitFor(() => a.closes.length > 0, 5_000, 'a to see the close')
    expect(a.closes[0]?.code).toBe(CloseCode.Restarting)
    a.destroy()
    b.destroy()

    const second = await start(dataDir)
    const c = await clients.connectSynced(second, 'notes/Kept')
    expect(c.doc.getText('t').toString()).toBe('survives a restart')
    expect(readFiche(c.doc)).toMatchObject({ id: 'Kept', title: 'Kept fiche', city: 'Quimper' })
  })

  it('keeps every acknowledged update when killed mid-stream; what others saw comes back on reconnect', async () => {
    const dataDir = tempDataDir()
    // A low compaction threshold so that the log is compacted several times while writing. The
    // writer sends thousands of updates per second, past the default per-connection rate limit
    // (which would close it with 4429, tests/integration/limits.test.ts): raised, this is about durability.
    const fast = ['--compact-after', '40', '--max-messages-per-second', '1000000']
    const first = await start(dataDir, fast)
    const writer = connectDurable(first.wsUrl, 'notes/Crash', await tokenFor(first, 'notes', 'editor'))
    const observer = await clients.connectSynced(first, 'notes/Crash')
    await waitFor(() => writer.provider.synced, 5_000, 'writer to sync')
    const items = writer.doc.getArray<number>('items')

    let writing = true
    let typed = 0
    const writes = (async () => {
      for (let i = 0; writing && i < 5_000; i++) {
        items.push([i])
        typed++
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    // Killed once the observer saw 150 items and some were acknowledged (acknowledgements may wait
    // up to ACK_DELAY_MS for another frame to the writer).
    await waitFor(
      () => observer.doc.getArray('items').length >= 150 && writer.durability.getState().waiting < typed,
      15_000,
      'observer to see 150 items, writer to hear of durable ones',
    )
    await first.kill()
    // Changes are acknowledged in order: the first `acknowledged` items are durable.
    const acknowledged = typed - writer.durability.getState().waiting
    writing = false
    await writes
    const seen = observer.doc.getArray<number>('items').toArray()
    expect(acknowledged).toBeGreaterThan(0)

    // Nothing acknowledged is missing from the store (a fresh client, no one else connected).
    const second = await start(dataDir, fast)
    observer.provider.disconnect()
    writer.provider.disconnect()
    const fresh = await clients.connectSynced(second, 'notes/Crash')
    const restored = fresh.doc.getArray<number>('items').toArray()
    expect(restored.length).toBeGreaterThanOrEqual(acknowledged)
    expect(restored.slice(0, acknowledged)).toEqual(items.toArray().slice(0, acknowledged))

    // The relay broadcasts before its commit: what the observer saw but the store lacked comes back
    // when the clients reconnect (their sync step 2 carries it), and then it is acknowledged.
    const back = connectDurable(second.wsUrl, 'notes/Crash', await tokenFor(second, 'notes', 'editor'))
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(observer.doc))
    await waitFor(
      () => back.provider.synced && back.durability.getState().waiting === 0,
      10_000,
      'the observer copy to be durable',
    )
    back.destroy()
    const after = await clients.connectSynced(second, 'notes/Crash')
    expect(after.doc.getArray<number>('items').toArray().slice(0, seen.length)).toEqual(seen)
    writer.destroy()
  })

  it('compacts the log without losing updates across restarts', async () => {
    const dataDir = tempDataDir()
    const first = await start(dataDir, ['--compact-after', '10'])
    const a = await clients.connectSynced(first, 'notes/Compact')
    const b = await clients.connectSynced(first, 'notes/Compact')
    const text = a.doc.getText('t')
    for (let i = 0; i < 95; i++) text.insert(text.length, `${i % 10}`)
    await waitFor(() => b.doc.getText('t').length === 95, 5_000, 'b to see 95 chars')
    await first.stop()
    a.destroy()
    b.destroy()

    const second = await start(dataDir, ['--compact-after', '10'])
    const c = await clients.connectSynced(second, 'notes/Compact')
    expect(c.doc.getText('t').toString()).toBe('0123456789'.repeat(10).slice(0, 95))
  })
})
