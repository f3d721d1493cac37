import { useEffect, useSyncExternalStore } from 'react'
import { type CatalogState, type CatalogStore, catalogStoreFor } from '../search/catalogStore.ts'

export interface CatalogModelResult extends CatalogState {
  readonly store: CatalogStore
}

/**
 * The directory's catalog of a space (`search/catalogStore.ts`): the cached snapshot at once, then
 * the index document, live. Holds the catalog while the component is mounted.
 */
export const useCatalogModel = (space: string): CatalogModelResult => {
  const store = catalogStoreFor(space)
  useEffect(() => store.acquire(), [store])
  const state = useSyncExternalStore(store.subscribe, store.getState)
  return { ...state, store }
}
