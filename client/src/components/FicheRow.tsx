import { CHOICE_VOCABULARIES } from '@kenlabour/shared/form'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { memo } from 'react'
import { useI18n } from '../i18n/context.ts'
import { formatDate } from '../i18n/formatDate.ts'
import { highlight } from '../search/highlight.ts'
import { Highlighted } from './Highlighted.tsx'

export interface FicheRowProps {
  readonly space: string
  readonly entry: CatalogEntry
  readonly terms: ReadonlySet<string>
}

/** A fiche in the compact list view: one line with title, city, type and last change. */
export const FicheRow = memo(function FicheRow({ space, entry, terms }: FicheRowProps) {
  const { t, lang } = useI18n()
  const actorType = entry.actorType ? termLabel(CHOICE_VOCABULARIES.actorType, entry.actorType, lang) : ''
  return (
    <div className="fiche-row">
      <a className="fiche-row-title" href={`/s/${space}/f/${entry.id}`}>
        <Highlighted segments={highlight(entry.title || entry.id, terms)} />
      </a>
      <span className="fiche-row-city">{entry.city}</span>
      <span className="fiche-row-type">{actorType}</span>
      <span className="fiche-row-date">
        <span className="visually-hidden">{t.directory.updatedColumn} </span>
        <time dateTime={new Date(entry.updatedAt).toISOString()}>
          {formatDate(entry.updatedAt, lang, false)}
        </time>
      </span>
    </div>
  )
})
