import type { Awareness } from 'y-protocols/awareness'
import { useAwarenessUsers } from '../hooks/useAwarenessUsers.ts'
import { useI18n } from '../i18n/context.ts'

/** Who else is editing this fiche now (from awareness). */
export const Presence = ({ awareness }: { readonly awareness: Awareness }) => {
  const { t } = useI18n()
  const peers = useAwarenessUsers(awareness)
  if (peers.length === 0) return <p className="presence muted">{t.nobodyElse}</p>
  return (
    <div className="presence">
      <span>{t.alsoHere}</span>
      <ul>
        {peers.map((peer) => (
          <li key={peer.clientId}>
            <span className="presence-dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
            {peer.name}
          </li>
        ))}
      </ul>
    </div>
  )
}
