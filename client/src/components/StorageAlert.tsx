/** Says plainly when this device's storage is full (see `sync/storage.ts`). */
import { useSyncExternalStore } from 'react'
import { useI18n } from '../i18n/context.ts'
import { storageProblem } from '../sync/storage.ts'
import './offline.css'

export const StorageAlert = () => {
  const { t } = useI18n()
  const problem = useSyncExternalStore(storageProblem.subscribe, storageProblem.get)
  if (!problem) return null
  return (
    <div className="offline-banner offline-banner-error" role="alert">
      <span>{t.offline.storageFull(problem.detail)}</span>
      <button type="button" className="button button-small" onClick={storageProblem.dismiss}>
        {t.offline.dismiss}
      </button>
    </div>
  )
}
