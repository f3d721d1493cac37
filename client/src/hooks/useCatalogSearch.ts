import type { CatalogEntry } from '@kenlabour/shared/spaceIndex'
import { useEffect, useMemo, useSyncExternalStore } from 'react'
import { type CatalogSearch, catalogSearchFor, type SearchHits } from '../search/catalogSearch.ts'

export interface CatalogSearchResult {
  /** The matches, or null when the text does not filter (empty, too short). */
  readonly hits: SearchHits | null
  /** True while the index is still being built or updated: `hits` may be incomplete. */
  readonly indexing: boolean
}

/**
 * Full-text search over the whole of every fiche (`search/catalogSearch.ts`), kept in step with the
 * catalog incrementally; re-runs when the text changes or when indexing finishes.
 */
export const useCatalogSearch = (
  space: string,
  entries: readonly CatalogEntry[],
  text: string,
): CatalogSearchResult => {
  const search: CatalogSearch = useMemo(() => catalogSearchFor(space), [space])
  useEffect(() => {
    void search.sync(entries)
  }, [search, entries])
  const ready = useSyncExternalStore(
    (listener) => search.subscribe(listener),
    () => search.ready,
  )
  const query = text.trim()
  // biome-ignore lint/correctness/useExhaustiveDependencies: `ready` flips when the index changed
  const hits = useMemo(() => (query ? search.search(query) : null), [search, query, ready])
  return { hits, indexing: !ready }
}
