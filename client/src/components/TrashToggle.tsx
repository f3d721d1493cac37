import { useState } from 'react'
import { useI18n } from '../i18n/context.ts'
import { docStore } from '../sync/docStore.ts'
import { setTrashed } from '../sync/trash.ts'

export interface TrashToggleProps {
  readonly space: string
  readonly id: string
  /** Whether the fiche is in the trash now: the button restores it, else moves it there. */
  readonly trashed: boolean
  /** The fiche's title, so several "Restaurer" buttons in a list have distinct names. */
  readonly title?: string
  readonly onDone?: (trashed: boolean) => void
}

/**
 * "Mettre à la corbeille" / "Restaurer". Both are reversible, so no confirmation; a failure (the
 * fiche not on this device while offline) is said next to the button and changes nothing.
 */
export const TrashToggle = ({ space, id, trashed, title, onDone }: TrashToggleProps) => {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  const name = trashed ? t.directory.restore : t.directory.moveToTrash
  const run = async () => {
    setBusy(true)
    setFailed(false)
    try {
      await setTrashed(docStore(), space, id, !trashed)
      onDone?.(!trashed)
    } catch {
      setFailed(true)
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="trash-toggle">
      <button
        type="button"
        className={trashed ? 'button button-small' : 'button button-small button-quiet'}
        aria-label={title ? `${name} : ${title}` : undefined}
        disabled={busy}
        onClick={run}
      >
        {busy && trashed ? t.directory.restoring : name}
      </button>
      {failed && (
        <span role="alert" className="error-text">
          {t.directory.trashFailed}
        </span>
      )}
    </span>
  )
}
