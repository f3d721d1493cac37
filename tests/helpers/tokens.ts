/**
 * Tokens for tests, minted exactly as `npm run token` mints them (from the relay's data directory).
 * Relays started by `startRelay` register here, so the socket helpers (`openRaw`, `createClients`)
 * can connect as a space's admin by default: tests about the protocol exercise the protocol, and
 * tests about access pass `token: null` or a token of their choice.
 */
import type { Role } from '@kenlabour/shared/access'
import { mintTokenForDataDir } from '../../relay/src/access/mintForDataDir.ts'

const dataDirByOrigin = new Map<string, string>()

/** Called by `startRelay`: `url` is http://HOST:PORT. */
export const registerRelayDataDir = (url: string, dataDir: string): void => {
  dataDirByOrigin.set(new URL(url).host, dataDir)
}

export const tokenFor = (relay: { dataDir: string }, space: string, role: Role = 'admin'): Promise<string> =>
  mintTokenForDataDir({ dataDir: relay.dataDir, space, role })

const SYNC_SPACE = /^\/sync\/([^/?]+)\//

/**
 * Adds an admin token of the space in a `/sync/<space>/…` or `/api/spaces/<space>/…` URL of a
 * registered relay, unless the URL has a token already; other URLs are returned unchanged.
 */
export const withDefaultToken = async (url: string): Promise<string> => {
  const parsed = new URL(url)
  if (parsed.searchParams.has('token')) return url
  const dataDir = dataDirByOrigin.get(parsed.host)
  const space = SYNC_SPACE.exec(parsed.pathname)?.[1] ?? /^\/api\/spaces\/([^/]+)/.exec(parsed.pathname)?.[1]
  if (!dataDir || !space || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(space)) return url
  parsed.searchParams.set('token', await tokenFor({ dataDir }, space))
  return parsed.toString()
}
