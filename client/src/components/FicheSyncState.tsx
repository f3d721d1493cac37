/**
 * One fiche's sync state in words: "Enregistré sur cet appareil", "N modifications en attente",
 * "Synchronisé avec le serveur" (see `sync/syncState.ts`).
 */
import { useFicheSync } from '../hooks/useSyncState.ts'
import { useI18n } from '../i18n/context.ts'
import type { DocHandle } from '../sync/docStore.ts'
import './offline.css'

export const FicheSyncState = ({ handle }: { readonly handle: DocHandle | null }) => {
  const { t } = useI18n()
  const sync = useFicheSync(handle)
  if (sync.kind === 'loading') return null
  const text =
    sync.kind === 'waiting'
      ? t.offline.waiting(sync.count)
      : sync.kind === 'synced'
        ? t.offline.synced
        : t.offline.savedHere
  return (
    <output className={`sync-state sync-state-${sync.kind}`} aria-live="polite">
      {text}
    </output>
  )
}
