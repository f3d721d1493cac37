import { useContext } from 'react'
import { PresenceContext } from '../hooks/usePresence.ts'
import { useWorkshopText } from '../i18n/workshopMessages.ts'
import type { Identity } from '../sync/identity.ts'

export interface ParticipantListProps {
  readonly me: Identity
  /** The client followed now, or null. */
  readonly following: number | null
  readonly onFollow: (clientId: number | null) => void
}

/**
 * Who is here, live: me first, then each other person with a button to follow their caret. One
 * line in the edit page's bar, scrolled sideways when 30 people are here (it must not grow over
 * the fiche being written).
 */
export const ParticipantList = ({ me, following, onFollow }: ParticipantListProps) => {
  const w = useWorkshopText()
  const peers = useContext(PresenceContext)
  const followed = peers.find((p) => p.clientId === following)
  return (
    <section className="participants" aria-label={w.participants(peers.length + 1)}>
      <h2 className="participants-count">{w.participants(peers.length + 1)}</h2>
      <ul>
        <li>
          <span className="presence-dot" style={{ backgroundColor: me.color }} aria-hidden="true" />
          {me.name} <span className="muted">({w.you})</span>
        </li>
        {peers.map((peer) => (
          <li key={peer.clientId}>
            <button
              type="button"
              className="participant-follow"
              aria-pressed={peer.clientId === following}
              aria-label={w.follow(peer.name)}
              onClick={() => onFollow(peer.clientId === following ? null : peer.clientId)}
            >
              <span className="presence-dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
              {peer.name}
            </button>
          </li>
        ))}
      </ul>
      {followed && (
        <p className="following" role="status">
          {w.following(followed.name)}{' '}
          <button type="button" className="button button-small" onClick={() => onFollow(null)}>
            {w.stopFollowing}
          </button>
        </p>
      )}
    </section>
  )
}
