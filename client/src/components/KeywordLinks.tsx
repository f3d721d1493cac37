import { emptyQuery, queryToParams } from '@kenlabour/shared/catalogQuery'
import { KEYWORD_VOCABULARY } from '@kenlabour/shared/form'
import { termLabel } from '@kenlabour/shared/vocabularies'
import { Link } from 'wouter'
import { useI18n } from '../i18n/context.ts'

export interface KeywordLinksProps {
  readonly space: string
  readonly keywords: readonly string[]
  readonly label: string
}

/** A fiche's keywords as chips, each a link to the directory filtered on that keyword. */
export const KeywordLinks = ({ space, keywords, label }: KeywordLinksProps) => {
  const { t, lang } = useI18n()
  if (keywords.length === 0) return null
  return (
    <ul className="chips" aria-label={label}>
      {keywords.map((key) => {
        const text = termLabel(KEYWORD_VOCABULARY, key, lang)
        const query = { ...emptyQuery(), facets: { ...emptyQuery().facets, keywords: [key] } }
        return (
          <li key={key} className="chip chip-link">
            <Link href={`/s/${space}?${queryToParams(query)}`} title={t.directory.keywordLink(text)}>
              {text}
            </Link>
          </li>
        )
      })}
    </ul>
  )
}
