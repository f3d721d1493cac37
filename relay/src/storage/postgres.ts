/**
 * `DocStorage` on PostgreSQL (`pg`), shared by every relay of a scale-out deployment. Updates are
 * appended to one table with a bigserial id; a snapshot replaces the updates it folded in, in one
 * transaction. A per-document advisory lock coordinates relays: appends hold it shared, loads and
 * compactions exclusively. That matters because sequence ids can commit out of order: without the
 * lock a load could see id 10 committed while id 9 is still in flight, and a compaction up to 10
 * would then delete update 9 without having folded it in.
 */
import pg from 'pg'
import { createGroupCommit } from './postgresGroupCommit.ts'
import { type DocStorage, StaleCursorError, type StoredUpdates } from './types.ts'

export interface PostgresStorageOptions {
  /** `postgres://…` connection string. */
  readonly connectionString: string
  /** Schema holding the tables (created if missing), so tests and deployments can share a database. */
  readonly schema?: string
  /**
   * Commits the appends requested together in one transaction (`postgresGroupCommit.ts`); what the
   * relays use. Off: one transaction per append.
   */
  readonly groupCommit?: boolean
}

/** First key of the two-key advisory locks: keeps ours apart from other users of the database. */
export const LOCK_NAMESPACE = 0x4b4c // "KL"

/** Quotes an SQL identifier (schema names come from configuration, never from clients). */
export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** Keep `snapshots_by_xid` last: `openPostgresStorage` takes its existence for "all set up". */
const schemaSql = (s: string): string => `
  CREATE SCHEMA IF NOT EXISTS ${s};
  CREATE TABLE IF NOT EXISTS ${s}.updates (
    id BIGSERIAL PRIMARY KEY,
    doc TEXT COLLATE "C" NOT NULL,
    data BYTEA NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_doc ON ${s}.updates (doc, id);
  CREATE TABLE IF NOT EXISTS ${s}.snapshots (
    doc TEXT COLLATE "C" PRIMARY KEY,
    data BYTEA NOT NULL,
    up_to BIGINT NOT NULL
  );
  ALTER TABLE ${s}.updates ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT pg_current_xact_id();
  ALTER TABLE ${s}.snapshots ADD COLUMN IF NOT EXISTS xid xid8 NOT NULL DEFAULT pg_current_xact_id();
  CREATE INDEX IF NOT EXISTS updates_by_xid ON ${s}.updates (xid);
  CREATE INDEX IF NOT EXISTS snapshots_by_xid ON ${s}.snapshots (xid);
`

/** Uint8Array views of Buffers, without copying (`pg` returns Buffers for bytea). */
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

