/**
 * Scale-out mode: 3 relay processes share one PostgreSQL schema and a Redis of the test's own
 * (`helpers/redisServer.ts`). Clients spread over them type in the same room while one relay is
 * killed (SIGKILL) and restarted, while Redis drops the relays' pub/sub connections, and while Redis
 * itself is killed and started again on the same port (messages published meanwhile are lost: the
 * relays must recover them from PostgreSQL). At the end every replica holds every keystroke and
 * PostgreSQL holds the same state.
 */
import { Redis } from 'ioredis'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadOrCreateRelayKeyPostgres } from '../../relay/src/access/relayKeyPostgres.ts'
import { mintToken } from '../../relay/src/access/tokens.ts'
import { openPostgresStorage } from '../../relay/src/storage/postgres.ts'
import { type RedisProcess, startRedis } from '../helpers/redisServer.ts'
import { type RelayHandle, startRelay } from '../helpers/relay.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createClients, type SyncedClient } from '../helpers/yclient.ts'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schema = `kenlabour_scale_${process.pid}_${Date.now()}`
const relayArgs = (redisUrl: string): string[] => [
  '--no-seed',
  '--storage',
  'postgres',
  '--database-url',
  DATABASE_URL,
  '--database-schema',
  schema,
  '--redis-url',
  redisUrl,
  // Compacts often, so that relays fold each other's updates while others keep appending.
  '--compact-after',
  '15',
]
const ROOM = 'scale/Room'

let redis: RedisProcess | undefined
const relays: RelayHandle[] = []
const clients = createClients()

afterAll(async () => {
  clients.destroyAll()
  await Promise.all(relays.map((r) => r.stop()))
  await redis?.stop()
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
})

const text = (c: SyncedClient): string => c.doc.getText('t').toString()
const count = (output: string, line: string): number => output.split(line).length - 1
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('several relays sharing PostgreSQL and Redis', () => {
  it('converges with every keystroke through a relay crash, dropped connections and a Redis restart', async () => {
    redis = await startRedis()
    const args = relayArgs(redis.url)
    for (let i = 0; i < 3; i++) relays.push(await startRelay({ args }))
    const key = await loadOrCreateRelayKeyPostgres(DATABASE_URL, schema)
    const token = await mintToken(key, { space: 'scale', role: 'admin', ver: 1 })

    const writers: SyncedClient[] = []
    for (let i = 0; i < 6; i++)
      writers.push(await clients.connectSynced(relays[i % 3]!, ROOM, new Y.Doc(), token))
    const typed: string[] = []
    const typeOnce = (round: string, k: number): void => {
      for (const [i, w] of writers.entries()) {
        const stroke = `[${round}${i}.${k}]`
        const t = w.doc.getText('t')
        t.insert(t.length, stroke)
        typed.push(stroke)
      }
    }
    const typeRound = async (round: string, count: number): Promise<void> => {
      for (let k = 0; k < count; k++) {
        typeOnce(round, k)
        // Lets frames flow between keystrokes, as a person typing would.
        await pause(5)
      }
    }
    /** Types until `done()` holds (a fault and its recovery happen meanwhile). */
    const typeUntil = async (round: string, done: () => boolean): Promise<void> => {
      for (let k = 0; !done(); k++) {
        typeOnce(round, k)
        await pause(5)
      }
    }
    const converged = (): boolean => {
      const first = text(writers[0]!)
      return writers.every((w) => text(w) === first) && typed.every((s) => first.includes(s))
    }

    await typeRound('a', 10)
    await waitFor(converged, 20_000, 'replicas to converge before faults')

    // A relay crashes while everyone types; its clients keep typing offline, then it comes back.
    const crashed = relays[2]!
    const killed = crashed.kill()
    await Promise.all([typeRound('b', 10), killed])
    relays[2] = await startRelay({ port: crashed.port, args })
    await typeRound('c', 10)
    // Its clients are back (so the restarted relay has the room loaded and subscribed).
    await waitFor(
      () => writers.every((w) => w.provider.synced),
      15_000,
      'clients of the restarted relay to resync',
    )

    // Every relay loses its Redis subscriber connection; messages published meanwhile are lost.
    const admin = new Redis(redis.url)
    try {
      expect(await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(3)
    } finally {
      admin.disconnect()
    }
    await typeRound('d', 10)
    await waitFor(
      () => relays.every((r) => count(r.output(), 'Redis subscriber reconnected') === 1),
      10_000,
      'every relay to notice its lost subscriber connection',
    )

    // Redis itself crashes while everyone types, and comes back empty on the same port.
    let recovered = false
    const typing = typeUntil('e', () => recovered)
    await redis.stop('SIGKILL')
    await waitFor(
      () => relays.every((r) => count(r.output(), 'Redis error') > 0),
      10_000,
      'every relay to notice that Redis is gone',
    )
    // Ten more rounds of keystrokes are typed while Redis is away, none of them published.
    const typedBeforeRestart = typed.length + 6 * 10
    await waitFor(() => typed.length >= typedBeforeRestart, 10_000, 'typing while Redis is away')
    await redis.start()
    await waitFor(
      () =>
        relays.every(
          (r) =>
            count(r.output(), 'Redis subscriber reconnected') === 2 &&
            count(r.output(), 'Redis publisher reconnected') >= 1,
        ),
      20_000,
      'every relay to reconnect to the restarted Redis',
    )
    recovered = true
    await typing
    await typeRound('f', 10)

    await waitFor(converged, 30_000, 'every replica to hold every keystroke')
    expect(typed.length).toBeGreaterThan(6 * 50)

    // PostgreSQL holds the same state, once every relay has stored what its clients sent.
    const storage = await openPostgresStorage({ connectionString: DATABASE_URL, schema })
    try {
      const stored = async (): Promise<string> => {
        const doc = new Y.Doc()
        for (const update of (await storage.loadUpdates(ROOM)).updates) Y.applyUpdate(doc, update)
        return doc.getText('t').toString()
      }
      let last = ''
      await waitFor(
        async () => {
          last = await stored()
          return last === text(writers[0]!)
        },
        20_000,
        'PostgreSQL to hold the converged state',
      )
      for (const stroke of typed) expect(last).toContain(stroke)
    } finally {
      await storage.close()
    }
  }, 120_000)
})
