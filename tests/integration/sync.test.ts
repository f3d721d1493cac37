/** Two Node Y.Docs meet through the relay with the stock y-websocket provider. */

import { emptyFiche } from '@kenlabour/shared/fiche'
import { fieldText, hasFiche, readFiche, titleText, writeFiche } from '@kenlabour/shared/ficheDoc'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import { openRaw } from '../helpers/rawSocket.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { waitFor } from '../helpers/waitFor.ts'

const stage = useRelayStage({ args: ['--no-seed'] })
const { clients } = stage

describe('sync through the relay', () => {
  it('syncs text both ways between two docs', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/TextDoc')
    const b = await clients.connectSynced(stage.relay, 'test/TextDoc')
    a.doc.getText('t').insert(0, 'hello from a')
    await waitFor(() => b.doc.getText('t').toString() === 'hello from a', 5_000, 'b to see a')
    b.doc.getText('t').insert(0, 'b says: ')
    await waitFor(() => a.doc.getText('t').toString() === 'b says: hello from a', 5_000, 'a to see b')
  })

  it('syncs a fiche written with writeFiche and edited through fieldText', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/SomeFiche')
    const b = await clients.connectSynced(stage.relay, 'test/SomeFiche')
    writeFiche(a.doc, { ...emptyFiche('SomeFiche', 'A fiche', 1_700_000_000_000), city: 'Brest' })
    await waitFor(() => hasFiche(b.doc) && fieldText(b.doc, 'city').toString() === 'Brest', 5_000, 'fiche')
    fieldText(b.doc, 'city').insert(5, ', Finistère')
    titleText(b.doc).insert(7, ' shared')
    await waitFor(() => fieldText(a.doc, 'city').toString() === 'Brest, Finistère', 5_000, 'city edit')
    const fiche = readFiche(a.doc)
    expect(fiche.title).toBe('A fiche shared')
    expect(fiche.createdAt).toBe(1_700_000_000_000)
  })

  it('gives a late joiner the whole document', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/LateJoin')
    const list = a.doc.getArray<number>('list')
    for (let i = 0; i < 50; i++) list.push([i])
    const b = await clients.connectSynced(stage.relay, 'test/LateJoin')
    await waitFor(() => b.doc.getArray('list').length === 50, 5_000, 'late joiner')
    expect(b.doc.getArray('list').toArray()).toEqual([...Array(50).keys()])
  })

  it('relays awareness and removes it when a client leaves', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/Presence')
    const b = await clients.connectSynced(stage.relay, 'test/Presence')
    a.provider.awareness.setLocalStateField('user', { name: 'Anne' })
    const aId = a.doc.clientID
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user?.name === 'Anne', 5_000, 'presence')
    a.destroy()
    await waitFor(() => !b.provider.awareness.getStates().has(aId), 5_000, 'presence removal')
  })

  it('answers a query-awareness message with the known states', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/Query')
    a.provider.awareness.setLocalStateField('user', { name: 'Query' })
    const raw = await openRaw(`${stage.relay.wsUrl}/sync/test/Query`)
    try {
      // The relay greets with sync step 1 and the awareness states; wait for those first.
      await waitFor(() => raw.frames.some((f) => f[0] === 1), 5_000, 'initial awareness')
      const before = raw.frames.length
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, 3)
      raw.ws.send(encoding.toUint8Array(encoder))
      await waitFor(() => raw.frames.slice(before).some((f) => f[0] === 1), 5_000, 'awareness answer')
    } finally {
      raw.ws.close()
    }
  })

  it('reports rooms and connections in /api/health', async () => {
    await clients.connectSynced(stage.relay, 'test/Health')
    const res = await fetch(`${stage.relay.url}/api/health`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const body = (await res.json()) as Record<string, unknown>
    expect(body.status).toBe('ok')
    expect(typeof body.uptime).toBe('number')
    expect(body.rooms).toBeGreaterThanOrEqual(1)
    expect(body.connections).toBeGreaterThanOrEqual(1)
  })
})
