/**
 * The directory's catalog snapshot in IndexedDB (client/src/search/snapshotCache.ts), in Node with
 * fake-indexeddb: saved without the entries' search text, read back with the Yjs snapshot of the
 * document it came from and its sort orders; a record of another shape is ignored, not trusted.
 */
import 'fake-indexeddb/auto'
import { emptyQuery, SORT_KEYS } from '@kenlabour/shared/catalogQuery'
import { type CatalogEntry, catalogMap } from '@kenlabour/shared/spaceIndex'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeCache } from '../../client/src/search/cacheDb.ts'
import { CatalogModel } from '../../client/src/search/catalogModel.ts'
import { loadSnapshot, saveSnapshot } from '../../client/src/search/snapshotCache.ts'

const entry = (id: string, title: string, updatedAt: number): CatalogEntry => ({
  id,
  title,
  actorType: 'association',
  scale: null,
  keywords: ['alimentation'],
  city: 'Brest',
  excerpt: 'Un extrait',
  createdAt: updatedAt,
  updatedAt,
  trashedAt: null,
  searchText: `${title} tout le texte de la fiche`,
  location: { lat: 48.39, lng: -4.49 },
})

describe('catalog snapshot', () => {
  it('round-trips the catalog without search text, with the document version and sort orders', async () => {
    const doc = new Y.Doc()
    const entries = [entry('B', 'Zèbre', 1), entry('A', 'Abeille', 3), entry('C', 'Écureuil', 2)]
    for (const e of entries) catalogMap(doc).set(e.id, e)
    const model = CatalogModel.of(entries)
    const key = Y.encodeSnapshot(Y.snapshot(doc))
    expect(await saveSnapshot('demo', key, model)).toBe(true)

    const snapshot = await loadSnapshot('demo')
    expect(snapshot).not.toBeNull()
    expect(Y.equalSnapshots(Y.decodeSnapshot(snapshot!.key), Y.snapshot(doc))).toBe(true)
    expect(snapshot!.entries.map((e) => e.id)).toEqual(['B', 'A', 'C'])
    expect(snapshot!.entries.every((e) => e.searchText === undefined && e.location === undefined)).toBe(true)
    const restored = CatalogModel.of(snapshot!.entries, snapshot!.orders)
    for (const sort of SORT_KEYS) {
      const ids = (m: CatalogModel) => m.query({ ...emptyQuery(), sort }, null).shown.map((e) => e.id)
      expect(ids(restored)).toEqual(ids(model))
    }
    expect(await loadSnapshot('other-space')).toBeNull()
  })

  it('ignores a record of another version or shape', async () => {
    await writeCache('snapshots', 'old', { version: 0, key: new Uint8Array(), entries: [], orders: {} })
    expect(await loadSnapshot('old')).toBeNull()
    await writeCache('snapshots', 'broken', { version: 1, key: 'nope', entries: [{ id: 1 }] })
    expect(await loadSnapshot('broken')).toBeNull()
  })
})