/** Runs `work` in a transaction on one pooled client, rolling back on error. */
const inTransaction = async <T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** Opens the store, creating the schema and tables if needed. */
export const openPostgresStorage = async (options: PostgresStorageOptions): Promise<DocStorage> => {
  const s = quoteIdentifier(options.schema ?? 'public')
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 10 })
  // Several relays may start at once: serialize the CREATE IF NOT EXISTS statements.
  await inTransaction(pool, async (client) => {
    // Set up already (the last index of `schemaSql` exists): skip the DDL, which takes table locks
    // even when it changes nothing, and deadlocks with the appends and compactions of the relays
    // already running (seen when a relay restarts beside two busy ones).
    const ready = await client.query<{ ready: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ready', [
      `${s}.snapshots_by_xid`,
    ])
    if (ready.rows[0]?.ready) return
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_NAMESPACE])
    await client.query(schemaSql(s))
  })

  const lockShared = (client: pg.PoolClient, docName: string) =>
    client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [LOCK_NAMESPACE, docName])
  const lockExclusive = (client: pg.PoolClient, docName: string) =>
    client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE, docName])
  const group = options.groupCommit
    ? createGroupCommit({ pool, schema: s, lockNamespace: LOCK_NAMESPACE })
    : undefined

  return {
    loadUpdates: (docName) =>
      inTransaction(pool, async (client): Promise<StoredUpdates> => {
        // Waits for in-flight appends, so every id below the last one seen is committed.
        await lockExclusive(client, docName)
        const snapshot = await client.query<{ data: Buffer; up_to: string }>(
          `SELECT data, up_to FROM ${s}.snapshots WHERE doc = $1`,
          [docName],
        )
        const snap = snapshot.rows[0]
        const rows = await client.query<{ id: string; data: Buffer }>(
          `SELECT id, data FROM ${s}.updates WHERE doc = $1 AND id > $2 ORDER BY id`,
          [docName, snap?.up_to ?? '0'],
        )
        const updates = rows.rows.map((r) => bytes(r.data))
        if (snap) updates.unshift(bytes(snap.data))
        return { updates, upToId: Number(rows.rows.at(-1)?.id ?? snap?.up_to ?? 0) }
      }),
    appendUpdate: group
      ? group.append
      : (docName, update) =>
          inTransaction(pool, async (client) => {
            await lockShared(client, docName)
            const inserted = await client.query<{ id: string }>(
              `INSERT INTO ${s}.updates (doc, data) VALUES ($1, $2) RETURNING id`,
              [docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength)],
            )
            return Number(inserted.rows[0]!.id)
          }),
    replaceWithSnapshot: (docName, state, upToId) =>
      inTransaction(pool, async (client) => {
        await lockExclusive(client, docName)
        const current = await client.query<{ up_to: string }>(
          `SELECT up_to FROM ${s}.snapshots WHERE doc = $1`,
          [docName],
        )
        // A snapshot never goes backwards: an older state would not contain what a newer one folded in.
        if (current.rows[0] && Number(current.rows[0].up_to) >= upToId) return
        await client.query(
          `INSERT INTO ${s}.snapshots (doc, data, up_to) VALUES ($1, $2, $3)
           ON CONFLICT (doc) DO UPDATE SET data = excluded.data, up_to = excluded.up_to, xid = excluded.xid`,
          [docName, Buffer.from(state.buffer, state.byteOffset, state.byteLength), upToId],
        )
        await client.query(`DELETE FROM ${s}.updates WHERE doc = $1 AND id <= $2`, [docName, upToId])
      }),
    listDocs: async (space) => {
      // Space names never contain '/', and '0' is the character after '/': [space/, space0) is the space.
      const result = await pool.query<{ doc: string }>(
        `SELECT doc FROM ${s}.snapshots WHERE doc >= $1 AND doc < $2
         UNION SELECT DISTINCT doc FROM ${s}.updates WHERE doc >= $1 AND doc < $2
         ORDER BY doc`,
        [`${space}/`, `${space}0`],
      )
      return result.rows.map((r) => r.doc)
    },
    changedSince: async (space, since) => {
      // Ids commit out of order here, so the cursor is a transaction id instead: the oldest one
      // still running when the query's snapshot was taken (every older one has finished), and a
      // change is "since" when the transaction that wrote it is not older than that. One statement,
      // so the cursor and the rows come from the same snapshot. A compaction writes the snapshot
      // after the updates it folds in committed, hence with a newer transaction id.
      if (since !== null && !/^\d{1,20}$/.test(since)) throw new StaleCursorError(since)
      const result = await pool.query<{ cursor: string; stale: boolean; names: string[] }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS cursor,
                $1::xid8 > pg_snapshot_xmax(pg_current_snapshot()) AS stale,
                ARRAY(SELECT doc FROM ${s}.updates WHERE xid >= $1::xid8 AND doc >= $2 AND doc < $3
                      UNION SELECT doc FROM ${s}.snapshots WHERE xid >= $1::xid8 AND doc >= $2 AND doc < $3
                      ORDER BY doc) AS names`,
        [since ?? '0', `${space}/`, `${space}0`],
      )
      const row = result.rows[0]!
      if (row.stale) throw new StaleCursorError(since ?? '')
      return { names: row.names, cursor: row.cursor }
    },
    close: async () => {
      await group?.drain()
      await pool.end()
    },
  }
}
