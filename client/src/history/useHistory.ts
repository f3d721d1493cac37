import { listVersions, type VersionRecord } from '@kenlabour/shared/history/versions'
import { useEffect, useMemo, useReducer } from 'react'
import type { DocHandle } from '../sync/docStore.ts'

/** The versions of a history document, oldest first, re-read whenever it changes. */
export const useVersions = (history: DocHandle | null): VersionRecord[] => {
  const [version, bump] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!history) return
    const onUpdate = () => bump()
    history.doc.on('update', onUpdate)
    bump()
    return () => history.doc.off('update', onUpdate)
  }, [history])
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the doc's content
  return useMemo(() => (history ? listVersions(history.doc) : []), [history, version])
}
