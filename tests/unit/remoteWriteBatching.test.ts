/**
 * Others' edits are written to IndexedDB in batches, one's own at once (`remoteWriteBatching.ts`),
 * in Node with fake-indexeddb and the real y-indexeddb: what is stored is counted, and reloading
 * the document from IndexedDB shows that nothing was lost.
 */
import 'fake-indexeddb/auto'
import { describe, expect, test } from 'vitest'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { storedUpdateCount } from '../../client/src/sync/localDocs.ts'
import { batchRemoteWrites, REMOTE_WRITE_DELAY_MS } from '../../client/src/sync/remoteWriteBatching.ts'
import { waitFor } from '../helpers/waitFor.ts'

/** Stands for the websocket provider: the origin of the transactions that carry others' edits. */
const PROVIDER = { name: 'provider' }

/** A document with its IndexedDB persistence and batching, loaded. */
const open = async (name: string) => {
  const doc = new Y.Doc()
  const persistence = new IndexeddbPersistence(name, doc)
  await persistence.whenSynced
  const stop = batchRemoteWrites(persistence, PROVIDER)
  return { doc, persistence, stop }
}

/** What IndexedDB holds for `name`, read into a fresh document. */
const reload = async (name: string): Promise<string> => {
  const doc = new Y.Doc()
  const persistence = new IndexeddbPersistence(name, doc)
  await persistence.whenSynced
  const text = doc.getText('t').toString()
  await persistence.destroy()
  return text
}

/** An update from another participant's replica (typing `text` at the end of theirs). */
const remoteEdit = (other: Y.Doc, text: string): Uint8Array => {
  let update: Uint8Array | null = null
  const keep = (u: Uint8Array) => {
    update = u
  }
  other.on('update', keep)
  other.getText('t').insert(other.getText('t').length, text)
  other.off('update', keep)
  return update!
}

describe('remote write batching', () => {
  test('writes own edits at once and others’ edits in one batch, losing none', async () => {
    const name = `batch/${Math.random()}`
    const { doc, persistence, stop } = await open(name)
    const before = await storedUpdateCount(name)

    doc.getText('t').insert(0, 'mine ')
    await waitFor(async () => (await storedUpdateCount(name)) === before + 1, 5_000, 'own edit stored')

    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
    for (const letter of 'theirs') Y.applyUpdate(doc, remoteEdit(other, letter), PROVIDER)
    // Six remote transactions, nothing written yet: they wait for the batch.
    expect(await storedUpdateCount(name)).toBe(before + 1)

    // Written together, once, after the delay.
    await waitFor(
      async () => (await storedUpdateCount(name)) === before + 2,
      REMOTE_WRITE_DELAY_MS + 5_000,
      'the batch to be written',
    )
    stop()
    await persistence.destroy()
    expect(await reload(name)).toBe('mine theirs')
  })

  test('writes what waits when the document closes', async () => {
    const name = `close/${Math.random()}`
    const { doc, persistence, stop } = await open(name)
    const other = new Y.Doc()
    Y.applyUpdate(doc, remoteEdit(other, 'from afar'), PROVIDER)
    stop()
    await persistence.destroy()
    expect(await reload(name)).toBe('from afar')
  })

  test('restores y-indexeddb’s own writing once stopped', async () => {
    const name = `restore/${Math.random()}`
    const { doc, persistence, stop } = await open(name)
    stop()
    const other = new Y.Doc()
    Y.applyUpdate(doc, remoteEdit(other, 'later'), PROVIDER)
    await persistence.destroy()
    expect(await reload(name)).toBe('later')
  })
})
