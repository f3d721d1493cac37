/**
 * Worker thread of `sqlite.ts`: copies the write-ahead log into the database file (a WAL
 * checkpoint) on its own connection, so that the event loop of the relay never waits for it.
 *
 * The relay's connection commits with `synchronous = OFF` and syncs the WAL itself, off the
 * event loop; it never checkpoints (`wal_autocheckpoint = 0`). This connection checkpoints with
 * `synchronous = FULL`: SQLite then syncs the WAL before copying it and the database file after,
 * before it lets a writer start the WAL over, so nothing a commit wrote is ever only in a WAL
 * frame that gets overwritten. Plain JavaScript because a worker starts outside the TypeScript
 * loader (`tsx` in `npm start`, Vite's in the tests).
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

/** @type {{ file: string, intervalMs: number }} */
const { file, intervalMs } = workerData
const db = new Database(file)
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')

const checkpoint = () => {
  // PASSIVE: copies what no reader still needs and never blocks the writer.
  db.pragma('wal_checkpoint(PASSIVE)')
}
const timer = setInterval(checkpoint, intervalMs)

parentPort?.on('message', (message) => {
  if (message !== 'close') return
  clearInterval(timer)
  checkpoint()
  db.close()
  parentPort?.close()
})
