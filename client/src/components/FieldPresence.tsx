import { usePeersIn } from '../hooks/usePresence.ts'
import { useWorkshopText } from '../i18n/workshopMessages.ts'
import './workshop.css'

/** Who else is in field `field` now: a dot and a name per person, next to the field's label. */
export const FieldPresence = ({ field }: { readonly field: string }) => {
  const w = useWorkshopText()
  const peers = usePeersIn(field)
  if (peers.length === 0) return null
  return (
    <span
      className="field-presence"
      role="status"
      aria-label={w.inField(peers.map((p) => p.name).join(', '))}
    >
      {peers.map((peer) => (
        <span key={peer.clientId} className="field-presence-name" style={{ borderColor: peer.color }}>
          <span className="presence-dot" style={{ backgroundColor: peer.color }} aria-hidden="true" />
          {peer.name}
        </span>
      ))}
    </span>
  )
}
