import { useEffect, useState, useSyncExternalStore } from 'react'
import { type DocHandle, type DocState, docStore } from '../sync/docStore.ts'

/**
 * A lease on `<space>/<id>` for as long as the component is mounted (null during the first render).
 */
export const useDoc = (space: string, id: string): DocHandle | null => {
  const [handle, setHandle] = useState<DocHandle | null>(null)
  useEffect(() => {
    const lease = docStore().open(space, id)
    setHandle(lease.handle)
    return () => {
      lease.release()
      setHandle(null)
    }
  }, [space, id])
  return handle
}

const CLOSED_STATE: DocState = {
  localLoaded: false,
  everSynced: false,
  connection: { kind: 'connecting' },
  pending: false,
}
const noSubscription = () => () => {}

/** Load and connection state of a document, re-rendering when it changes. */
export const useDocState = (handle: DocHandle | null): DocState =>
  useSyncExternalStore(
    handle ? handle.subscribe : noSubscription,
    handle ? handle.getState : () => CLOSED_STATE,
  )
