/**
 * Mints a token for a space of a scale-out deployment (relay key and space registry in PostgreSQL),
 * without a running relay: what `npm run token -- --database-url …` does. The data directory's key
 * would sign tokens no relay of that deployment accepts.
 */
import type { Role } from '@kenlabour/shared/access'
import { loadOrCreateRelayKeyPostgres } from './relayKeyPostgres.ts'
import { openPostgresSpaceRegistry } from './spacesPostgres.ts'
import { mintToken } from './tokens.ts'

export interface MintForPostgresOptions {
  readonly connectionString: string
  readonly schema: string
  readonly space: string
  readonly role: Role
  readonly expiresInSeconds?: number
}

export const mintTokenForPostgres = async (options: MintForPostgresOptions): Promise<string> => {
  const { connectionString, schema, ...claims } = options
  const key = await loadOrCreateRelayKeyPostgres(connectionString, schema)
  const spaces = await openPostgresSpaceRegistry({ connectionString, schema })
  try {
    // A space that does not exist yet gets version 1: the first write with this token creates it.
    const ver = (await spaces.get(options.space))?.version ?? 1
    return await mintToken(key, { ...claims, ver })
  } finally {
    await spaces.close()
  }
}
