/**
 * The connection of a document to the relay, in words: "Connecté", "Hors ligne"… and, when the relay
 * closed the socket with one of its close codes, why. A refused connection offers to retry.
 */
import { useDocState } from '../hooks/useDoc.ts'
import { useI18n } from '../i18n/context.ts'
import type { CloseInfo } from '../sync/connection.ts'
import type { DocHandle } from '../sync/docStore.ts'

export const ConnectionStatus = ({ handle }: { readonly handle: DocHandle | null }) => {
  const { t } = useI18n()
  const { connection, pending } = useDocState(handle)
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
      detail = reason(connection.close)
      break
    case 'closed':
      kind = 'closed'
      text = t.status.closed
      detail = reason(connection.close) ?? (connection.close.reason || null)
      break
  }

  return (
    <div className={`connection connection-${kind}`}>
      <output aria-live="polite" title={kind === 'offline' ? t.status.offlineHint : undefined}>
        <span className="connection-dot" aria-hidden="true" />
        <span className="connection-text">{text}</span>
        {detail && <span className="connection-detail"> — {detail}</span>}
        {pending && kind !== 'connected' && <span className="connection-detail"> — {t.status.pending}</span>}
      </output>
      {connection.kind === 'closed' && handle && (
        <button type="button" className="button button-small" onClick={() => handle.reconnect()}>
          {t.status.retry}
        </button>
      )}
    </div>
  )
}
