/** The storage contract against the SQLite backend, on a real file in a temp directory. */
import { copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openSqliteStorage, SQLITE_FILE } from '../../relay/src/storage/sqlite.ts'
import { tempDataDir } from '../helpers/relay.ts'
import { runStorageContract } from './storageContract.ts'

let dir = ''
runStorageContract('sqlite', {
  open: async () => {
    dir = tempDataDir()
    return openSqliteStorage(dir)
  },
  reopen: async () => openSqliteStorage(dir),
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Rows of `updates` in the database file alone, as a copy without its WAL would show them. */
const rowsInDatabaseFile = (dataDir: string): number => {
  const copyDir = mkdtempSync(join(tmpdir(), 'kenlabour-dbfile-'))
  copyFileSync(join(dataDir, SQLITE_FILE), join(copyDir, SQLITE_FILE))
  const db = new Database(join(copyDir, SQLITE_FILE), { readonly: true })
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'updates'").get()
    return table ? db.prepare<[], { n: number }>('SELECT count(*) AS n FROM updates').get()!.n : 0
  } finally {
    db.close()
  }
}

/** Waits (up to 5 s) for the database file to hold `rows` updates; returns what it holds. */
const untilRowsInDatabaseFile = async (dataDir: string, rows: number): Promise<number> => {
  let found = rowsInDatabaseFile(dataDir)
  for (let waited = 0; found < rows && waited < 5_000; waited += 50) {
    await sleep(50)
    found = rowsInDatabaseFile(dataDir)
  }
  return found
}

describe('SQLite WAL upkeep', () => {
  it('checkpoints committed appends into the database file from its worker thread', async () => {
    const dataDir = tempDataDir()
    const storage = openSqliteStorage(dataDir, { checkpointIntervalMs: 20 })
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => storage.appendUpdate('space/doc', new Uint8Array([i]))),
    )
    // The relay's own connection never checkpoints: only the worker can have copied the rows.
    expect(await untilRowsInDatabaseFile(dataDir, 50)).toBe(50)
    await storage.close()
  })

  it('starts the WAL over once checkpointed, so that it does not grow with what is appended', async () => {
    const dataDir = tempDataDir()
    const storage = openSqliteStorage(dataDir, { commitWindowMs: 0, checkpointIntervalMs: 20 })
    const wal = join(dataDir, `${SQLITE_FILE}-wal`)
    const update = new Uint8Array(2_000).fill(7)
    const appendRound = () =>
      Promise.all(Array.from({ length: 20 }, () => storage.appendUpdate('space/doc', update)))
    await appendRound()
    expect(await untilRowsInDatabaseFile(dataDir, 20)).toBe(20)
    const before = statSync(wal).size
    // 1.2 MB more, in rounds a checkpoint apart: each round can reuse the start of the WAL.
    for (let round = 0; round < 30; round++) {
      await appendRound()
      await sleep(60)
    }
    expect(statSync(wal).size - before).toBeLessThan(300_000)
    // Closing twice at once (a shutdown racing a failure) closes once.
    await Promise.all([storage.close(), storage.close()])
    expect(existsSync(wal)).toBe(false)
    const reopened = openSqliteStorage(dataDir)
    expect((await reopened.loadUpdates('space/doc')).updates).toHaveLength(620)
    await reopened.close()
  })
})
