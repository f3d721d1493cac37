/** Shown instead of the editor to whoever holds no editing link for the space. */
import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import './access.css'

export const ReadOnlyNotice = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { t } = useI18n()
  return (
    <div className="page read-only-page">
      <p className="read-only-notice" role="status">
        <strong>{t.access.readOnly}</strong>
        <br />
        {t.access.readOnlyHint}
      </p>
      <Link href={`/s/${space}/f/${id}`}>{t.access.viewFiche}</Link>
    </div>
  )
}
