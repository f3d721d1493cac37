/**
 * The connection of a document to the relay, in words: "Connecté", "Hors ligne" (reconnecting, with
 * a button to retry now and the number of local changes waiting), "Déconnecté" when the relay
 * refused the connection, and why. Never silent: every state says what happens to the edits.
 */
import { INDEX_DOC_ID } from '@kenlabour/shared/names'
import { useDocState } from '../hooks/useDoc.ts'
import { useUnsentChanges } from '../hooks/useUnsentChanges.ts'
import { useI18n } from '../i18n/context.ts'
import type { CloseInfo } from '../sync/connection.ts'
import type { DocHandle } from '../sync/docStore.ts'
import { FicheSyncState } from './FicheSyncState.tsx'

export const ConnectionStatus = ({ handle }: { readonly handle: DocHandle | null }) => {
  const { t } = useI18n()
  const { connection, pending } = useDocState(handle)
  const unsent = useUnsentChanges(handle)
  const reason = (close: CloseInfo | null): string | null => {
    if (!close?.name) return null
    const known = t.closeReasons[close.name]
    return close.reason && close.reason !== known ? `${known} (${close.reason})` : known
  }

  let kind: string
  let text: string
  let detail: string | null = null
  switch (connection.kind) {
    case 'connecting':
      kind = 'connecting'
      text = t.status.connecting
      break
    case 'connected':
      kind = connection.synced ? 'connected' : 'connecting'
      text = connection.synced ? t.status.connected : t.status.syncing
      break
    case 'offline':
      kind = 'offline'
      text = t.status.offline
      detail = [reason(connection.close), t.workshop.reconnecting].filter(Boolean).join(' — ')
      break
    case 'closed':
      kind = 'closed'
      text = t.status.closed
      detail = reason(connection.close) ?? (connection.close.reason || null)
      break
  }
  const waiting =
    kind === 'connected' || (!pending && unsent === 0)
      ? null
      : unsent === null
        ? t.workshop.waitingUnknown
        : unsent > 0
          ? t.workshop.waiting(unsent)
          : t.workshop.waitingUnknown

  return (
    <div className={`connection connection-${kind}`}>
      <output aria-live="polite" title={kind === 'offline' ? t.status.offlineHint : undefined}>
        <span className="connection-dot" aria-hidden="true" />
        <span className="connection-text">{text}</span>
        {detail && <span className="connection-detail"> — {detail}</span>}
        {waiting && <span className="connection-detail connection-waiting"> — {waiting}</span>}
      </output>
      {handle && handle.id !== INDEX_DOC_ID && <FicheSyncState handle={handle} />}
      {(connection.kind === 'closed' || connection.kind === 'offline') && handle && (
        <button type="button" className="button button-small" onClick={() => handle.reconnect()}>
          {connection.kind === 'closed' ? t.status.retry : t.workshop.retryNow}
        </button>
      )}
    </div>
  )
}
