/**
 * The registry of spaces: for each space its secret version (bumped to revoke every token minted
 * before) and whether anyone may read it without a token. Kept in the relay's SQLite file, next to
 * the documents, so that one backup holds both. A space with no row does not exist yet.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { SQLITE_FILE } from '../storage/sqlite.ts'

export interface SpaceRecord {
  readonly space: string
  /** Tokens must carry exactly this version. */
  readonly version: number
  readonly publicRead: boolean
}

export interface SpaceRegistry {
  get(space: string): SpaceRecord | null
  /** Creates the space (version 1) if it does not exist; returns its record. */
  ensure(space: string, options?: { publicRead?: boolean }): SpaceRecord
  /** Bumps the secret version: every token of an older version stops working. */
  rotate(space: string): SpaceRecord
  close(): void
}

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

export const openSpaceRegistry = (dataDir: string): SpaceRegistry => {
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
    get,
    ensure: (space, options = {}) => {
      const existing = get(space)
      if (existing) return existing
      insert.run(space, options.publicRead ? 1 : 0, Date.now())
      return get(space)!
    },
    rotate: (space) => {
      cache.delete(space)
      if (bump.run(space).changes === 0) throw new Error(`unknown space ${space}`)
      return get(space)!
    },
    close: () => {
      if (db.open) db.close()
    },
  }
}
