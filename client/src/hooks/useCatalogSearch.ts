import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import MiniSearch from 'minisearch'
import { useMemo } from 'react'

/** Lower case without accents, so "ecole" finds "École". */
const fold = (term: string): string =>
  term
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()

/**
 * Full-text search over the catalog (title, city, excerpt, keywords): the ids that match `text`,
 * or undefined when there is no text (no filtering).
 */
export const useCatalogSearch = (
  entries: readonly CatalogEntry[],
  text: string,
): ReadonlySet<string> | undefined => {
  const index = useMemo(() => {
    const search = new MiniSearch<CatalogEntry>({
      fields: ['title', 'city', 'excerpt', 'keywordText'],
      extractField: (entry, field) =>
        field === 'keywordText' ? entry.keywords.join(' ') : String(entry[field as keyof CatalogEntry] ?? ''),
      processTerm: (term) => fold(term),
      searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { title: 3 } },
    })
    search.addAll(entries.map((e) => ({ ...e })))
    return search
  }, [entries])
  const query = text.trim()
  return useMemo(
    () => (query ? new Set(index.search(query).map((hit) => String(hit.id))) : undefined),
    [index, query],
  )
}
