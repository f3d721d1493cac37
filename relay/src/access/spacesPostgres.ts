/**
 * The space registry in PostgreSQL, in the same schema as the documents, shared by every relay of a
 * scale-out deployment: a rotation on one relay is what every relay reads next. `get` always asks
 * the database (it runs once per connection or HTTP request, not per frame): a cached version could
 * let a relay accept a token another relay just revoked. Only the existence of a space is cached,
 * because spaces are never deleted and `ensure` runs before every write.
 */
import pg from 'pg'
import { LOCK_NAMESPACE, quoteIdentifier } from '../storage/postgres.ts'
import type { SpaceRecord, SpaceRegistry } from './spaces.ts'

export interface PostgresSpaceRegistryOptions {
  readonly connectionString: string
  /** Schema of the tables (created if missing), as for `storage/postgres.ts`. */
  readonly schema?: string
}

interface Row {
  space: string
  version: number
  public_read: boolean
}

const toRecord = (row: Row): SpaceRecord => ({
  space: row.space,
  version: row.version,
  publicRead: row.public_read,
})

/** Relays starting together take turns creating the tables (as the document store does). */
const createTables = async (pool: pg.Pool, s: string): Promise<void> => {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE])
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`)
    await client.query(`CREATE TABLE IF NOT EXISTS ${s}.spaces (
      space TEXT PRIMARY KEY,
      version INTEGER NOT NULL,
      public_read BOOLEAN NOT NULL DEFAULT false,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

export const openPostgresSpaceRegistry = async (
  options: PostgresSpaceRegistryOptions,
): Promise<SpaceRegistry> => {
  const s = quoteIdentifier(options.schema ?? 'public')
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 4 })
  // An idle client whose connection dropped (database restart) is replaced at the next query.
  pool.on('error', () => undefined)
  try {
    await createTables(pool, s)
  } catch (error) {
    await pool.end()
    throw error
  }
  const known = new Set<string>()

  return {
    get: async (space) => {
      const result = await pool.query<Row>(
        `SELECT space, version, public_read FROM ${s}.spaces WHERE space = $1`,
        [space],
      )
      const row = result.rows[0]
      return row ? toRecord(row) : null
    },
    ensure: async (space, options = {}) => {
      if (known.has(space)) return
      await pool.query(
        `INSERT INTO ${s}.spaces (space, version, public_read) VALUES ($1, 1, $2) ON CONFLICT (space) DO NOTHING`,
        [space, options.publicRead === true],
      )
      known.add(space)
    },
    rotate: async (space) => {
      // One statement: two relays rotating at once get two successive versions.
      const result = await pool.query<Row>(
        `UPDATE ${s}.spaces SET version = version + 1 WHERE space = $1 RETURNING space, version, public_read`,
        [space],
      )
      const row = result.rows[0]
      if (!row) throw new Error(`unknown space ${space}`)
      return toRecord(row)
    },
    close: () => pool.end(),
  }
}
