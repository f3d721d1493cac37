/**
 * "Nouvelle version disponible — Recharger": a new version of the app is announced, never forced
 * (the page reloads only when the person clicks, so nobody is interrupted mid-edit).
 */
import { useSyncExternalStore } from 'react'
import { useI18n } from '../i18n/context.ts'
import { serviceWorkerUpdate } from '../sw/register.ts'
import './offline.css'

export const UpdatePrompt = () => {
  const { t } = useI18n()
  const available = useSyncExternalStore(serviceWorkerUpdate.subscribe, serviceWorkerUpdate.get)
  if (!available) return null
  return (
    <div className="offline-banner" role="status">
      <span>{t.offline.updateAvailable} — </span>
      <button
        type="button"
        className="button button-small"
        aria-label={t.offline.reloadLabel}
        onClick={() => void serviceWorkerUpdate.apply()}
      >
        {t.offline.reload}
      </button>
    </div>
  )
}
