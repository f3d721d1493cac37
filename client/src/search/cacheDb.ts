/**
 * The catalog cache in IndexedDB (database `kenlabour-catalog-cache`), opened by the page (the
 * catalog snapshot, `snapshotCache.ts`) and by the search worker (the built search index): one
 * record per space in each store.
 *
 * Only a cache: everything in it is re-derivable from the space's index document (y-indexeddb keeps
 * that one), each record says which version of the document it was made from, and a record that is
 * missing, unreadable or from another format version is simply rebuilt. Hence errors here are
 * swallowed (a browser without IndexedDB, a full disk) and reads answer `undefined`.
 */
import * as idb from 'lib0/indexeddb'

const DB_NAME = 'kenlabour-catalog-cache'
export type CacheStore = 'snapshots' | 'search'

let opened: Promise<IDBDatabase | null> | null = null

const database = (): Promise<IDBDatabase | null> => {
  opened ??=
    typeof indexedDB === 'undefined'
      ? Promise.resolve(null)
      : idb.openDB(DB_NAME, (db) => idb.createStores(db, [['snapshots'], ['search']])).catch(() => null)
  return opened
}

/** The record of `space` in `store`, or undefined (none, or IndexedDB unavailable). */
export const readCache = async (store: CacheStore, space: string): Promise<unknown> => {
  const db = await database()
  if (!db) return undefined
  try {
    const [objects] = idb.transact(db, [store], 'readonly')
    return await idb.get(objects!, space)
  } catch {
    return undefined
  }
}

/** Replaces the record of `space` in `store`; resolves once committed (false if it could not be). */
export const writeCache = async (store: CacheStore, space: string, value: unknown): Promise<boolean> => {
  const db = await database()
  if (!db) return false
  try {
    const transaction = db.transaction([store], 'readwrite')
    const done = new Promise<boolean>((resolve) => {
      transaction.oncomplete = () => resolve(true)
      transaction.onerror = () => resolve(false)
      transaction.onabort = () => resolve(false)
    })
    transaction.objectStore(store).put(value, space)
    return await done
  } catch {
    return false
  }
}
