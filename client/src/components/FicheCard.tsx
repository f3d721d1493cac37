import { CHOICE_VOCABULARIES, FACET_LABELS, KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { memo } from 'react'
import { useI18n } from '../i18n/context.ts'
import { hasMark, highlight, snippet } from '../search/highlight.ts'
import { ChangedElsewhereMarker } from './ChangedElsewhereMarker.tsx'
import { Chips } from './Chips.tsx'
import { Highlighted } from './Highlighted.tsx'

export interface FicheCardProps {
  readonly space: string
  readonly entry: CatalogEntry
  /** Words the search matched, highlighted in the title and excerpt. */
  readonly terms: ReadonlySet<string>
  /** The fiche's whole text, for an extract when the match is deeper than the excerpt. */
  readonly text?: string | undefined
}

/**
 * A fiche in the directory: its title (the one link to the fiche), city, type, excerpt and keywords.
 * When the search matched only deeper in the fiche, an extract around the match says where.
 */
export const FicheCard = memo(function FicheCard({ space, entry, terms, text }: FicheCardProps) {
  const { t, lang, label } = useI18n()
  const actorType = entry.actorType ? termLabel(CHOICE_VOCABULARIES.actorType, entry.actorType, lang) : null
  const title = highlight(entry.title || entry.id, terms)
  const excerpt = highlight(entry.excerpt, terms)
  const deepMatch = text && !hasMark(title) && !hasMark(excerpt) ? snippet(text, terms) : null
  return (
    <article className="fiche-card">
      <h3 className="fiche-card-title">
        <a href={`/s/${space}/f/${entry.id}`}>
          <Highlighted segments={title} />
        </a>
        <ChangedElsewhereMarker space={space} id={entry.id} />
      </h3>
      {(entry.city || actorType) && (
        <p className="fiche-card-meta">
          {entry.city && <span className="fiche-card-city">{entry.city}</span>}
          {entry.city && actorType && <span aria-hidden="true"> · </span>}
          {actorType && <span>{actorType}</span>}
        </p>
      )}
      {entry.excerpt && (
        <p className="fiche-card-excerpt">
          <Highlighted segments={excerpt} />
        </p>
      )}
      {deepMatch && (
        <p className="fiche-card-match">
          <span className="visually-hidden">{t.directory.matchIn} </span>
          <Highlighted segments={highlight(deepMatch, terms)} />
        </p>
      )}
      <Chips
        items={entry.keywords.map((k) => termLabel(KEYWORD_VOCABULARY, k, lang))}
        label={label(FACET_LABELS.keywords)}
      />
    </article>
  )
})
