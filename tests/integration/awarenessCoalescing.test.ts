/**
 * Presence stays cheap: the client's awareness coalescing (client/src/sync/awarenessCoalescing.ts)
 * installed on the stock provider, against the real relay. A burst of caret moves leaves as a few
 * frames, the last position always arrives, an update that changes nothing is not sent, remote states
 * are not echoed back, leaving is at once.
 */
import { describe, expect, it } from 'vitest'
import { awarenessCounters, coalesceAwareness } from '../../client/src/sync/awarenessCoalescing.ts'
import { useRelayStage } from '../helpers/relayStage.ts'
import { waitFor } from '../helpers/waitFor.ts'

const stage = useRelayStage({ args: ['--no-seed'] })
const { clients } = stage

/** Counts the awareness updates `client` receives about `clientId` from the relay. */
const countUpdatesAbout = (client: ReturnType<typeof clients.connect>, clientId: number) => {
  const counter = { n: 0 }
  client.provider.awareness.on(
    'update',
    ({ updated, added }: { updated: number[]; added: number[] }, origin: unknown) => {
      if (origin === client.provider && [...updated, ...added].includes(clientId)) counter.n++
    },
  )
  return counter
}

describe('awareness coalescing', () => {
  it('sends a burst of 50 caret moves as a few frames, ending on the last position', async () => {
    const typist = await clients.connectSynced(stage.relay, 'test/Presence')
    const watcher = await clients.connectSynced(stage.relay, 'test/Presence')
    coalesceAwareness(typist.provider, 100)
    typist.provider.awareness.setLocalStateField('user', { name: 'Typist', color: '#1d4e89' })
    await waitFor(() => watcher.provider.awareness.getStates().has(typist.doc.clientID), 5_000, 'presence')
    const received = countUpdatesAbout(watcher, typist.doc.clientID)
    const sentBefore = awarenessCounters.sent
    const started = performance.now()
    for (let i = 1; i <= 50; i++) typist.provider.awareness.setLocalStateField('cursor', { at: i })
    const burstMs = performance.now() - started
    const last = () =>
      (
        watcher.provider.awareness.getStates().get(typist.doc.clientID) as
          | { cursor?: { at: number } }
          | undefined
      )?.cursor?.at
    await waitFor(() => last() === 50, 5_000, 'the last caret position')
    const frames = awarenessCounters.sent - sentBefore
    // Leading edge plus one trailing frame per 100 ms the burst lasted.
    expect(frames).toBeLessThanOrEqual(2 + Math.ceil(burstMs / 100))
    expect(received.n).toBeLessThanOrEqual(frames)
    expect(received.n).toBeGreaterThanOrEqual(1)
  })

  it('does not send a local update that changes nothing (a caret re-set after each remote edit)', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/Same')
    coalesceAwareness(a.provider, 100)
    a.provider.awareness.setLocalStateField('cursor', { at: 1 })
    const before = awarenessCounters.sent
    for (let i = 0; i < 20; i++) a.provider.awareness.setLocalStateField('cursor', { at: 1 })
    expect(awarenessCounters.sent).toBe(before)
    // A real change still goes out (here on the trailing edge of the interval).
    a.provider.awareness.setLocalStateField('cursor', { at: 2 })
    await waitFor(() => awarenessCounters.sent > before, 5_000, 'the change to be sent')
    expect(awarenessCounters.sent - before).toBe(1)
  })

  it('does not echo remote states back to the relay, and sends leaving at once', async () => {
    const a = await clients.connectSynced(stage.relay, 'test/Echo')
    const b = await clients.connectSynced(stage.relay, 'test/Echo')
    coalesceAwareness(a.provider, 100)
    coalesceAwareness(b.provider, 100)
    // Every awareness frame b's socket sends (the stock provider would echo a's state).
    let bAwarenessFrames = 0
    const socket = b.provider.ws as unknown as { send(data: Uint8Array): void }
    const send = socket.send.bind(socket)
    socket.send = (data) => {
      if (data[0] === 1) bAwarenessFrames++
      send(data)
    }
    const sentBefore = awarenessCounters.sent
    a.provider.awareness.setLocalStateField('user', { name: 'A', color: '#1d4e89' })
    await waitFor(() => b.provider.awareness.getStates().has(a.doc.clientID), 5_000, 'b to see a')
    expect(awarenessCounters.sent - sentBefore).toBe(1)
    expect(bAwarenessFrames).toBe(0)
    const leaveBefore = awarenessCounters.sent
    a.provider.awareness.setLocalState(null)
    expect(awarenessCounters.sent - leaveBefore).toBe(1)
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5_000, 'b to see a leave')
  })
})
