import { trashedEntries } from '@kenlabour/shared/catalogQuery'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { useMemo } from 'react'
import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import { formatDate } from '../i18n/formatDate.ts'
import { TrashToggle } from './TrashToggle.tsx'

export interface TrashListProps {
  readonly space: string
  readonly entries: readonly CatalogEntry[]
  /** False for readers: the list is shown without "Restaurer". */
  readonly canRestore: boolean
}

/** The "Corbeille" view: trashed fiches, latest first, each with "Restaurer". */
export const TrashList = ({ space, entries, canRestore }: TrashListProps) => {
  const { t, lang } = useI18n()
  const trashed = useMemo(() => trashedEntries(entries), [entries])
  return (
    <section className="trash-view" aria-labelledby="trash-title">
      <h2 id="trash-title">{t.directory.trashTitle}</h2>
      <p className="muted">{t.directory.trashIntro}</p>
      {trashed.length === 0 ? (
        <p className="notice">{t.directory.trashEmpty}</p>
      ) : (
        <ul className="trash-list">
          {trashed.map((entry) => (
            <li key={entry.id} className="trash-item">
              <Link href={`/s/${space}/f/${entry.id}`}>{entry.title || entry.id}</Link>
              <span className="muted">{t.directory.trashedOn(formatDate(entry.trashedAt ?? 0, lang))}</span>
              {canRestore && (
                <TrashToggle space={space} id={entry.id} trashed title={entry.title || entry.id} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
