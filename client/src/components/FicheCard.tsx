import { CHOICE_VOCABULARIES, FACET_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import { Chips } from './Chips.tsx'

export interface FicheCardProps {
  readonly space: string
  readonly entry: CatalogEntry
}

/** A fiche in the directory: its title (the one link to the fiche), excerpt, city and keywords. */
export const FicheCard = ({ space, entry }: FicheCardProps) => {
  const { lang, label } = useI18n()
  const actorType = entry.actorType ? termLabel(CHOICE_VOCABULARIES.actorType, entry.actorType, lang) : null
  return (
    <article className="fiche-card">
      <h3 className="fiche-card-title">
        <Link href={`/s/${space}/f/${entry.id}`}>{entry.title || entry.id}</Link>
      </h3>
      {(entry.city || actorType) && (
        <p className="fiche-card-meta">
          {entry.city && <span className="fiche-card-city">{entry.city}</span>}
          {entry.city && actorType && <span aria-hidden="true"> · </span>}
          {actorType && <span>{actorType}</span>}
        </p>
      )}
      {entry.excerpt && <p className="fiche-card-excerpt">{entry.excerpt}</p>}
      <Chips
        items={entry.keywords.map((k) => termLabel(KEYWORD_VOCABULARY, k, lang))}
        label={label(FACET_LABELS.keywords)}
      />
    </article>
  )
}
