/**
 * Kenlabour in scale-out mode for the benchmarks: N relay processes (started as `npm run relay`
 * starts them, with the same flags as `servers/kenlabour.ts`) sharing a fresh PostgreSQL schema and
 * a Redis of their own (`helpers/redisServer.ts`), all torn down after the run (the schema dropped).
 * The relays' connections to PostgreSQL carry an `application_name` of the run, so the CPU of their
 * database backends can be read from /proc too (`storePids`).
 */
import { rmSync } from 'node:fs'
import pg from 'pg'
import { loadOrCreateRelayKeyPostgres } from '../../../relay/src/access/relayKeyPostgres.ts'
import { mintToken } from '../../../relay/src/access/tokens.ts'
import { type RedisProcess, startRedis } from '../../helpers/redisServer.ts'
import { type RelayHandle, startRelay } from '../../helpers/relay.ts'
import { killOnExit, serverEnv } from './spawn.ts'

export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Every benchmark document lives in this space (`roomName` in scenarios/relaySubject.ts). */
const SPACE = 'bench'

export interface ScaleOutDeployment {
  /** The relay processes. */
  readonly relayPids: readonly number[]
  /** ws URLs of a room on every relay, relay order. */
  urlsFor(room: string): string[]
  /** Redis and the PostgreSQL backends serving the relays right now (they come and go with the pools). */
  storePids(): Promise<number[]>
  /** Names of the documents PostgreSQL holds in the benchmark space. */
  storedDocs(): Promise<string[]>
  output(): string
  stop(): Promise<void>
}

const withParam = (url: string, name: string, value: string): string => {
  const parsed = new URL(url)
  parsed.searchParams.set(name, value)
  return parsed.toString()
}

export const startScaleOut = async (relayCount: number): Promise<ScaleOutDeployment> => {
  const run = `${process.pid}_${Date.now()}`
  const schema = `kenlabour_bench_${run}`
  const appName = `kenlabour-bench-${run}`
  const databaseUrl = withParam(BENCH_DATABASE_URL, 'application_name', appName)
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL })
  await admin.connect()
  let redis: RedisProcess | undefined
  const relays: RelayHandle[] = []
  const forgets: (() => void)[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(relays.map((r) => r.stop()))
    for (const forget of forgets) forget()
    for (const r of relays) rmSync(r.dataDir, { recursive: true, force: true })
    await redis?.stop('SIGTERM')
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await admin.end()
  }
  try {
    redis = await startRedis()
    const redisPid = redis.pid()
    if (redisPid !== null) forgets.push(killOnExit(redisPid))
    const args = [
      '--no-seed',
      '--max-connections-per-ip',
      '1000000',
      '--storage',
      'postgres',
      '--database-url',
      databaseUrl,
      '--database-schema',
      schema,
      '--redis-url',
      redis.url,
    ]
    // One after the other: the first creates the schema, the others find it.
    for (let i = 0; i < relayCount; i++) {
      const relay = await startRelay({ args, env: serverEnv() })
      relays.push(relay)
      forgets.push(killOnExit(relay.process.pid!))
    }
    const key = await loadOrCreateRelayKeyPostgres(BENCH_DATABASE_URL, schema)
    // An editor's link, as in servers/kenlabour.ts; `durable=1` as the browser client asks.
    const token = encodeURIComponent(await mintToken(key, { space: SPACE, role: 'editor', ver: 1 }))
    const running = redis
    return {
      relayPids: relays.map((r) => r.process.pid!),
      urlsFor: (room) => {
        if (!room.startsWith(`${SPACE}/`)) throw new Error(`benchmark documents live in the space ${SPACE}`)
        return relays.map((r) => `${r.wsUrl}/sync/${room}?token=${token}&durable=1`)
      },
      storePids: async () => {
        const backends = await admin.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
          [appName],
        )
        const pid = running.pid()
        return [...(pid === null ? [] : [pid]), ...backends.rows.map((r) => r.pid)]
      },
      storedDocs: async () => {
        const result = await admin.query<{ doc: string }>(
          `SELECT doc FROM "${schema}".snapshots WHERE doc LIKE $1 UNION SELECT doc FROM "${schema}".updates WHERE doc LIKE $1`,
          [`${SPACE}/%`],
        )
        return result.rows.map((r) => r.doc)
      },
      output: () => relays.map((r, i) => `--- relay ${i}\n${r.output().slice(-4_000)}`).join('\n'),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
