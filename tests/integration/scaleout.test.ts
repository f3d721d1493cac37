/**
 * Scale-out mode: 3 relay processes share one PostgreSQL schema and one Redis. Clients spread over
 * them type in the same room while one relay is killed (SIGKILL) and restarted, and while Redis
 * drops every pub/sub connection (`CLIENT KILL TYPE pubsub`: the relays' subscribers reconnect,
 * as after a Redis restart, without shutting down a Redis other users of this machine rely on).
 * At the end every replica holds every keystroke and PostgreSQL holds the same state.
 */
import { execFileSync } from 'node:child_process'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadOrCreateRelayKeyPostgres } from '../../relay/src/access/relayKeyPostgres.ts'
import { mintToken } from '../../relay/src/access/tokens.ts'
import { openPostgresStorage } from '../../relay/src/storage/postgres.ts'
import { type RelayHandle, startRelay, tempDataDir } from '../helpers/relay.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createClients, type SyncedClient } from '../helpers/yclient.ts'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const schema = `kenlabour_scale_${process.pid}_${Date.now()}`
// The space registry stays in the data directory (see relay/README.md): the relays share one here.
const dataDir = tempDataDir()
const relayArgs = [
  '--no-seed',
  '--storage',
  'postgres',
  '--database-url',
  DATABASE_URL,
  '--database-schema',
  schema,
  '--redis-url',
  REDIS_URL,
  // Compacts often, so that relays fold each other's updates while others keep appending.
  '--compact-after',
  '15',
]
const ROOM = 'scale/Room'

const relays: RelayHandle[] = []
const clients = createClients()

afterAll(async () => {
  clients.destroyAll()
  await Promise.all(relays.map((r) => r.stop()))
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
})

const text = (c: SyncedClient): string => c.doc.getText('t').toString()

describe('several relays sharing PostgreSQL and Redis', () => {
  it('converges with every keystroke through a relay crash and dropped Redis connections', async () => {
    for (let i = 0; i < 3; i++) relays.push(await startRelay({ dataDir, args: relayArgs }))
    const key = await loadOrCreateRelayKeyPostgres(DATABASE_URL, schema)
    const token = await mintToken(key, { space: 'scale', role: 'admin', ver: 1 })

    const writers: SyncedClient[] = []
    for (let i = 0; i < 6; i++)
      writers.push(await clients.connectSynced(relays[i % 3]!, ROOM, new Y.Doc(), token))
    const typed: string[] = []
    const typeRound = async (round: string, count: number): Promise<void> => {
      for (let k = 0; k < count; k++) {
        for (const [i, w] of writers.entries()) {
          const stroke = `[${round}${i}.${k}]`
          const t = w.doc.getText('t')
          t.insert(t.length, stroke)
          typed.push(stroke)
        }
        // Lets frames flow between keystrokes, as a person typing would.
        await new Promise((resolve) => setTimeout(resolve, 5))
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
    relays[2] = await startRelay({ dataDir, port: crashed.port, args: relayArgs })
    await typeRound('c', 10)
    // Its clients are back (so the restarted relay has the room loaded and subscribed).
    await waitFor(
      () => writers.every((w) => w.provider.synced),
      15_000,
      'clients of the restarted relay to resync',
    )

    // Every relay loses its Redis subscriber connection; messages published meanwhile are lost.
    const dropped = execFileSync('redis-cli', [
      '-h',
      '127.0.0.1',
      '-p',
      '6379',
      'client',
      'kill',
      'type',
      'pubsub',
    ])
    // At least our 3 subscribers (other processes on this machine may have some too).
    expect(Number(dropped.toString().trim())).toBeGreaterThanOrEqual(3)
    await typeRound('d', 10)
    await waitFor(
      () => relays.every((r) => r.output().includes('Redis subscriber reconnected')),
      10_000,
      'every relay to notice its lost subscriber connection',
    )

    await waitFor(converged, 30_000, 'every replica to hold every keystroke')
    expect(typed).toHaveLength(6 * 40)

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
