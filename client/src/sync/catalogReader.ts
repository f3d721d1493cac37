/**
 * Reads a space's catalog incrementally: each entry is validated once and the same object is
 * returned until its key changes. With 10,000 fiches, re-validating the whole catalog on every
 * remote change would cost tens of milliseconds; keeping identities also lets the search index
 * (`search/catalogSearch.ts`) re-index only the entries that changed.
 */
import { type CatalogEntry, catalogEntrySchema, catalogMap } from '@kenlabour/shared/spaceIndex'
import type * as Y from 'yjs'

export interface CatalogReader {
  /** Every valid entry (trashed ones included), in the map's order; malformed entries skipped. */
  read(): readonly CatalogEntry[]
  /** Stops observing the index document. */
  stop(): void
}

export const createCatalogReader = (index: Y.Doc): CatalogReader => {
  const map = catalogMap(index)
  const cache = new Map<string, CatalogEntry | null>()
  let dirty: Set<string> | null = null
  let all = true
  let snapshot: readonly CatalogEntry[] = []

  const onChange = (event: Y.YMapEvent<CatalogEntry>) => {
    if (all) return
    dirty ??= new Set()
    for (const key of event.keysChanged) dirty.add(key)
  }
  map.observe(onChange)

  const parse = (value: unknown): CatalogEntry | null => {
    const parsed = catalogEntrySchema.safeParse(value)
    return parsed.success ? parsed.data : null
  }

  return {
    read: () => {
      if (!all && dirty === null) return snapshot
      if (all) {
        cache.clear()
        for (const [key, value] of map.entries()) cache.set(key, parse(value))
      } else if (dirty) {
        for (const key of dirty) {
          if (map.has(key)) cache.set(key, parse(map.get(key)))
          else cache.delete(key)
        }
      }
      all = false
      dirty = null
      const out: CatalogEntry[] = []
      for (const entry of cache.values()) if (entry) out.push(entry)
      snapshot = out
      return snapshot
    },
    stop: () => map.unobserve(onChange),
  }
}
