/**
 * The relay's trust features in scale-out mode (2 relays, PostgreSQL, a Redis of the test's own).
 * Revocation across relays: the space registry lives in PostgreSQL and rotations
 * are announced on Redis, so rotating a space's secret through relay A closes, on relay B, the
 * sockets opened with a token of the old version (close code 4403, "token revoked"); B refuses the
 * old token and accepts the new one. The admin token comes from `npm run token --database-url`. Also: a notice lost while B's subscriber was away is recovered
 * when it reconnects (B re-reads the registry for every space it has sockets in).
 * Limits and metrics work per relay as in single mode. Acknowledged durability: "durable up to"
 * comes after the PostgreSQL commit, so a relay killed the moment it acknowledged loses nothing.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { CloseCode } from '@kenlabour/shared/closeCodes'
import * as encoding from 'lib0/encoding'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadOrCreateRelayKeyPostgres } from '../../relay/src/access/relayKeyPostgres.ts'
import { mintToken } from '../../relay/src/access/tokens.ts'
import { openPostgresStorage } from '../../relay/src/storage/postgres.ts'
import { connectDurable, type DurableClient } from '../helpers/durableClient.ts'
import { openRaw } from '../helpers/rawSocket.ts'
import { type RedisProcess, startRedis } from '../helpers/redisServer.ts'
import { type RelayHandle, ROOT, startRelay } from '../helpers/relay.ts'
import { waitFor } from '../helpers/waitFor.ts'
import { createClients } from '../helpers/yclient.ts'

const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schema = `kenlabour_revoke_${process.pid}_${Date.now()}`

let redis: RedisProcess
let a: RelayHandle
let b: RelayHandle
let key: Uint8Array
let args: string[]
const clients = createClients()
const durables: DurableClient[] = []

beforeAll(async () => {
  redis = await startRedis()
  args = [
    '--no-seed',
    '--max-frame-bytes',
    '4096',
    '--storage',
    'postgres',
    '--database-url',
    DATABASE_URL,
    '--database-schema',
    schema,
    '--redis-url',
    redis.url,
  ]
  ;[a, b] = await Promise.all([startRelay({ args }), startRelay({ args })])
  key = await loadOrCreateRelayKeyPostgres(DATABASE_URL, schema)
}, 60_000)

afterAll(async () => {
  clients.destroyAll()
  for (const d of durables) d.destroy()
  await Promise.all([a?.stop(), b?.stop()])
  await redis?.stop()
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
})

const rotate = async (relay: RelayHandle, space: string, token: string) => {
  const response = await fetch(`${relay.url}/api/spaces/${space}/rotate?token=${encodeURIComponent(token)}`, {
    method: 'POST',
  })
  expect(response.status).toBe(200)
  return (await response.json()) as { version: number; token: string; closed: number }
}

/** A sync-protocol update frame inserting `text`. */
const updateFrame = (text: string): Uint8Array => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc))
  return encoding.toUint8Array(encoder)
}

const syncUrl = (relay: RelayHandle, doc: string, token: string) =>
  `${relay.wsUrl}/sync/${doc}?token=${encodeURIComponent(token)}`

