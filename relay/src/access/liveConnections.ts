/**
 * The open connections of each space with the access they were granted, so that rotating a space's
 * secret can close, at once, every socket opened with a token it revoked.
 */
import { CloseCode } from '@kenlabour/shared/closeCodes'
import type { Access } from './authorize.ts'

export interface LiveConnection {
  readonly access: Access
  close(code: number, reason: string): void
}

export interface LiveConnections {
  /** Tracks a connection; returns the function that forgets it (call on close). */
  add(connection: LiveConnection): () => void
  /** Closes with 4403 every connection of `space` whose access `stillValid` rejects; returns how many. */
  revoke(space: string, stillValid: (access: Access) => boolean): number
  /** The spaces with at least one open connection. */
  spaces(): string[]
}

export const createLiveConnections = (): LiveConnections => {
  const bySpace = new Map<string, Set<LiveConnection>>()
  return {
    add: (connection) => {
      const { space } = connection.access
      let set = bySpace.get(space)
      if (!set) {
        set = new Set()
        bySpace.set(space, set)
      }
      set.add(connection)
      return () => {
        set.delete(connection)
        if (set.size === 0 && bySpace.get(space) === set) bySpace.delete(space)
      }
    },
    revoke: (space, stillValid) => {
      let closed = 0
      for (const connection of [...(bySpace.get(space) ?? [])]) {
        if (stillValid(connection.access)) continue
        connection.close(CloseCode.Forbidden, 'token revoked')
        closed++
      }
      return closed
    },
    spaces: () => [...bySpace.keys()],
  }
}
