/**
 * How the relay passes frames on (relay/src/sync/room.ts): a live update that continues the
 * document is applied, then forwarded and stored byte for byte as it came; one the relay already
 * has, or an empty one, is neither forwarded nor stored; updates that arrive before the one they
 * follow wait in the relay's doc, and everything converges and is stored once it arrives. A caret
 * (awareness) frame is forwarded as it came to the others, never echoed to its sender. Joiners get
 * the document as it is, even when the answer to their state vector was kept from an earlier joiner.
 */
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { joinedRoom, openRaw } from '../helpers/rawSocket.ts'
import { startRelay } from '../helpers/relay.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { waitFor } from '../helpers/waitFor.ts'

const stage = useRelayStage({ args: ['--no-seed'] })
const { clients } = stage

/** `[0, 2, update]`: a live update, as the provider sends it. */
const updateFrame = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** The update frames of typing `texts` one after the other into a fresh doc's text `t`. */
const typed = (...texts: string[]): Uint8Array[] => {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(updateFrame(update)))
  for (const text of texts) doc.getText('t').insert(doc.getText('t').length, text)
  return updates
}

/** `[1, awarenessUpdate]` with one client's state, as y-protocols encodes it. */
const caretFrame = (clientId: number, clock: number, state: unknown): Uint8Array => {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update))
  return encoding.toUint8Array(encoder)
}

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
const count = (frames: Uint8Array[], frame: Uint8Array): number => frames.filter((f) => same(f, frame)).length

describe('relaying', () => {
  it('forwards a live update as it came, and a repeated or empty one not at all', async () => {
    const url = `${stage.relay.wsUrl}/sync/relaying/Live`
    const sender = await openRaw(url)
    const receiver = await openRaw(url)
    await Promise.all([joinedRoom(sender), joinedRoom(receiver)])
    const [first, second] = typed('a', 'b') as [Uint8Array, Uint8Array]

    sender.ws.send(first)
    await waitFor(() => count(receiver.frames, first) === 1, 5_000, 'the update, byte for byte')
    const empty = updateFrame(Y.encodeStateAsUpdate(new Y.Doc()))
    sender.ws.send(empty)
    sender.ws.send(second)
    await waitFor(() => count(receiver.frames, second) === 1, 5_000, 'the next update')
    expect(count(receiver.frames, first)).toBe(1)
    expect(count(receiver.frames, empty)).toBe(0)
    expect(count(sender.frames, first) + count(sender.frames, second)).toBe(0)

    // Stored once each: a fresh client gets "ab".
    const fresh = await clients.connectSynced(stage.relay, 'relaying/Live')
    expect(fresh.doc.getText('t').toString()).toBe('ab')
    sender.ws.close()
    receiver.ws.close()
  })

  it('keeps updates that arrive before the one they follow; all converge and are stored once it comes', {
    timeout: 30_000,
  }, async () => {
    const url = `${stage.relay.wsUrl}/sync/relaying/Gap`
    const sender = await openRaw(url)
    const watcher = await clients.connectSynced(stage.relay, 'relaying/Gap')
    const [first, second, third] = typed('x', 'y', 'z') as [Uint8Array, Uint8Array, Uint8Array]

    sender.ws.send(third)
    sender.ws.send(second)
    sender.ws.send(first)
    await waitFor(() => watcher.doc.getText('t').toString() === 'xyz', 5_000, 'the watcher to converge')

    // The relay stored all three: after a restart, a fresh client gets "xyz".
    sender.ws.close()
    watcher.destroy()
    await stage.relay.stop()
    stage.relay = await startRelay({ args: ['--no-seed'], dataDir: stage.relay.dataDir })
    const fresh = await clients.connectSynced(stage.relay, 'relaying/Gap')
    expect(fresh.doc.getText('t').toString()).toBe('xyz')
  })

  it('answers joiners of a large document from its current state: a change between two joiners reaches the second', async () => {
    const writer = await clients.connectSynced(stage.relay, 'relaying/Large')
    writer.doc.getText('t').insert(0, 'x'.repeat(100_000))
    const first = await clients.connectSynced(stage.relay, 'relaying/Large')
    await waitFor(() => first.doc.getText('t').length === 100_000, 10_000, 'the first joiner to get it all')
    // The answer to an empty state vector is now kept (relay/src/sync/syncAnswers.ts)…
    writer.doc.getText('t').insert(0, 'new ')
    await waitFor(() => first.doc.getText('t').length === 100_004, 10_000, 'the change to be relayed')
    // …and must not be given once the document changed.
    const second = await clients.connectSynced(stage.relay, 'relaying/Large')
    expect(second.doc.getText('t').toString()).toBe(writer.doc.getText('t').toString())
    expect(second.doc.getText('t').toString().startsWith('new x')).toBe(true)
  })

  it('forwards a caret frame as it came to the others, not back to its sender', async () => {
    const url = `${stage.relay.wsUrl}/sync/relaying/Carets`
    const sender = await openRaw(url)
    const receiver = await openRaw(url)
    await Promise.all([joinedRoom(sender), joinedRoom(receiver)])
    const caret = caretFrame(4242, 1, { user: { name: 'Raw' } })

    sender.ws.send(caret)
    await waitFor(() => count(receiver.frames, caret) === 1, 5_000, 'the caret, byte for byte')
    // An echo would reach the sender before anything the relay sends it later.
    const [update] = typed('later') as [Uint8Array]
    receiver.ws.send(update)
    await waitFor(() => count(sender.frames, update) === 1, 5_000, 'a later update')
    expect(count(sender.frames, caret)).toBe(0)
    sender.ws.close()
    receiver.ws.close()
  })
})
