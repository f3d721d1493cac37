/**
 * Who wrote between two versions, from their state vectors alone: every Yjs client whose clock
 * advanced inserted something in between. (Deletions do not advance a clock, so a change made
 * only of deletions has no author here; the recorder adds its own client when it deleted.)
 */
import * as Y from 'yjs'

export type StateVector = Map<number, number>

export const decodeStateVector = (bytes: Uint8Array): StateVector => Y.decodeStateVector(bytes)

/** Client ids whose clock is higher in `after` than in `before`. */
export const advancedClients = (before: StateVector, after: StateVector): number[] => {
  const out: number[] = []
  for (const [client, clock] of after) if (clock > (before.get(client) ?? 0)) out.push(client)
  return out
}

/** True when every change `a` holds is also in `b` (`a` is an ancestor of, or equal to, `b`). */
export const includes = (b: StateVector, a: StateVector): boolean => {
  for (const [client, clock] of a) if ((b.get(client) ?? 0) < clock) return false
  return true
}
