/**
 * The registry of spaces: for each space its secret version (bumped to revoke every token minted
 * before) and whether anyone may read it without a token. A space with no record does not exist yet.
 * One interface, two stores chosen with the document storage (`storage/openConfigured.ts`): the
 * relay's SQLite file (`spacesSqlite.ts`, one relay) or PostgreSQL (`spacesPostgres.ts`, shared by
 * every relay of a scale-out deployment, so that a rotation on one is seen by all). Asynchronous
 * because the shared store is across the network.
 */

export interface SpaceRecord {
  readonly space: string
  /** Tokens must carry exactly this version. */
  readonly version: number
  readonly publicRead: boolean
}

export interface SpaceRegistry {
  /** The current record, read from the store (never a copy another relay could have outdated). */
  get(space: string): Promise<SpaceRecord | null>
  /** Creates the space (version 1) if it does not exist (`publicRead` applies to a new space only). */
  ensure(space: string, options?: { publicRead?: boolean }): Promise<void>
  /** Bumps the secret version atomically: every token of an older version stops working. */
  rotate(space: string): Promise<SpaceRecord>
  close(): Promise<void>
}

/**
 * How a relay hears of rotations made by the other relays of a scale-out deployment (Redis, in
 * `scale/redisBus.ts`), so that it closes its own sockets opened with a token just revoked.
 */
export interface SpaceRotations {
  /** Tells the other relays that `space` was rotated (after the store committed it). */
  announce(space: string): void
  /**
   * Calls `listener` with each space rotated elsewhere, and with `null` when notices may have been
   * lost (a Redis connection came back): then every space with open sockets must be checked again.
   */
  onRotated(listener: (space: string | null) => void): void
}
