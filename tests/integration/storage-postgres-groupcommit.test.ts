/**
 * The storage contract against the PostgreSQL backend with group commit on, as the relays open it
 * (`storage/openConfigured.ts`), plus what batching must not break: concurrent appends to several
 * documents get distinct ids, increasing in request order per document, all durable once resolved.
 */
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openPostgresStorage } from '../../relay/src/storage/postgres.ts'
import { runStorageContract } from './storageContract.ts'

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schemas: string[] = []
const newSchema = (): string => {
  const schema = `kenlabour_group_${process.pid}_${schemas.length}_${Date.now()}`
  schemas.push(schema)
  return schema
}

runStorageContract('postgres, group commit', {
  open: async () => openPostgresStorage({ connectionString, schema: newSchema(), groupCommit: true }),
  reopen: async () => openPostgresStorage({ connectionString, schema: schemas.at(-1)!, groupCommit: true }),
})

afterAll(async () => {
  const client = new pg.Client({ connectionString })
  await client.connect()
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
})

const keystroke = (doc: Y.Doc, text: string): Uint8Array => {
  let update: Uint8Array | undefined
  const capture = (u: Uint8Array) => {
    update = u
  }
  doc.on('update', capture)
  doc.getText('t').insert(doc.getText('t').length, text)
  doc.off('update', capture)
  return update!
}

describe('PostgreSQL group commit', () => {
  it('stores 600 concurrent appends to 6 documents in request order, while another store compacts', async () => {
    const schema = newSchema()
    const storage = await openPostgresStorage({ connectionString, schema, groupCommit: true })
    const other = await openPostgresStorage({ connectionString, schema, groupCommit: true })
    try {
      const docs = Array.from({ length: 6 }, () => new Y.Doc())
      const pending: Promise<number>[][] = docs.map(() => [])
      const compactions: Promise<void>[] = []
      for (let k = 0; k < 100; k++) {
        for (const [i, doc] of docs.entries())
          pending[i]!.push(storage.appendUpdate(`g/Doc${i}`, keystroke(doc, `[${i}.${k}]`)))
        // Another relay folds document 0 now and then while the appends keep coming.
        if (k % 25 === 24)
          compactions.push(
            other.loadUpdates('g/Doc0').then(({ updates, upToId }) => {
              const folded = new Y.Doc()
              for (const u of updates) Y.applyUpdate(folded, u)
              return other.replaceWithSnapshot('g/Doc0', Y.encodeStateAsUpdate(folded), upToId)
            }),
          )
        if (k % 10 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      const ids = await Promise.all(pending.map((list) => Promise.all(list)))
      await Promise.all(compactions)
      for (const list of ids)
        for (let k = 1; k < list.length; k++) expect(list[k]!).toBeGreaterThan(list[k - 1]!)
      expect(new Set(ids.flat()).size).toBe(600)
      for (const [i, doc] of docs.entries()) {
        const stored = new Y.Doc()
        for (const u of (await other.loadUpdates(`g/Doc${i}`)).updates) Y.applyUpdate(stored, u)
        expect(stored.getText('t').toString()).toBe(doc.getText('t').toString())
      }
    } finally {
      await Promise.all([storage.close(), other.close()])
    }
  })
})
