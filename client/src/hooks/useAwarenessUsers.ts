import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'

export interface PeerUser {
  readonly clientId: number
  readonly name: string
  readonly color: string
  /** The field their focus is in (`title`, `field:city`, `section:description`…), or null. */
  readonly field: string | null
}

const COLOR = /^#[0-9a-f]{6}$/i
const FIELD = /^[a-z]+(:[A-Za-z]+)?$/

/** The other people present on a document (awareness states with a `user`), validated. */
const peersOf = (awareness: Awareness): PeerUser[] => {
  const peers: PeerUser[] = []
  for (const [clientId, state] of awareness.getStates()) {
    if (clientId === awareness.clientID) continue
    const s = state as { user?: { name?: unknown; color?: unknown }; field?: unknown } | null
    const user = s?.user
    if (!user || typeof user.name !== 'string' || user.name.trim() === '') continue
    peers.push({
      clientId,
      name: user.name.slice(0, 60),
      color: typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#555555',
      field: typeof s.field === 'string' && FIELD.test(s.field) ? s.field : null,
    })
  }
  return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId)
}

const signature = (peers: readonly PeerUser[]): string =>
  peers.map((p) => `${p.clientId}\u0000${p.name}\u0000${p.color}\u0000${p.field ?? ''}`).join('\u0001')

/**
 * The other people present, re-rendering only when who is here, their names, colours or fields
 * change: caret moves (most awareness traffic) do not re-render the page. Read at most once per
 * animation frame: 30 people send up to 300 presence frames a second, a screen shows 60.
 */
export const useAwarenessUsers = (awareness: Awareness | null): readonly PeerUser[] => {
  const [peers, setPeers] = useState<readonly PeerUser[]>([])
  useEffect(() => {
    if (!awareness) return
    let last = ''
    let frame = 0
    const read = () => {
      frame = 0
      const next = peersOf(awareness)
      const sig = signature(next)
      if (sig === last) return
      last = sig
      setPeers(next)
    }
    // A hidden page draws no frames: it catches up on its first frame back.
    const onChange = () => {
      frame ||= requestAnimationFrame(read)
    }
    awareness.on('change', onChange)
    read()
    return () => {
      awareness.off('change', onChange)
      if (frame) cancelAnimationFrame(frame)
    }
  }, [awareness])
  return peers
}