describe('trust features with several relays', () => {
  it('rotating on relay A closes the old-token sockets on relay B; the new token works on B', async () => {
    const space = 'crossrev'
    // The admin's link as an operator gets it: `npm run token` against the shared database.
    const admin = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'relay/src/tokenCli.ts'),
        ...['--space', space, '--role', 'admin', '--database-url', DATABASE_URL, '--database-schema', schema],
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    ).trim()
    const editor = await mintToken(key, { space, role: 'editor', ver: 1 })
    // An editor writes through B (which creates the space in the shared registry) and stays connected.
    const writer = await clients.connectSynced(b, `${space}/Doc`, new Y.Doc(), editor)
    writer.doc.getText('t').insert(0, 'before rotation')
    const onA = await clients.connectSynced(a, `${space}/Doc`, new Y.Doc(), editor)
    await waitFor(() => onA.doc.getText('t').toString() === 'before rotation', 10_000, 'A to see B’s write')

    const rotated = await rotate(a, space, admin)
    // A closed its own socket; B hears of the rotation on Redis and closes its own.
    expect(rotated).toMatchObject({ version: 2, closed: 1 })
    for (const [where, client] of [
      ['A', onA],
      ['B', writer],
    ] as const)
      await waitFor(
        () => client.closes.some((c) => c.code === CloseCode.Forbidden && c.reason === 'token revoked'),
        10_000,
        `the old-token socket on relay ${where} to be closed with 4403`,
      )

    // B reads the registry from PostgreSQL: the old token is refused, the new one accepted.
    const refused = await openRaw(syncUrl(b, `${space}/Doc`, editor), { defaultToken: false })
    expect(await refused.closed).toMatchObject({ code: CloseCode.Forbidden, reason: 'token revoked' })
    const again = await clients.connectSynced(b, `${space}/Doc`, new Y.Doc(), rotated.token)
    expect(again.doc.getText('t').toString()).toBe('before rotation')
  }, 60_000)

  it('recovers a rotation notice lost while the subscriber of relay B was disconnected', async () => {
    const space = 'lostnotice'
    const admin = await mintToken(key, { space, role: 'admin', ver: 1 })
    const onB = await clients.connectSynced(b, `${space}/Doc`, new Y.Doc(), admin)
    onB.doc.getText('t').insert(0, 'x')
    await waitFor(() => onB.provider.synced, 10_000, 'B synced')
    const reconnectsBefore = b.output().split('Redis subscriber reconnected').length

    // Redis stops (the notice published by A is lost for everyone), A rotates, Redis comes back.
    await redis.stop('SIGKILL')
    await waitFor(() => b.output().includes('Redis error'), 10_000, 'B to notice that Redis is gone')
    const rotated = await rotate(a, space, admin)
    expect(rotated.version).toBe(2)
    expect(onB.closes).toEqual([])
    await redis.start()
    await waitFor(
      () => b.output().split('Redis subscriber reconnected').length > reconnectsBefore,
      20_000,
      'B to reconnect',
    )
    await waitFor(
      () => onB.closes.some((c) => c.code === CloseCode.Forbidden && c.reason === 'token revoked'),
      10_000,
      'the old-token socket on B to be closed once B is back on Redis',
    )
  }, 60_000)

  it('enforces the frame limit and counts the refusal in /metrics, per relay', async () => {
    const space = 'limited'
    const editor = await mintToken(key, { space, role: 'editor', ver: 1 })
    const raw = await openRaw(syncUrl(b, `${space}/Doc`, editor), { defaultToken: false })
    raw.ws.send(updateFrame('x'.repeat(6000)))
    expect(await raw.closed).toMatchObject({ code: CloseCode.TooLarge, reason: /exceeds 4096/ })
    const metrics = await (await fetch(`${b.url}/metrics`)).text()
    expect(metrics).toMatch(/^kenlabour_rejected_frames_total\{reason="TooLarge"\} [1-9]/m)
  }, 30_000)

  it('acknowledges only what PostgreSQL committed: a relay killed right after its ack loses nothing', async () => {
    const space = 'durable'
    const name = `${space}/Doc`
    const editor = await mintToken(key, { space, role: 'editor', ver: 1 })
    const client = connectDurable(a.wsUrl, name, editor)
    durables.push(client)
    await waitFor(() => client.provider.synced, 10_000, 'synced')
    // The moment the last keystroke is acknowledged, relay A is killed (no graceful flush).
    let killed: Promise<void> | undefined
    client.durability.subscribe(() => {
      const state = client.durability.getState()
      if (state.savedOnServer && state.waiting === 0 && !killed) killed = a.kill()
    })
    const text = client.doc.getText('t')
    for (let i = 0; i < 40; i++) text.insert(text.length, `[${i}]`)
    await waitFor(() => killed !== undefined, 10_000, 'every keystroke acknowledged')
    await killed
    const storage = await openPostgresStorage({ connectionString: DATABASE_URL, schema })
    try {
      const stored = new Y.Doc()
      for (const update of (await storage.loadUpdates(name)).updates) Y.applyUpdate(stored, update)
      expect(stored.getText('t').toString()).toBe(text.toString())
    } finally {
      await storage.close()
    }
    a = await startRelay({ port: a.port, args })
  }, 30_000)
})
