/**
 * Remote edits applied in batches (client/src/sync/remoteUpdateBatching.ts), driven frame by frame
 * through a real y-websocket provider's message handlers (not connected: the frames are the ones
 * the relay sends). A lone edit is applied at once; a burst is applied in one more transaction,
 * complete and in order; a sync step that follows waiting edits sees them applied first; the batch
 * looks like the stock handler's transactions (provider origin, not local); stopping applies what
 * waits and restores the stock handler.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { WebSocket } from 'ws'
import * as syncProtocol from 'y-protocols/sync'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { batchRemoteUpdates, MAX_WAIT_MS } from '../../client/src/sync/remoteUpdateBatching.ts'
import { waitFor } from '../helpers/waitFor.ts'

const providers: WebsocketProvider[] = []
afterEach(() => {
  for (const provider of providers.splice(0)) provider.destroy()
})

const offlineProvider = (doc: Y.Doc): WebsocketProvider => {
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'test/batch', doc, {
    connect: false,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
  })
  providers.push(provider)
  return provider
}

/** Feeds one frame to the provider as its socket would (y-websocket's `readMessage`). */
const receive = (provider: WebsocketProvider, frame: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  provider.messageHandlers[type]!(encoder, decoder, provider, true, type)
  return encoding.toUint8Array(encoder)
}

const updateFrame = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A writer whose every keystroke is one update (as a remote typist's frames are). */
const typist = () => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = doc.getText('t')
  return {
    doc,
    type: (s: string) => {
      for (const ch of s) text.insert(text.length, ch)
      return updates.splice(0)
    },
  }
}

const countTransactions = (doc: Y.Doc, origin: unknown) => {
  const seen = { remote: 0, local: 0 }
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (transaction.origin !== origin) return
    if (transaction.local) seen.local++
    else seen.remote++
  })
  return seen
}

describe('remote update batching', () => {
  test('a lone edit is applied at once, a burst of 40 in one more transaction, in order', async () => {
    // The burst must arrive "within a frame" of the first edit whatever the machine's load: the
    // clock the batching reads stands still here (timers stay real, so the waiting edits still go
    // in at the next pass).
    vi.useFakeTimers({ toFake: ['performance'] })
    try {
      const doc = new Y.Doc()
      const provider = offlineProvider(doc)
      batchRemoteUpdates(provider)
      const seen = countTransactions(doc, provider)
      const writer = typist()

      const [first] = writer.type('a')
      receive(provider, updateFrame(first!))
      expect(doc.getText('t').toString()).toBe('a')
      expect(seen.remote).toBe(1)

      const started = Date.now()
      for (const update of writer.type('bcdefghijklmnopqrstuvwxyz0123456789ABCD')) {
        receive(provider, updateFrame(update))
      }
      // Arrived within a frame of the first: they wait, then go in together.
      expect(doc.getText('t').toString()).toBe('a')
      await waitFor(() => doc.getText('t').length === 40, 2_000, 'the burst')
      expect(Date.now() - started).toBeLessThan(MAX_WAIT_MS + 500)
      expect(doc.getText('t').toString()).toBe(writer.doc.getText('t').toString())
      // One transaction for the lone edit, one for the rest.
      expect(seen.local).toBe(0)
      expect(seen.remote).toBe(2)
    } finally {
      vi.useRealTimers()
    }
  })

  test('a sync step after waiting edits finds them applied; stopping applies and restores', async () => {
    const doc = new Y.Doc()
    const provider = offlineProvider(doc)
    const stock = provider.messageHandlers[0]
    const stop = batchRemoteUpdates(provider)
    const writer = typist()
    receive(provider, updateFrame(writer.type('x')[0]!))
    for (const update of writer.type('yz')) receive(provider, updateFrame(update))
    expect(doc.getText('t').toString()).toBe('x')

    // The relay's sync step 1: the stock handler answers with step 2, after the waiting edits.
    const step1 = encoding.createEncoder()
    encoding.writeVarUint(step1, 0)
    syncProtocol.writeSyncStep1(step1, writer.doc)
    const reply = receive(provider, encoding.toUint8Array(step1))
    expect(doc.getText('t').toString()).toBe('xyz')
    expect(reply.length).toBeGreaterThan(1)

    // Sync step 2 still marks the provider synced.
    const step2 = encoding.createEncoder()
    encoding.writeVarUint(step2, 0)
    syncProtocol.writeSyncStep2(step2, writer.doc)
    receive(provider, encoding.toUint8Array(step2))
    expect(provider.synced).toBe(true)

    for (const update of writer.type('!?')) receive(provider, updateFrame(update))
    stop()
    expect(doc.getText('t').toString()).toBe('xyz!?')
    expect(provider.messageHandlers[0]).toBe(stock)
  })
})
