/**
 * Opens the document store and the relay key chosen by the configuration: the SQLite file and
 * key file of the data directory (one relay), or PostgreSQL (several relays sharing the same spaces).
 */
import { loadOrCreateRelayKey } from '../access/relayKey.ts'
import { loadOrCreateRelayKeyPostgres } from '../access/relayKeyPostgres.ts'
import type { Config } from '../config.ts'
import { openPostgresStorage } from './postgres.ts'
import { openSqliteStorage } from './sqlite.ts'
import type { DocStorage } from './types.ts'

export interface ConfiguredStore {
  readonly storage: DocStorage
  readonly key: Uint8Array
}

export const openConfiguredStore = async (config: Config): Promise<ConfiguredStore> => {
  if (config.storage === 'postgres' && config.databaseUrl) {
    const options = { connectionString: config.databaseUrl, schema: config.databaseSchema }
    const storage = await openPostgresStorage(options)
    return { storage, key: await loadOrCreateRelayKeyPostgres(options.connectionString, options.schema) }
  }
  return { storage: openSqliteStorage(config.dataDir), key: loadOrCreateRelayKey(config.dataDir) }
}
