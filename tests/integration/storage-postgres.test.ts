/**
 * The storage contract against the PostgreSQL backend (127.0.0.1:5432, database `test`, or
 * `TEST_DATABASE_URL`). Each store lives in its own schema, dropped once the suite is done.
 */
import pg from 'pg'
import { afterAll } from 'vitest'
import { openPostgresStorage } from '../../relay/src/storage/postgres.ts'
import { runStorageContract } from './storageContract.ts'

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const schemas: string[] = []

runStorageContract('postgres', {
  open: async () => {
    const schema = `kenlabour_contract_${process.pid}_${schemas.length}_${Date.now()}`
    schemas.push(schema)
    return openPostgresStorage({ connectionString, schema })
  },
  reopen: async () => openPostgresStorage({ connectionString, schema: schemas.at(-1)! }),
})

afterAll(async () => {
  const client = new pg.Client({ connectionString })
  await client.connect()
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  await client.end()
})
