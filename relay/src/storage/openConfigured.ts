/**
 * Opens the document store, the relay key and the space registry chosen by the configuration: the
 * SQLite file and key file of the data directory (one relay), or PostgreSQL (several relays sharing
 * the same spaces: documents, key and registry in the same schema).
 */

import type { Logger } from 'pino'
import { loadOrCreateRelayKey } from '../access/relayKey.ts'
import { loadOrCreateRelayKeyPostgres } from '../access/relayKeyPostgres.ts'
import type { SpaceRegistry } from '../access/spaces.ts'
import { openPostgresSpaceRegistry } from '../access/spacesPostgres.ts'
import { openSqliteSpaceRegistry } from '../access/spacesSqlite.ts'
import type { Config } from '../config.ts'
import { openPostgresStorage } from './postgres.ts'
import { openSqliteStorage } from './sqlite.ts'
import type { DocStorage } from './types.ts'

export interface ConfiguredStore {
  readonly storage: DocStorage
  readonly key: Uint8Array
  readonly spaces: SpaceRegistry
}

export const openConfiguredStore = async (config: Config, log: Logger): Promise<ConfiguredStore> => {
  if (config.storage === 'postgres' && config.databaseUrl) {
    const options = { connectionString: config.databaseUrl, schema: config.databaseSchema }
    const storage = await openPostgresStorage({ ...options, groupCommit: true })
    return {
      storage,
      key: await loadOrCreateRelayKeyPostgres(options.connectionString, options.schema),
      spaces: await openPostgresSpaceRegistry(options),
    }
  }
  return {
    storage: openSqliteStorage(config.dataDir, { log }),
    key: loadOrCreateRelayKey(config.dataDir),
    spaces: openSqliteSpaceRegistry(config.dataDir),
  }
}
