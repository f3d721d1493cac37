import { historyDocId } from '@kenlabour/shared/history/docId'
import { useDoc } from '../hooks/useDoc.ts'
import type { DocHandle } from '../sync/docStore.ts'

/** A lease on the history document of fiche `id` (stored in IndexedDB, synced like any doc). */
export const useHistoryDoc = (space: string, id: string): DocHandle | null => useDoc(space, historyDocId(id))
