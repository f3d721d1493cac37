/**
 * `DocStorage` on SQLite (better-sqlite3) in `<data dir>/kenlabour.sqlite`, in WAL mode. An append
 * resolves only once its transaction is committed and the WAL file is fsync'd (`fdatasync`), so an
 * acknowledged append survives a killed process and a power failure.
 *
 * The fsync runs off the event loop. SQLite's own (`synchronous = FULL`) is a blocking call inside
 * the commit: on this 2-core machine 0.5 to 4 ms at every commit, during which no frame is relayed,
 * and the largest cause of the relay's latency tail in the standard benchmark (p99 40 ms, against
 * 26 ms without it). So this connection commits with `synchronous = OFF` (the commit only writes
 * to the WAL file) and the promises of a commit resolve when `fdatasync` of the WAL file, run on
 * libuv's thread pool, returns. Checkpoints, which copy the WAL into the database file and may
 * start the WAL over, are never run by this connection (`wal_autocheckpoint = 0`) but by a worker
 * thread with `synchronous = FULL` (`sqliteCheckpointer.mjs`): SQLite syncs the database file
 * before it lets the WAL be overwritten. Closing switches back to `FULL`, as SQLite checkpoints
 * and deletes the WAL when the last connection closes.
 *
 * Group commit keeps commits few: every append requested during one turn of the event loop goes
 * into a single transaction, commits are at least `commitWindowMs` apart (appends meanwhile join
 * the next one), and commits that end while an fsync runs share the next one. The window (50 ms)
 * trades "durable up to" latency, which only the sender's "saved on the server" mark waits for
 * (other peers get updates before the commit: relay/PROTOCOL.md), for fewer commits: each one
 * writes whole pages to the WAL, whatever the number of updates in it. In a workshop (one fiche,
 * 30 people, 150 updates/s) a 10 ms window committed 1.5 updates at a time and SQLite took 13 % of
 * the relay's CPU; at 50 ms the relay's CPU per keystroke went from 2.4x to 1.6x the bare relay's.
 */
import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { Logger } from 'pino'
import { type ChangedDocs, type DocStorage, StaleCursorError, type StoredUpdates } from './types.ts'

export const SQLITE_FILE = 'kenlabour.sqlite'

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (doc, id);
  CREATE TABLE IF NOT EXISTS snapshots (
    doc TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    up_to INTEGER NOT NULL
  );
