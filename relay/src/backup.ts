/**
 * Backup and restore of a data directory as one file.
 *
 * `npm run backup -- --data <dir> --out <file>`: an online, consistent copy of the SQLite database
 * (better-sqlite3's backup API, safe while the relay runs), with the relay key stored inside it
 * (table `backup_relay_key`), since links are worthless without the key that signed them.
 *
 * `npm run restore -- --from <file> --data <dir>`: with the relay stopped, puts the database back
 * (removing stale WAL files) and rewrites the key file (mode 0600). Refuses to overwrite a data
 * directory that already holds a database unless `--force`.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { loadOrCreateRelayKey, relayKeyPath } from './access/relayKey.ts'
import { SQLITE_FILE } from './storage/sqlite.ts'

export const backupDataDir = async (dataDir: string, out: string): Promise<void> => {
  const source = join(dataDir, SQLITE_FILE)
  if (!existsSync(source)) throw new Error(`no database in ${dataDir}`)
  const db = new Database(source, { readonly: true })
  try {
    await db.backup(out)
  } finally {
    db.close()
  }
  const key = loadOrCreateRelayKey(dataDir)
  const copy = new Database(out)
  try {
    copy.exec('CREATE TABLE IF NOT EXISTS backup_relay_key (key TEXT NOT NULL)')
    copy.prepare('DELETE FROM backup_relay_key').run()
    copy.prepare('INSERT INTO backup_relay_key (key) VALUES (?)').run(Buffer.from(key).toString('base64url'))
    copy.pragma('journal_mode = DELETE')
  } finally {
    copy.close()
  }
}

export const restoreDataDir = (from: string, dataDir: string, force = false): void => {
  const target = join(dataDir, SQLITE_FILE)
  if (existsSync(target) && !force) throw new Error(`${target} exists: stop the relay and pass --force`)
  mkdirSync(dataDir, { recursive: true })
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  copyFileSync(from, target)
  const db = new Database(target)
  try {
    const row = db.prepare<[], { key: string }>('SELECT key FROM backup_relay_key').get()
    if (!row) throw new Error(`${from} holds no relay key: not a Kenlabour backup`)
    writeFileSync(relayKeyPath(dataDir), `${row.key}\n`, { mode: 0o600 })
    chmodSync(relayKeyPath(dataDir), 0o600)
    db.exec('DROP TABLE backup_relay_key')
  } finally {
    db.close()
  }
}
