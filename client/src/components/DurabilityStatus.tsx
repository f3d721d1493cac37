/**
 * Where the local changes are: "Enregistré sur le serveur" once the relay acknowledged them as
 * stored, "N modifications enregistrées sur cet appareil" while they wait, and a clear message when
 * the relay refused a change (read-only access). Nothing before the first change.
 */
import { useDurability } from '../hooks/useDurability.ts'
import { useI18n } from '../i18n/context.ts'
import './access.css'
import type { DocHandle } from '../sync/docStore.ts'

export const DurabilityStatus = ({ handle }: { readonly handle: DocHandle | null }) => {
  const { t } = useI18n()
  const { waiting, savedOnServer, refused } = useDurability(handle)
  if (refused) {
    return (
      <p className="durability durability-refused" role="alert">
        {t.access.refused}
      </p>
    )
  }
  if (waiting > 0) {
    return (
      <output className="durability durability-device" aria-live="polite">
        {t.access.savedOnDevice(waiting)}
      </output>
    )
  }
  if (!savedOnServer) return null
  return (
    <output className="durability durability-server" aria-live="polite">
      {t.access.savedOnServer}
    </output>
  )
}
