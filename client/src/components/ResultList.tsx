import type { LayoutKey } from '@kenlabour/shared/catalogQuery'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { useState } from 'react'
import { useI18n } from '../i18n/context.ts'
import { FicheCard } from './FicheCard.tsx'
import { FicheRow } from './FicheRow.tsx'

/** Results rendered per click of "Afficher plus": rendering 10,000 cards would take seconds. */
export const PAGE_SIZE = 48

export interface ResultListProps {
  readonly space: string
  /** The matching entries, already sorted. */
  readonly entries: readonly CatalogEntry[]
  readonly layout: LayoutKey
  /** The search's matches (id → matched terms, for highlighting), or null when not searching. */
  readonly matches: ReadonlyMap<string, readonly string[]> | null
  /** Back to the first page whenever this changes (a new query). */
  readonly resetKey: string
}

/**
 * The directory's results as cards or compact rows, one page at a time, starting again at the
 * first page for a new query. Not remounted per query: cards still shown are reconciled by id,
 * which keeps a keystroke within a frame.
 */
const NO_TERMS: ReadonlySet<string> = new Set()

export const ResultList = ({ space, entries, layout, matches, resetKey }: ResultListProps) => {
  const { t } = useI18n()
  const [paging, setPaging] = useState({ resetKey, limit: PAGE_SIZE })
  const limit = paging.resetKey === resetKey ? paging.limit : PAGE_SIZE
  const setLimit = (next: number) => setPaging({ resetKey, limit: next })
  const page = entries.slice(0, limit)
  return (
    <>
      <ul className={layout === 'list' ? 'fiche-rows' : 'fiche-list'}>
        {page.map((entry) => {
          const found = matches?.get(entry.id)
          const terms = found ? new Set(found) : NO_TERMS
          return (
            <li key={entry.id}>
              {layout === 'list' ? (
                <FicheRow space={space} entry={entry} terms={terms} />
              ) : (
                <FicheCard space={space} entry={entry} terms={terms} />
              )}
            </li>
          )
        })}
      </ul>
      {entries.length > limit && (
        <button type="button" className="button show-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
          {t.directory.showMore(page.length, entries.length)}
        </button>
      )}
    </>
  )
}
