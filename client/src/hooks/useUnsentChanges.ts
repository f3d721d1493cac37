import { useEffect, useState } from 'react'
import type { DocHandle } from '../sync/docStore.ts'

/**
 * How many local changes (transactions) were made since the relay last had everything: counted
 * while the document is not connected and synced, reset at the next sync. Null when the document
 * holds changes from an earlier visit whose number is not known (`pending` without a count).
 */
export const useUnsentChanges = (handle: DocHandle | null): number | null => {
  const [count, setCount] = useState(0)
  useEffect(() => {
    if (!handle) return
    let n = 0
    const live = () => {
      const { connection } = handle.getState()
      return connection.kind === 'connected' && connection.synced
    }
    const onUpdate = (_u: Uint8Array, _o: unknown, _d: unknown, transaction: { local: boolean }) => {
      if (!transaction.local || live()) return
      n++
      setCount(n)
    }
    const onState = () => {
      if (live() && n > 0) {
        n = 0
        setCount(0)
      }
    }
    handle.doc.on('update', onUpdate)
    const unsubscribe = handle.subscribe(onState)
    return () => {
      handle.doc.off('update', onUpdate)
      unsubscribe()
    }
  }, [handle])
  if (!handle) return 0
  return count === 0 && handle.getState().pending ? null : count
}
