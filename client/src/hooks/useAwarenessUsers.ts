import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'

export interface PeerUser {
  readonly clientId: number
  readonly name: string
  readonly color: string
}

const COLOR = /^#[0-9a-f]{6}$/i

/** The other people present on a document (awareness states with a `user`), validated. */
const peersOf = (awareness: Awareness): PeerUser[] => {
  const peers: PeerUser[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const user = (state as { user?: { name?: unknown; color?: unknown } } | null)?.user
    if (!user || typeof user.name !== 'string' || user.name.trim() === '') continue
    peers.push({
      clientId,
      name: user.name.slice(0, 60),
      color: typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#555555',
    })
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
}

export const useAwarenessUsers = (awareness: Awareness | null): readonly PeerUser[] => {
  const [peers, setPeers] = useState<readonly PeerUser[]>([])
  useEffect(() => {
    if (!awareness) return
    const onChange = () => setPeers(peersOf(awareness))
    awareness.on('change', onChange)
    onChange()
    return () => awareness.off('change', onChange)
  }, [awareness])
  return peers
}
