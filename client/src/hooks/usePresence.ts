/**
 * Who is where on the edit page: the page reads awareness once (`useAwarenessUsers`) and shares
 * the result, so 12 field badges do not each subscribe to awareness.
 */
import { createContext, useContext, useMemo } from 'react'
import type { PeerUser } from './useAwarenessUsers.ts'

export const PresenceContext = createContext<readonly PeerUser[]>([])

/** The other people whose focus is in field `key` now. */
export const usePeersIn = (key: string): readonly PeerUser[] => {
  const peers = useContext(PresenceContext)
  return useMemo(() => peers.filter((peer) => peer.field === key), [peers, key])
}
