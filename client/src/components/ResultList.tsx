import type { LayoutKey } from '@kenlabour/shared/catalogQuery'
import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { useEffect, useRef, useState } from 'react'
import { useLocation } from 'wouter'
import { useI18n } from '../i18n/context.ts'
import { FicheCard } from './FicheCard.tsx'
import { FicheRow } from './FicheRow.tsx'

/**
 * Results rendered per click of "Afficher plus": rendering 10,000 cards would take seconds, and
 * every card rendered is work on each keystroke (highlighting, layout). Two screens of cards.
 */
export const PAGE_SIZE = 24

export interface ResultListProps {
  readonly space: string
  /** The matching entries, already sorted. */
  readonly entries: readonly CatalogEntry[]
  readonly layout: LayoutKey
  /** The (folded) index terms the search matched, highlighted in every card; empty when not searching. */
  readonly terms: ReadonlySet<string>
  /** An entry's whole text (for the extract around a match deep in the fiche), when loaded. */
  readonly textOf: (id: string) => string | undefined
  /** Back to the first page whenever this changes (a new query). */
  readonly resetKey: string
}

/**
 * The directory's results as cards or compact rows, one page at a time, starting again at the
 * first page for a new query. Not remounted per query: cards still shown are reconciled by id, and
 * a card whose entry and terms are unchanged is not rendered again (`memo`), which keeps a
 * keystroke within a frame. Every card gets the same set of terms: a term the search matched
 * anywhere is highlighted wherever it appears (it can only appear in a fiche that matched it).
 */
/**
 * Cards link to their fiche with plain `<a href>`, and the list turns a plain click on one into an
 * in-app navigation. Why not wouter's `Link` in each card: each one subscribes to the location and
 * reads it on every render, dozens of reads per keystroke (measured: a few milliseconds of a frame).
 * Clicks with a modifier (new tab, new window) and other buttons are left to the browser.
 */
const useInAppLinks = () => {
  const list = useRef<HTMLUListElement>(null)
  const [, navigate] = useLocation()
  useEffect(() => {
    const element = list.current
    if (!element) return
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
      const link = event.target instanceof Element ? event.target.closest('a') : null
      const href = link?.getAttribute('href')
      if (!href?.startsWith('/') || link?.target) return
      event.preventDefault()
      navigate(href)
    }
    element.addEventListener('click', onClick)
    return () => element.removeEventListener('click', onClick)
  }, [navigate])
  return list
}

export const ResultList = ({ space, entries, layout, terms, textOf, resetKey }: ResultListProps) => {
  const { t } = useI18n()
  const list = useInAppLinks()
  const [paging, setPaging] = useState({ resetKey, limit: PAGE_SIZE })
  const limit = paging.resetKey === resetKey ? paging.limit : PAGE_SIZE
  const setLimit = (next: number) => setPaging({ resetKey, limit: next })
  const page = entries.slice(0, limit)
  return (
    <>
      <ul ref={list} className={layout === 'list' ? 'fiche-rows' : 'fiche-list'}>
        {page.map((entry) => (
          <li key={entry.id}>
            {layout === 'list' ? (
              <FicheRow space={space} entry={entry} terms={terms} />
            ) : (
              <FicheCard
                space={space}
                entry={entry}
                terms={terms}
                text={terms.size > 0 ? (entry.searchText ?? textOf(entry.id)) : undefined}
              />
            )}
          </li>
        ))}
      </ul>
      {entries.length > limit && (
        <button type="button" className="button show-more" onClick={() => setLimit(limit + PAGE_SIZE)}>
          {t.directory.showMore(page.length, entries.length)}
        </button>
      )}
    </>
  )
}
