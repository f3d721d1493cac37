import { INDEX_DOC_ID } from '@kenlabour/shared/names'
import { type CatalogEntry, catalogMap } from '@kenlabour/shared/spaceIndex'
import { useEffect, useMemo } from 'react'
import { createCatalogReader } from '../sync/catalogReader.ts'
import type { DocHandle, DocState } from '../sync/docStore.ts'
import { useDoc, useDocState } from './useDoc.ts'
import { useYVersion } from './useYVersion.ts'

export interface Catalog {
  readonly handle: DocHandle | null
  readonly state: DocState
  /** Every valid entry, trashed ones included (the directory's query leaves them out). */
  readonly entries: readonly CatalogEntry[]
}

/** The live catalog of a space, from its index document (entries re-validated only when changed). */
export const useCatalog = (space: string): Catalog => {
  const handle = useDoc(space, INDEX_DOC_ID)
  const state = useDocState(handle)
  const reader = useMemo(() => (handle ? createCatalogReader(handle.doc) : null), [handle])
  useEffect(() => () => reader?.stop(), [reader])
  const map = useMemo(() => (handle ? catalogMap(handle.doc) : null), [handle])
  const version = useYVersion(map)
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the catalog's content
  const entries = useMemo(() => reader?.read() ?? [], [reader, version])
  return { handle, state, entries }
}
