/**
 * Group commit for `storage/postgres.ts`, as `storage/sqlite.ts` does for SQLite: the appends
 * requested during one turn of the event loop, and those requested while a commit is in flight,
 * go into a single transaction (one round of BEGIN, lock, INSERT, COMMIT, one WAL flush) instead of
 * one each. Without it, a relay under the standard benchmark load runs one transaction per
 * keystroke and PostgreSQL's CPU, not the relay's, sets the latency. One batch is in flight at a
 * time, so a relay's appends get ids in the order it requested them; each promise resolves only
 * after its batch committed ("durable up to" keeps its meaning).
 *
 * Locking is the single-append rule applied to every document of the batch: shared advisory locks
 * (loads and compactions take them exclusively), taken in one statement in ascending key order, so
 * that two batches never wait for each other in a cycle.
 */
import type pg from 'pg'

export interface GroupCommit {
  append(docName: string, update: Uint8Array): Promise<number>
  /** Resolves once every append requested so far has committed (or failed). */
  drain(): Promise<void>
}

interface PendingAppend {
  readonly docName: string
  readonly update: Uint8Array
  resolve(id: number): void
  reject(error: unknown): void
}

export interface GroupCommitOptions {
  readonly pool: pg.Pool
  /** Quoted schema name. */
  readonly schema: string
  readonly lockNamespace: number
  /** Largest batch (a bound on one statement's size). */
  readonly maxBatch?: number
}

export const createGroupCommit = (options: GroupCommitOptions): GroupCommit => {
  const { pool, schema: s, lockNamespace } = options
  const maxBatch = options.maxBatch ?? 1_000
  let queue: PendingAppend[] = []
  let committing = false
  let scheduled = false
  const drained: (() => void)[] = []

  const insert = async (batch: PendingAppend[]): Promise<number[]> => {
    const docs = batch.map((p) => p.docName)
    const data = batch.map((p) => Buffer.from(p.update.buffer, p.update.byteOffset, p.update.byteLength))
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(
        `SELECT pg_advisory_xact_lock_shared($1, key)
         FROM (SELECT DISTINCT hashtext(doc) AS key FROM unnest($2::text[]) AS doc ORDER BY key) AS keys`,
        [lockNamespace, docs],
      )
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO ${s}.updates (doc, data)
         SELECT doc, data FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS u(doc, data, n)
         ORDER BY n RETURNING id`,
        [docs, data],
      )
      await client.query('COMMIT')
      // Ids are drawn in insertion order (ORDER BY n); sorting makes that explicit.
      return inserted.rows.map((r) => Number(r.id)).sort((a, b) => a - b)
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  const pump = (): void => {
    if (committing) return
    if (queue.length === 0) {
      for (const resolve of drained.splice(0)) resolve()
      return
    }
    committing = true
    const batch = queue.slice(0, maxBatch)
    queue = queue.slice(batch.length)
    insert(batch)
      .then(
        (ids) => {
          for (const [i, p] of batch.entries()) p.resolve(ids[i]!)
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error)
        },
      )
      .finally(() => {
        committing = false
        pump()
      })
      .catch(() => undefined)
  }

  return {
    append: (docName, update) =>
      new Promise<number>((resolve, reject) => {
        queue.push({ docName, update, resolve, reject })
        // The rest of this turn's appends join the same batch.
        if (scheduled) return
        scheduled = true
        setImmediate(() => {
          scheduled = false
          pump()
        })
      }),
    drain: () =>
      queue.length === 0 && !committing
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            drained.push(resolve)
          }),
  }
}
