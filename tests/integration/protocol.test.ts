/**
 * Refusals: invalid document names, malformed and oversized frames. Each closes only the offending
 * connection with the close code of PROTOCOL.md; the room, the others and the stored doc are fine.
 */

import { CloseCode } from '@kenlabour/shared/closeCodes'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { openRaw, upgradeAndReadClose } from '../helpers/rawSocket.ts'
import { startRelay } from '../helpers/relay.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { waitFor } from '../helpers/waitFor.ts'

const MAX_FRAME = 64 * 1024
const stage = useRelayStage({ args: ['--no-seed', '--max-frame-bytes', String(MAX_FRAME)] })
const { clients } = stage

const closeOf = (url: string): Promise<{ code: number; reason: string }> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('error', reject)
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })

const frame = (...parts: (number | Uint8Array)[]): Uint8Array => {
  const encoder = encoding.createEncoder()
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part)
    else encoding.writeVarUint8Array(encoder, part)
  }
  return encoding.toUint8Array(encoder)
}

describe('invalid document names', () => {
  it.each([
    ['/sync/a/b/c', /invalid document name/],
    ['/sync/Bad%20Space/x', /invalid document name/],
    ['/sync/space/..', /invalid document name/],
    ['/sync/space/_other', /invalid document name/],
    ['/sync/..%2Fx', /invalid document name/],
    ['/elsewhere', /\/sync\/<space>\/<id>/],
  ])('refuses %s with CloseCode.InvalidDocumentName', async (path, reason) => {
    const close = await closeOf(`${stage.relay.wsUrl}${path}`)
    expect(close.code).toBe(CloseCode.InvalidDocumentName)
    expect(close.reason).toMatch(reason)
  })

  it('refuses an unnormalised /sync/../x sent as is', async () => {
    const close = await upgradeAndReadClose(stage.relay.port, '/sync/../x')
    expect(close.code).toBe(CloseCode.InvalidDocumentName)
    expect(close.reason).toMatch(/invalid document name/)
  })

  it('stops the stock provider from reconnecting to a bad name', async () => {
    const client = clients.connect(stage.relay, 'Bad Space/x')
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.once('closed', (event) => resolve(event)),
    )
    const event = await closed
    expect(event.code).toBe(CloseCode.InvalidDocumentName)
    expect(client.provider.shouldConnect).toBe(false)
  })
})

describe('malformed and oversized frames', () => {
  it('closes only the offending connection with 4422; the room keeps syncing and nothing is stored', async () => {
    const a = await clients.connectSynced(stage.relay, 'room/Shared')
    const b = await clients.connectSynced(stage.relay, 'room/Shared')
    a.doc.getText('t').insert(0, 'before')
    await waitFor(() => b.doc.getText('t').toString() === 'before', 5_000, 'initial sync')

    const bad = await openRaw(`${stage.relay.wsUrl}/sync/room/Shared`)
    // A sync "update" whose payload is not a Yjs update.
    bad.ws.send(frame(0, 2, new Uint8Array([1, 1, 5, 0, 0xff, 0x13, 0x37])))
    const close = await bad.closed
    expect(close.code).toBe(CloseCode.MalformedMessage)
    expect(close.reason).toMatch(/malformed/i)

    a.doc.getText('t').insert(6, ' and after')
    await waitFor(
      () => b.doc.getText('t').toString() === 'before and after',
      5_000,
      'sync after the bad frame',
    )
    expect(a.closes).toEqual([])
    expect(b.closes).toEqual([])

    await stage.relay.stop()
    stage.relay = await startRelay({
      dataDir: stage.relay.dataDir,
      args: ['--no-seed', '--max-frame-bytes', String(MAX_FRAME)],
    })
    a.destroy()
    b.destroy()
    const fresh = await clients.connectSynced(stage.relay, 'room/Shared')
    expect(fresh.doc.getText('t').toString()).toBe('before and after')
    expect(fresh.doc.share.size).toBe(1)
  })

  it.each([
    ['an unknown message type', frame(7)],
    ['an empty frame', new Uint8Array()],
    ['a truncated sync message', frame(0)],
    ['an unknown sync message type', frame(0, 9, new Uint8Array([0]))],
    ['a malformed awareness update', frame(1, new Uint8Array([1, 200, 3]))],
  ])('closes with 4422 on %s', async (_label, bytes) => {
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/room/Garbage`)
    raw.ws.send(bytes)
    expect((await raw.closed).code).toBe(CloseCode.MalformedMessage)
  })

  it('closes with 4422 on a text frame', async () => {
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/room/Text`)
    raw.ws.send('hello')
    expect((await raw.closed).code).toBe(CloseCode.MalformedMessage)
  })

  it('closes with 4413 on a frame over the configured limit, and keeps the room up', async () => {
    const a = await clients.connectSynced(stage.relay, 'room/Big')
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/room/Big`)
    raw.ws.send(frame(0, 2, new Uint8Array(MAX_FRAME + 10)))
    const close = await raw.closed
    expect(close.code).toBe(CloseCode.TooLarge)
    const b = await clients.connectSynced(stage.relay, 'room/Big')
    a.doc.getText('t').insert(0, 'still here')
    await waitFor(() => b.doc.getText('t').toString() === 'still here', 5_000, 'room still syncing')
  })
})
