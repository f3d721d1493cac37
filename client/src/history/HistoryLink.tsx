import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import { useHistoryDoc } from './useHistoryDoc.ts'

/** Its own two words, so the fiche page's bundle does not carry the history's strings. */
const LABEL = { fr: 'Historique', en: 'History' } as const

/**
 * The fiche page's entry to its history. While shown it also keeps the history document open, so
 * that every fiche read on this device has its history stored locally for offline use.
 */
export const HistoryLink = ({ space, id }: { readonly space: string; readonly id: string }) => {
  const { lang } = useI18n()
  useHistoryDoc(space, id)
  return (
    <Link className="button button-small" href={`/s/${space}/f/${id}/history`}>
      {LABEL[lang]}
    </Link>
  )
}
