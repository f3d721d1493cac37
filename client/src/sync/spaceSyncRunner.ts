/**
 * Runs whole-space sync for the space on screen: once when it is shown, again whenever the browser
 * comes back online. One run at a time per space; a run asked for while one is going is done right
 * after it. Updates `syncState.ts` (status, "changed elsewhere" marks) and reports a full disk.
 */
import { storedToken } from './accessTokens.ts'
import { indexedDbLocalDocs } from './localDocs.ts'
import { syncSpace } from './spaceSync.ts'
import { reportStorageError } from './storage.ts'
import { markChangedElsewhere, setSpaceSyncStatus, spaceSyncStatus } from './syncState.ts'

const again = new Set<string>()
const watched = new Set<string>()

export const runSpaceSync = async (space: string): Promise<void> => {
  if (spaceSyncStatus(space).running) {
    again.add(space)
    return
  }
  setSpaceSyncStatus(space, { running: true })
  try {
    const local = indexedDbLocalDocs()
    const result = await syncSpace(window.location.origin, space, local, fetch, storedToken(space))
    markChangedElsewhere(space, result.updated)
    setSpaceSyncStatus(space, {
      running: false,
      lastSyncedAt: Date.now(),
      lastChanged: result.changed.length,
      error: null,
    })
  } catch (error) {
    reportStorageError(error)
    setSpaceSyncStatus(space, {
      running: false,
      error: error instanceof Error ? error.message : String(error),
    })
  }
  if (again.delete(space)) await runSpaceSync(space)
}

/** Syncs `space` now and on every return of the network (idempotent per space). */
export const keepSpaceSynced = (space: string): void => {
  void runSpaceSync(space)
  if (watched.has(space)) return
  watched.add(space)
  window.addEventListener('online', () => void runSpaceSync(space))
}
