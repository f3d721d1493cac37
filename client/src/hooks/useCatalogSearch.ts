import { useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react'
import type { SearchHits } from '../search/catalogSearch.ts'
import { catalogStoreFor } from '../search/catalogStore.ts'
import { queryKey } from '../search/searchQuery.ts'

export interface CatalogSearchResult {
  /** The matches shown, or null when the text does not filter (empty, too short). */
  readonly hits: SearchHits | null
  /**
   * The text `hits` answer: `text` itself, or while the search worker's answer for `text` is on its
   * way (a few milliseconds), the previous text, whose results stay on screen meanwhile.
   */
  readonly shownFor: string
  /** True while the answer for `text` is awaited. */
  readonly pending: boolean
  /** True while the index is still being built: `hits` may be incomplete. */
  readonly indexing: boolean
}

interface Answer {
  readonly text: string
  readonly hits: SearchHits | null
}

/**
 * Full-text search over the whole of every fiche of a space (the search worker, kept in step with
 * the catalog by `search/catalogStore.ts`, which this holds while mounted). A query seen before is
 * answered during the render; a new one is asked of the worker (a request posted while rendering:
 * idempotent, so a render React discards costs nothing but a cached answer) and shown when it comes.
 */
const noSubscription = () => () => {}

export const useCatalogSearch = (space: string, text: string): CatalogSearchResult => {
  const store = catalogStoreFor(space)
  useEffect(() => store.acquire(), [store])
  const { search } = useSyncExternalStore(store.subscribe, store.getState)
  useSyncExternalStore(search ? search.subscribe : noSubscription, () => search?.version ?? -1)
  const key = queryKey(text)
  let answer: Answer | null = { text, hits: null }
  if (key !== null) {
    const hits = search?.results(key)
    answer = hits ? { text, hits } : null
  }
  const last = useRef<Answer>({ text: '', hits: null })
  useLayoutEffect(() => {
    if (answer) last.current = answer
  })
  const shown = answer ?? last.current
  return {
    hits: shown.hits,
    shownFor: shown.text,
    pending: answer === null,
    indexing: !search?.ready,
  }
}
