/**
 * The catalog snapshot: what the directory needs of a space's catalog (entries without their
 * `searchText`, sort orders), kept in IndexedDB (`cacheDb.ts`) so that the directory opens from it at
 * once, before the index document is loaded.
 *
 * Why: the index document of 10,000 fiches is ~26 MB (every entry carries the fiche's whole text,
 * for search), and decoding it takes seconds; the snapshot is a few MB of plain objects that the
 * browser deserialises in tens of milliseconds. It records the Yjs snapshot (state vector and delete
 * set) of the document it was read from, so once the document is loaded the page knows whether the
 * snapshot was exactly current, or reads the document again.
 */
import { type CatalogEntry, catalogEntrySchema } from '@kenlabour/shared/spaceIndex'
import { z } from 'zod'
import { readCache, writeCache } from './cacheDb.ts'
import type { CatalogModel, SortOrders } from './catalogModel.ts'

const SNAPSHOT_VERSION = 1

const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  /** `Y.encodeSnapshot` of the index document the entries were read from. */
  key: z.instanceof(Uint8Array),
  entries: z.array(catalogEntrySchema),
  orders: z.object({
    title: z.instanceof(Int32Array),
    updated: z.instanceof(Int32Array),
    created: z.instanceof(Int32Array),
  }),
})
export interface CatalogSnapshot {
  readonly version: typeof SNAPSHOT_VERSION
  readonly key: Uint8Array
  readonly entries: readonly CatalogEntry[]
  readonly orders: SortOrders
}

/** The space's snapshot, or null (none yet, unreadable, or from another format version). */
export const loadSnapshot = async (space: string): Promise<CatalogSnapshot | null> => {
  const parsed = snapshotSchema.safeParse(await readCache('snapshots', space))
  return parsed.success ? parsed.data : null
}

/** Saves the model as the space's snapshot, without the entries' search text and location. */
export const saveSnapshot = (space: string, key: Uint8Array, model: CatalogModel): Promise<boolean> => {
  const entries = model.entries.map(({ searchText: _text, location: _location, ...entry }) => entry)
  const snapshot: CatalogSnapshot = { version: SNAPSHOT_VERSION, key, entries, orders: model.orders() }
  return writeCache('snapshots', space, snapshot)
}
