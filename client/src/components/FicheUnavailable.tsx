import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import type { DocState } from '../sync/docStore.ts'

export type Availability = 'ready' | 'loading' | 'missing' | 'offline'

/**
 * Whether a fiche can be shown: its local copy is rendered as soon as IndexedDB has loaded; a fiche
 * that is not stored locally waits for the relay, and is missing only once the relay has answered.
 */
export const availabilityOf = (state: DocState, hasFiche: boolean): Availability => {
  if (hasFiche) return 'ready'
  if (!state.localLoaded) return 'loading'
  if (state.everSynced) return 'missing'
  const kind = state.connection.kind
  return kind === 'offline' || kind === 'closed' ? 'offline' : 'loading'
}

export interface FicheUnavailableProps {
  readonly availability: Exclude<Availability, 'ready'>
  readonly space: string
}

/** What a fiche page shows instead of a fiche that is loading, missing or not stored offline. */
export const FicheUnavailable = ({ availability, space }: FicheUnavailableProps) => {
  const { t } = useI18n()
  if (availability === 'loading') return <p className="page muted">{t.loading}</p>
  return (
    <div className="page">
      <h1>{availability === 'missing' ? t.ficheNotFound : t.loading}</h1>
      <p className="notice">
        {availability === 'missing' ? t.ficheNotFoundText : t.ficheNotAvailableOffline}
      </p>
      <p>
        <Link href={`/s/${space}`}>{t.backToDirectory}</Link>
      </p>
    </div>
  )
}
