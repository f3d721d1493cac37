/**
 * Others' edits reach this device's IndexedDB in batches. y-indexeddb writes every document update
 * in an IndexedDB transaction of its own, at once. In a workshop the page applies a batch of others'
 * edits every frame or two (`remoteUpdateBatching.ts`), and those writes — a transaction, a
 * structured clone and a request each — were a quarter of the edit page's script time in the
 * workshop-screen benchmark. Others' edits are on the relay already, so the device may keep them a
 * moment later: they are merged and written once a second, and at once when the page is hidden
 * or the document closes. One's own edits, which may exist nowhere else yet, are written at once
 * as before. y-indexeddb's own bookkeeping (its log size and compaction) is untouched: batches go
 * through its `_storeUpdate`.
 */
import type { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'

/** How long others' edits may wait before they are written to IndexedDB. */
export const REMOTE_WRITE_DELAY_MS = 1_000

/**
 * Routes `persistence`'s writes of updates whose transaction origin is `remoteOrigin` (the
 * provider) through a batch. Returns a function that writes what waits and puts y-indexeddb's own
 * listener back; call it before destroying the persistence.
 */
export const batchRemoteWrites = (persistence: IndexeddbPersistence, remoteOrigin: unknown): (() => void) => {
  const { doc } = persistence
  let waiting: Uint8Array[] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  const flush = () => {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
    }
    if (waiting.length === 0) return
    const updates = waiting
    waiting = []
    persistence._storeUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), null)
  }

  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== remoteOrigin) {
      persistence._storeUpdate(update, origin)
      return
    }
    waiting.push(update)
    timer ??= setTimeout(flush, REMOTE_WRITE_DELAY_MS)
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush()
  }

  doc.off('update', persistence._storeUpdate)
  doc.on('update', onUpdate)
  const inPage = typeof document !== 'undefined'
  if (inPage) {
    document.addEventListener('visibilitychange', onHidden)
    window.addEventListener('pagehide', flush)
  }

  return () => {
    flush()
    doc.off('update', onUpdate)
    if (inPage) {
      document.removeEventListener('visibilitychange', onHidden)
      window.removeEventListener('pagehide', flush)
    }
    if (!persistence._destroyed) doc.on('update', persistence._storeUpdate)
  }
}
