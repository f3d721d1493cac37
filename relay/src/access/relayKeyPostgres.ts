/**
 * The relay key in PostgreSQL, for several relays sharing one database: they must all sign and
 * check tokens with the same key, so it lives in the shared store instead of each data directory.
 * The first relay to start creates it; `ON CONFLICT DO NOTHING` makes concurrent starts agree.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

/** Reads the shared key, creating it when the schema has none. */
export const loadOrCreateRelayKeyPostgres = async (
  connectionString: string,
  schema: string,
): Promise<Uint8Array> => {
  const s = `"${schema.replaceAll('"', '""')}"`
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    // Concurrent CREATE … IF NOT EXISTS can still collide: relays starting together take turns.
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [0x4b4c])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.relay_key (id INT PRIMARY KEY CHECK (id = 1), key BYTEA NOT NULL)`,
    )
    await client.query(`INSERT INTO ${s}.relay_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING`, [
      randomBytes(32),
    ])
    const result = await client.query<{ key: Buffer }>(`SELECT key FROM ${s}.relay_key WHERE id = 1`)
    await client.query('COMMIT')
    const key = result.rows[0]?.key
    if (!key || key.length < 32) throw new Error(`${schema}.relay_key does not hold a 32-byte key`)
    return new Uint8Array(key)
  } finally {
    await client.end()
  }
}
