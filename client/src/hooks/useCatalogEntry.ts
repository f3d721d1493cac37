import { INDEX_DOC_ID } from '@kenlabour/shared/names'
import { type CatalogEntry, catalogEntrySchema, catalogMap } from '@kenlabour/shared/spaceIndex'
import { useEffect, useReducer } from 'react'
import { useDoc } from './useDoc.ts'

/**
 * One fiche's catalog entry (its last-modified time for the fiche page), read by key so the page
 * does not validate the whole catalog; null until the index holds a valid entry for it.
 */
export const useCatalogEntry = (space: string, id: string): CatalogEntry | null => {
  const handle = useDoc(space, INDEX_DOC_ID)
  const [, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!handle) return
    const map = catalogMap(handle.doc)
    const onChange = (event: { keysChanged: Set<string> }) => {
      if (event.keysChanged.has(id)) bump()
    }
    map.observe(onChange)
    bump()
    return () => map.unobserve(onChange)
  }, [handle, id])
  if (!handle) return null
  const parsed = catalogEntrySchema.safeParse(catalogMap(handle.doc).get(id))
  return parsed.success ? parsed.data : null
}
