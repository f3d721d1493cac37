/**
 * The whole-space sync of the space on screen: keeps every fiche of it on this device (one bulk
 * request, again when the network returns) and says where things stand.
 */
import { useEffect } from 'react'
import { useSpaceSync } from '../hooks/useSyncState.ts'
import { useI18n } from '../i18n/context.ts'
import { keepSpaceSynced } from '../sync/spaceSyncRunner.ts'
import './offline.css'

export const SpaceSyncStatus = ({ space }: { readonly space: string }) => {
  const { t, lang } = useI18n()
  const { status, waitingFiches } = useSpaceSync(space)
  useEffect(() => keepSpaceSynced(space), [space])

  let text: string
  if (waitingFiches > 0) text = t.offline.spaceWaiting(waitingFiches)
  else if (status.running) text = t.offline.spaceSyncing
  else if (status.error !== null) text = t.offline.spaceOffline
  else if (status.lastSyncedAt !== null) {
    const time = new Date(status.lastSyncedAt).toLocaleTimeString(lang, {
      hour: '2-digit',
      minute: '2-digit',
    })
    text = t.offline.spaceSynced(time)
  } else return null
  return (
    <output className="space-sync" aria-live="polite" data-state={status.running ? 'running' : 'idle'}>
      {text}
    </output>
  )
}