`

interface UpdateRow {
  id: number
  data: Buffer
}
interface SnapshotRow {
  data: Buffer
  up_to: number
}

/** Uint8Array views of Buffers, without copying (SQLite returns Buffers). */
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

interface PendingAppend {
  readonly docName: string
  readonly update: Uint8Array
  readonly resolve: (id: number) => void
  readonly reject: (error: unknown) => void
}

export interface SqliteStorageOptions {
  /** Minimum time between two commits (default 50 ms); 0 commits at every turn of the event loop. */
  readonly commitWindowMs?: number
  /** Time between two checkpoints of the WAL into the database file (default 1 s). */
  readonly checkpointIntervalMs?: number
  /** Where a failed checkpoint is reported (default: stderr). */
  readonly log?: Pick<Logger, 'error'>
}

/** Opens (creating if needed) the SQLite store in `dataDir`. */
export const openSqliteStorage = (dataDir: string, options: SqliteStorageOptions = {}): DocStorage => {
  const commitWindowMs = options.commitWindowMs ?? 50
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, SQLITE_FILE)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('busy_timeout = 5000')
  db.exec(SCHEMA)
  // From here on, commits are made durable by `syncCommitted` and checkpoints by the worker.
  db.pragma('synchronous = OFF')
  db.pragma('wal_autocheckpoint = 0')
  // SQLite keeps the WAL file (same inode) while a connection is open: this descriptor stays valid.
  const walFd = openSync(`${file}-wal`, 'r')
  const checkpointer = new Worker(new URL('./sqliteCheckpointer.mjs', import.meta.url), {
    workerData: { file, intervalMs: options.checkpointIntervalMs ?? 1000 },
  })
  checkpointer.unref()
  const checkpointerExited = new Promise((resolve) => checkpointer.once('exit', resolve))
  // A failed checkpoint loses nothing (the WAL keeps it all); it only lets the WAL grow.
  checkpointer.on('error', (error) => {
    if (options.log) options.log.error({ err: error }, 'SQLite checkpoint failed')
    else console.error('SQLite checkpoint failed:', error)
  })

  const selectSnapshot = db.prepare<[string], SnapshotRow>('SELECT data, up_to FROM snapshots WHERE doc = ?')
  const selectUpdates = db.prepare<[string, number], UpdateRow>(
    'SELECT id, data FROM updates WHERE doc = ? AND id > ? ORDER BY id',
  )
  const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO updates (doc, data) VALUES (?, ?)')
  const upsertSnapshot = db.prepare<[string, Uint8Array, number]>(
    `INSERT INTO snapshots (doc, data, up_to) VALUES (?, ?, ?)
     ON CONFLICT (doc) DO UPDATE SET data = excluded.data, up_to = excluded.up_to`,
  )
  const deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND id <= ?')
  // Space names never contain '/', and '0' is the character after '/': [space/, space0) is the space.
  const selectDocs = db.prepare<[string, string, string, string], { doc: string }>(
    `SELECT doc FROM snapshots WHERE doc >= ? AND doc < ?
     UNION SELECT DISTINCT doc FROM updates WHERE doc >= ? AND doc < ?
     ORDER BY doc`,
  )

  // AUTOINCREMENT ids are never reused, and one writer commits them in order: the highest id ever
  // given is a cursor below which nothing can still appear. A snapshot's `up_to` is at least the ids
  // it folded in, so a change compacted away before it was asked for is still reported.
  const selectLastId = db.prepare<[], { seq: number }>(
    "SELECT seq FROM sqlite_sequence WHERE name = 'updates'",
  )
  const selectChanged = db.prepare<[number, string, string, number, string, string], { doc: string }>(
    `SELECT doc FROM updates WHERE id > ? AND doc >= ? AND doc < ?
     UNION SELECT doc FROM snapshots WHERE up_to > ? AND doc >= ? AND doc < ?
     ORDER BY doc`,
  )
  const changed = db.transaction((space: string, since: string | null): ChangedDocs => {
    const last = selectLastId.get()?.seq ?? 0
    const from = since === null ? 0 : Number(since)
    if (!Number.isSafeInteger(from) || from < 0 || from > last) throw new StaleCursorError(since ?? '')
    const range = [`${space}/`, `${space}0`] as const
    const names = selectChanged.all(from, ...range, from, ...range).map((r) => r.doc)
    return { names, cursor: String(last) }
  })

  // One read transaction so that a concurrent compaction cannot be seen half done.
  const load = db.transaction((docName: string): StoredUpdates => {
    const snapshot = selectSnapshot.get(docName)
    const rows = selectUpdates.all(docName, snapshot?.up_to ?? 0)
    const updates = rows.map((r) => bytes(r.data))
    if (snapshot) updates.unshift(bytes(snapshot.data))
    return { updates, upToId: rows.at(-1)?.id ?? snapshot?.up_to ?? 0 }
  })

  const replace = db.transaction((docName: string, state: Uint8Array, upToId: number) => {
    const current = selectSnapshot.get(docName)
    // A snapshot never goes backwards: an older state would not contain what a newer one folded in.
    if (current && current.up_to >= upToId) return
    upsertSnapshot.run(docName, state, upToId)
    deleteUpTo.run(docName, upToId)
  })

  const insertBatch = db.transaction((batch: PendingAppend[]): number[] =>
    batch.map((p) => Number(insertUpdate.run(p.docName, p.update).lastInsertRowid)),
  )
  let batch: PendingAppend[] = []
  /** Committed, waiting for the WAL to be synced; with the id each was given. */
  let committed: { readonly append: PendingAppend; readonly id: number }[] = []
  let syncing: Promise<void> | undefined
  let scheduled: NodeJS.Immediate | NodeJS.Timeout | undefined
  let lastCommit = 0

  const schedule = (): void => {
    if (scheduled) return
    const wait = lastCommit + commitWindowMs - performance.now()
    scheduled = wait > 0 ? setTimeout(flush, wait) : setImmediate(flush)
  }

  /** Commits every queued append in one transaction, then settles their promises in order. */
  const flush = (): void => {
    if (scheduled) {
      clearTimeout(scheduled as NodeJS.Timeout)
      clearImmediate(scheduled as NodeJS.Immediate)
    }
    scheduled = undefined
    const current = batch
    batch = []
    if (current.length === 0) return
    let ids: number[]
    try {
      ids = insertBatch(current)
      lastCommit = performance.now()
    } catch (error) {
      for (const p of current) p.reject(error)
      return
    }
    for (const [i, append] of current.entries()) committed.push({ append, id: ids[i]! })
    syncCommitted()
  }

  /**
   * Syncs the WAL file on the thread pool, then settles what was committed before the sync began,
   * in commit order. One sync at a time: commits made meanwhile wait for the next one.
   */
  const syncCommitted = (): void => {
    if (syncing || committed.length === 0) return
    const settling = committed
    committed = []
    syncing = new Promise<void>((done) => {
      fdatasync(walFd, (error) => {
        syncing = undefined
        for (const { append, id } of settling) {
          if (error) append.reject(error)
          else append.resolve(id)
        }
        done()
        syncCommitted()
      })
    })
  }

  /** Finishes the writes, stops the checkpointer, and closes with a final, synced checkpoint. */
  const closeOnce = async (): Promise<void> => {
    flush()
    while (syncing) await syncing
    // Referenced again, or a process with nothing else to do would exit before the worker does.
    checkpointer.ref()
    checkpointer.postMessage('close')
    await checkpointerExited
    closeSync(walFd)
    db.pragma('synchronous = FULL')
    db.close()
  }
  let closing: Promise<void> | undefined

  return {
    loadUpdates: async (docName) => {
      flush()
      return load(docName)
    },
    appendUpdate: (docName, update) =>
      new Promise<number>((resolve, reject) => {
        batch.push({ docName, update, resolve, reject })
        schedule()
      }),
    replaceWithSnapshot: async (docName, state, upToId) => {
      flush()
      replace(docName, state, upToId)
    },
    listDocs: async (space) => {
      const from = `${space}/`
      const to = `${space}0`
      flush()
      return selectDocs.all(from, to, from, to).map((r) => r.doc)
    },
    changedSince: async (space, since) => {
      flush()
      return changed(space, since)
    },
    close: () => (closing ??= closeOnce()),
  }
}
