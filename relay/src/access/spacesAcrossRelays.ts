/**
 * Revocation across the relays of a scale-out deployment. The registry is shared (PostgreSQL), so a
 * token revoked on one relay is refused by every relay at its next connection; but sockets already
 * open on the other relays were authorized before. The relay that rotates announces it (Redis), and
 * each relay re-reads the space's record from the store and closes its sockets whose token version
 * is now stale, with the same code as a local revocation. When notices may have been lost (a Redis
 * connection came back), every space with open sockets is checked again: recovery by reading the
 * store, not by hoping the notice arrived.
 */
import type { Logger } from 'pino'
import { stillValid } from './authorize.ts'
import type { LiveConnections } from './liveConnections.ts'
import type { SpaceRegistry, SpaceRotations } from './spaces.ts'

export interface ShareRotationsOptions {
  readonly spaces: SpaceRegistry
  readonly rotations: SpaceRotations
  readonly live: LiveConnections
  readonly log: Logger
}

/** Listens to the other relays' rotations; returns the registry whose `rotate` announces its own. */
export const shareRotations = ({ spaces, rotations, live, log }: ShareRotationsOptions): SpaceRegistry => {
  const recheck = async (space: string): Promise<void> => {
    const record = await spaces.get(space)
    const closed = live.revoke(space, (access) => stillValid(access, record))
    if (closed > 0) log.info({ space, closed }, 'space secret rotated on another relay: sockets closed')
  }
  rotations.onRotated((space) => {
    for (const target of space === null ? live.spaces() : [space]) {
      recheck(target).catch((error: unknown) =>
        log.error({ err: error, space: target }, 'could not check open sockets after a rotation'),
      )
    }
  })
  return {
    get: (space) => spaces.get(space),
    ensure: (space, options) => spaces.ensure(space, options),
    rotate: async (space) => {
      const record = await spaces.rotate(space)
      rotations.announce(space)
      return record
    },
    close: () => spaces.close(),
  }
}
