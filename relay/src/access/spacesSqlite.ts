/**
 * The space registry in the relay's SQLite file, next to the documents, so that one backup holds
 * both. One relay owns the file, so records are cached in memory; the `kenlabour` CLI and
 * `npm run token` open the same file when the relay is stopped.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILE } from '../storage/sqlite.ts'
import type { SpaceRecord, SpaceRegistry } from './spaces.ts'

interface Row {
  space: string
  version: number
  public_read: number
}

const toRecord = (row: Row): SpaceRecord => ({
  space: row.space,
  version: row.version,
  publicRead: row.public_read === 1,
})

export const openSqliteSpaceRegistry = (dataDir: string): SpaceRegistry => {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, SQLITE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('busy_timeout = 5000')
  db.exec(`CREATE TABLE IF NOT EXISTS spaces (
    space TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    public_read INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  )`)
  const select = db.prepare<[string], Row>('SELECT space, version, public_read FROM spaces WHERE space = ?')
  const insert = db.prepare<[string, number, number]>(
    'INSERT OR IGNORE INTO spaces (space, version, public_read, created_at) VALUES (?, 1, ?, ?)',
  )
  const bump = db.prepare<[string]>('UPDATE spaces SET version = version + 1 WHERE space = ?')
  const cache = new Map<string, SpaceRecord>()

  const get = (space: string): SpaceRecord | null => {
    const cached = cache.get(space)
    if (cached) return cached
    const row = select.get(space)
    if (!row) return null
    const record = toRecord(row)
    cache.set(space, record)
    return record
  }
  return {
    get: async (space) => get(space),
    ensure: async (space, options = {}) => {
      if (get(space)) return
      insert.run(space, options.publicRead ? 1 : 0, Date.now())
    },
    rotate: async (space) => {
      cache.delete(space)
      if (bump.run(space).changes === 0) throw new Error(`unknown space ${space}`)
      return get(space)!
    },
    close: async () => {
      if (db.open) db.close()
    },
  }
}
