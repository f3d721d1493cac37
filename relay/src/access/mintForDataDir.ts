/**
 * Mints a token for a space from a data directory (its key file and its space registry), without a
 * running relay: what `npm run token` does, and what tests use to get the links a user would.
 */
import type { Role } from '@kenlabour/shared/access'
import { loadOrCreateRelayKey } from './relayKey.ts'
import { openSqliteSpaceRegistry } from './spacesSqlite.ts'
import { mintToken } from './tokens.ts'

export interface MintForDataDirOptions {
  readonly dataDir: string
  readonly space: string
  readonly role: Role
  readonly expiresInSeconds?: number
}

export const mintTokenForDataDir = async (options: MintForDataDirOptions): Promise<string> => {
  const key = loadOrCreateRelayKey(options.dataDir)
  const spaces = openSqliteSpaceRegistry(options.dataDir)
  try {
    // A space that does not exist yet gets version 1: the first write with this token creates it.
    const ver = (await spaces.get(options.space))?.version ?? 1
    return await mintToken(key, { ...options, ver })
  } finally {
    await spaces.close()
  }
}
