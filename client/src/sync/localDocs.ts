/**
 * The device's copy of a space for whole-space sync, read and written straight in y-indexeddb's
 * own databases (one per document, named `<space>/<id>`, object store `updates`), so documents no
 * one has open are brought up to date without building a Y.Doc for each. A document that is open
 * picks the new entries up on its next load or trim (y-indexeddb applies every stored update).
 *
 * Also keeps each database's update log short: y-indexeddb trims only documents open while they
 * pass 500 updates, and each whole-space sync appends one entry to every changed document, so
 * a log over `COMPACT_AFTER` entries is merged into one, in one transaction (nothing lost if the
 * tab closes midway).
 */
import * as idb from 'lib0/indexeddb'
import * as Y from 'yjs'
import type { LocalDocs } from './spaceSync.ts'

const UPDATES = 'updates'
/** Merge a document's stored updates into one past this many entries. */
export const COMPACT_AFTER = 50

const openDocDb = (name: string): Promise<IDBDatabase> =>
  // The same stores as y-indexeddb creates, so either may create the database first.
  idb.openDB(name, (db) => idb.createStores(db, [[UPDATES, { autoIncrement: true }], ['custom']]))

const versionsKey = (space: string) => `kenlabour.versions.${space}`
const cursorKey = (space: string) => `kenlabour.changes.${space}`

/** Reads every stored update; merges them into one entry when there are too many. */
const readUpdates = async (db: IDBDatabase): Promise<Uint8Array[]> => {
  const [store] = idb.transact(db, [UPDATES]) as [IDBObjectStore]
  const entries = await idb.getAllKeysValues(store)
  const updates = entries.map((e) => e.v as Uint8Array)
  if (entries.length <= COMPACT_AFTER) return updates
  const merged = Y.mergeUpdates(updates)
  const lastKey = entries.at(-1)!.k
  await idb.del(store, idb.createIDBKeyRangeUpperBound(lastKey, false))
  await idb.addAutoKey(store, merged as unknown as ArrayBuffer)
  return [merged]
}

/** `LocalDocs` over IndexedDB, as y-indexeddb stores documents. */
export const indexedDbLocalDocs = (knownIds: (space: string) => string[] = () => []): LocalDocs => ({
  list: async (space) => {
    const ids = new Set(knownIds(space))
    const listing = await indexedDB.databases?.().catch(() => [])
    for (const { name } of listing ?? []) {
      if (name?.startsWith(`${space}/`)) ids.add(name.slice(space.length + 1))
    }
    return [...ids].sort()
  },
  stateVector: async (space, id) => {
    const db = await openDocDb(`${space}/${id}`)
    try {
      const updates = await readUpdates(db)
      return updates.length === 0
        ? new Uint8Array([0])
        : Y.encodeStateVectorFromUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates))
    } finally {
      db.close()
    }
  },
  apply: async (space, id, update) => {
    const db = await openDocDb(`${space}/${id}`)
    try {
      const [store] = idb.transact(db, [UPDATES]) as [IDBObjectStore]
      // lib0 types the value as ArrayBuffer; IndexedDB stores any cloneable, y-indexeddb stores Uint8Arrays.
      await idb.addAutoKey(store, update as unknown as ArrayBuffer)
    } finally {
      db.close()
    }
  },
  versions: (space) => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(versionsKey(space)) ?? '{}')
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch {
      return {}
    }
  },
  saveVersions: (space, versions) => {
    // Best effort: without it the next sync only downloads a little more.
    try {
      localStorage.setItem(versionsKey(space), JSON.stringify(versions))
    } catch {}
  },
  changesCursor: (space) => {
    try {
      return localStorage.getItem(cursorKey(space))
    } catch {
      return null
    }
  },
  saveChangesCursor: (space, cursor) => {
    // Best effort: without it the next sync compares every document again.
    try {
      if (cursor === null) localStorage.removeItem(cursorKey(space))
      else localStorage.setItem(cursorKey(space), cursor)
    } catch {}
  },
})

/** How many entries a document's IndexedDB log holds (tests, diagnostics). */
export const storedUpdateCount = async (name: string): Promise<number> => {
  const db = await openDocDb(name)
  try {
    const [store] = idb.transact(db, [UPDATES], 'readonly') as [IDBObjectStore]
    return await idb.count(store)
  } finally {
    db.close()
  }
}
