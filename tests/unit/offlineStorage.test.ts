/**
 * The device's storage, in Node with fake-indexeddb: y-indexeddb's update log stays bounded (it
 * trims itself past `PREFERRED_TRIM_SIZE`), whole-space sync's direct writes are compacted too,
 * a full disk becomes the "Espace de stockage plein…" message, and the sync state of a fiche reads
 * as the interface says it.
 */
import 'fake-indexeddb/auto'
import { describe, expect, test } from 'vitest'
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE } from 'y-indexeddb'
import * as Y from 'yjs'
import { DICTIONARIES } from '../../client/src/i18n/dictionary.ts'
import type { DocState } from '../../client/src/sync/docStore.ts'
import { COMPACT_AFTER, indexedDbLocalDocs, storedUpdateCount } from '../../client/src/sync/localDocs.ts'
import {
  isQuotaError,
  reportStorageError,
  storageProblem,
  watchStorageErrors,
} from '../../client/src/sync/storage.ts'
import {
  changedElsewhere,
  clearChangedElsewhere,
  ficheSyncState,
  markChangedElsewhere,
} from '../../client/src/sync/syncState.ts'
import { waitFor } from '../helpers/waitFor.ts'

describe('IndexedDB update log', () => {
  test('y-indexeddb trims a document’s log instead of letting it grow', async () => {
    const name = `trim/${Math.random()}`
    const doc = new Y.Doc()
    const persistence = new IndexeddbPersistence(name, doc)
    await persistence.whenSynced
    const text = doc.getText('t')
    for (let i = 0; i < PREFERRED_TRIM_SIZE * 2 + 100; i++) text.insert(text.length, 'x')
    // The trim is debounced (1 s): wait for it, then the log is a handful of entries.
    await waitFor(async () => (await storedUpdateCount(name)) < 50, 15_000, 'the log to be trimmed')
    await persistence.destroy()
    const reloaded = new Y.Doc()
    const again = new IndexeddbPersistence(name, reloaded)
    await again.whenSynced
    expect(reloaded.getText('t').length).toBe(PREFERRED_TRIM_SIZE * 2 + 100)
    await again.destroy()
  })

  test('whole-space sync writes are merged into one entry past COMPACT_AFTER', async () => {
    const local = indexedDbLocalDocs()
    const source = new Y.Doc()
    const space = `space${Math.floor(Math.random() * 1e9)}`
    for (let i = 0; i < COMPACT_AFTER + 20; i++) {
      const before = Y.encodeStateVector(source)
      source.getArray('a').push([i])
      await local.apply(space, 'f', Y.encodeStateAsUpdate(source, before))
    }
    expect(await storedUpdateCount(`${space}/f`)).toBe(COMPACT_AFTER + 20)
    const sv = await local.stateVector(space, 'f')
    expect(sv).toEqual(Y.encodeStateVector(source))
    expect(await storedUpdateCount(`${space}/f`)).toBe(1)
    expect(await local.list(space)).toEqual(['f'])

    // y-indexeddb reads the compacted entry like its own.
    const doc = new Y.Doc()
    const persistence = new IndexeddbPersistence(`${space}/f`, doc)
    await persistence.whenSynced
    expect(doc.getArray('a').toArray()).toEqual(source.getArray('a').toArray())
    await persistence.destroy()
  })
})

describe('a full disk', () => {
  test('quota errors are recognised, other errors are not', () => {
    expect(isQuotaError(new DOMException('quota', 'QuotaExceededError'))).toBe(true)
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true)
    expect(isQuotaError({ name: 'AbortError', target: { error: { name: 'QuotaExceededError' } } })).toBe(true)
    expect(isQuotaError(new Error('network down'))).toBe(false)
    expect(isQuotaError(null)).toBe(false)
  })

  test('an unhandled quota rejection (y-indexeddb’s writes) shows the message; others are left alone', () => {
    const target = new EventTarget()
    watchStorageErrors(target as unknown as Window)
    storageProblem.dismiss()
    const rejection = (reason: unknown) =>
      Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason })

    const other = rejection(new Error('boom'))
    target.dispatchEvent(other)
    expect(storageProblem.get()).toBeNull()
    expect(other.defaultPrevented).toBe(false)

    const full = rejection(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    target.dispatchEvent(full)
    expect(full.defaultPrevented).toBe(true)
    const problem = storageProblem.get()
    expect(problem?.kind).toBe('quota')
    expect(DICTIONARIES.fr.offline.storageFull(problem!.detail)).toMatch(
      /^Espace de stockage plein sur cet appareil : .*The quota has been exceeded\./,
    )
    storageProblem.dismiss()
    expect(reportStorageError(new Error('not quota'))).toBe(false)
    expect(storageProblem.get()).toBeNull()
  })
})

describe('fiche sync state', () => {
  const base: DocState = {
    localLoaded: true,
    everSynced: false,
    connection: { kind: 'offline', close: null },
    pending: false,
  } as DocState
  const none = { waiting: 0, savedOnServer: false, refused: null }
  const online = { ...base, connection: { kind: 'connected', synced: true } } as DocState
  const cases: [string, DocState, number, typeof none, string][] = [
    ['offline, nothing changed: saved on this device', base, 0, none, 'local'],
    ['offline with 3 changes counted', { ...base, pending: true }, 3, none, 'waiting:3'],
    ['changes from an earlier visit, count unknown', { ...base, pending: true }, 0, none, 'waiting:1'],
    ['online, changes not yet acknowledged', online, 0, { ...none, waiting: 2 }, 'waiting:2'],
    ['online, every change acknowledged', online, 0, { ...none, savedOnServer: true }, 'synced'],
    ['online and synced, no local change', online, 0, none, 'synced'],
    ['not loaded yet', { ...base, localLoaded: false }, 0, none, 'loading'],
  ]
  for (const [name, state, count, durable, expected] of cases) {
    test(name, () => {
      const sync = ficheSyncState(state, count, durable)
      expect(sync.kind === 'waiting' ? `waiting:${sync.count}` : sync.kind).toBe(expected)
    })
  }
})

describe('changed elsewhere since last opened', () => {
  test('fiches updated by a whole-space sync are marked until opened; the index never is', () => {
    markChangedElsewhere('marks', ['a', 'b', '_index'])
    expect([...changedElsewhere('marks')].sort()).toEqual(['a', 'b'])
    const before = changedElsewhere('marks')
    markChangedElsewhere('marks', ['a'])
    // Nothing new: the same set (React's useSyncExternalStore needs a stable snapshot).
    expect(changedElsewhere('marks')).toBe(before)
    clearChangedElsewhere('marks', 'a')
    expect([...changedElsewhere('marks')]).toEqual(['b'])
  })
})
