/** The catalog's marker on a fiche changed elsewhere since this device last opened it. */
import { useChangedElsewhere } from '../hooks/useSyncState.ts'
import { useI18n } from '../i18n/context.ts'
import './offline.css'

export const ChangedElsewhereMarker = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { t } = useI18n()
  if (!useChangedElsewhere(space, id)) return null
  return (
    <span className="changed-elsewhere" title={t.offline.changedElsewhereHint}>
      {t.offline.changedElsewhere}
    </span>
  )
}
