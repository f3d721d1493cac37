/**
 * The contract every `DocStorage` backend must meet (as automerge-repo's `runStorageAdapterTests`):
 * run it against each implementation with a `setup` that returns a fresh, empty store.
 * `reopen`, when given, reopens the same store (to check durability across a close).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type DocStorage, StaleCursorError } from '../../relay/src/storage/types.ts'

export interface StorageSetup {
  open(): Promise<DocStorage>
  reopen?(): Promise<DocStorage>
}

const textUpdate = (doc: Y.Doc, value: string): Uint8Array => {
  let update: Uint8Array | undefined
  const capture = (u: Uint8Array) => {
    update = u
  }
  doc.on('update', capture)
  doc.getText('t').insert(doc.getText('t').length, value)
  doc.off('update', capture)
  return update!
}

const rebuild = (updates: Uint8Array[]): string => {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

export const runStorageContract = (name: string, setup: StorageSetup): void => {
  describe(`DocStorage contract: ${name}`, () => {
    it('has no updates for an unknown document', async () => {
      const storage = await setup.open()
      expect(await storage.loadUpdates('space/Nothing')).toEqual({ updates: [], upToId: 0 })
      expect(await storage.listDocs('space')).toEqual([])
      await storage.close()
    })

    it('returns appended updates in order with increasing ids', async () => {
      const storage = await setup.open()
      const doc = new Y.Doc()
      const ids: number[] = []
      for (const part of ['a', 'b', 'c'])
        ids.push(await storage.appendUpdate('space/Doc', textUpdate(doc, part)))
      expect(ids[1]).toBeGreaterThan(ids[0]!)
      expect(ids[2]).toBeGreaterThan(ids[1]!)
      const loaded = await storage.loadUpdates('space/Doc')
      expect(loaded.updates).toHaveLength(3)
      expect(loaded.upToId).toBe(ids[2])
      expect(rebuild(loaded.updates)).toBe('abc')
      await storage.close()
    })

    it('keeps documents apart and lists the documents of one space only', async () => {
      const storage = await setup.open()
      await storage.appendUpdate('one/A', textUpdate(new Y.Doc(), 'A'))
      await storage.appendUpdate('one/B', textUpdate(new Y.Doc(), 'B'))
      await storage.appendUpdate('one-two/C', textUpdate(new Y.Doc(), 'C'))
      await storage.appendUpdate('on/D', textUpdate(new Y.Doc(), 'D'))
      expect(await storage.listDocs('one')).toEqual(['one/A', 'one/B'])
      expect(await storage.listDocs('one-two')).toEqual(['one-two/C'])
      expect(rebuild((await storage.loadUpdates('one/B')).updates)).toBe('B')
      await storage.close()
    })

    it('replaces the log up to an id by a snapshot and keeps later updates', async () => {
      const storage = await setup.open()
      const doc = new Y.Doc()
      for (const part of ['1', '2', '3']) await storage.appendUpdate('s/Doc', textUpdate(doc, part))
      const { upToId } = await storage.loadUpdates('s/Doc')
      const snapshot = Y.encodeStateAsUpdate(doc)
      // Appended between reading the state and compacting: must survive.
      await storage.appendUpdate('s/Doc', textUpdate(doc, '4'))
      await storage.replaceWithSnapshot('s/Doc', snapshot, upToId)
      const loaded = await storage.loadUpdates('s/Doc')
      expect(loaded.updates).toHaveLength(2)
      expect(rebuild(loaded.updates)).toBe('1234')
      expect(await storage.listDocs('s')).toEqual(['s/Doc'])
      await storage.close()
    })

    it('ignores a snapshot older than the current one', async () => {
      const storage = await setup.open()
      const doc = new Y.Doc()
      const first = await storage.appendUpdate('s/Old', textUpdate(doc, 'x'))
      const oldState = Y.encodeStateAsUpdate(doc)
      const second = await storage.appendUpdate('s/Old', textUpdate(doc, 'y'))
      await storage.replaceWithSnapshot('s/Old', Y.encodeStateAsUpdate(doc), second)
      await storage.replaceWithSnapshot('s/Old', oldState, first)
      expect(rebuild((await storage.loadUpdates('s/Old')).updates)).toBe('xy')
      await storage.close()
    })

    it('lists the documents changed since a cursor, compacted ones included', async () => {
      const storage = await setup.open()
      const a = new Y.Doc()
      const b = new Y.Doc()
      await storage.appendUpdate('c/A', textUpdate(a, 'a'))
      await storage.appendUpdate('c/B', textUpdate(b, 'b'))
      await storage.appendUpdate('other/X', textUpdate(new Y.Doc(), 'x'))
      const everything = await storage.changedSince('c', null)
      expect(everything.names).toEqual(['c/A', 'c/B'])
      expect(await storage.changedSince('c', everything.cursor)).toMatchObject({ names: [] })

      await storage.appendUpdate('c/B', textUpdate(b, '!'))
      await storage.appendUpdate('c/New', textUpdate(new Y.Doc(), 'n'))
      const next = await storage.changedSince('c', everything.cursor)
      expect(next.names).toEqual(['c/B', 'c/New'])

      // A change folded into a snapshot before anyone asked is still reported.
      await storage.appendUpdate('c/A', textUpdate(a, '+'))
      const { upToId } = await storage.loadUpdates('c/A')
      await storage.replaceWithSnapshot('c/A', Y.encodeStateAsUpdate(a), upToId)
      expect((await storage.changedSince('c', next.cursor)).names).toEqual(['c/A'])
      await storage.close()
    })

    it('refuses a cursor it never gave', async () => {
      const storage = await setup.open()
      await storage.appendUpdate('c/A', textUpdate(new Y.Doc(), 'a'))
      const { cursor } = await storage.changedSince('c', null)
      await expect(storage.changedSince('c', `${BigInt(cursor) + 1_000_000n}`)).rejects.toBeInstanceOf(
        StaleCursorError,
      )
      await expect(storage.changedSince('c', 'not a cursor')).rejects.toBeInstanceOf(StaleCursorError)
      await storage.close()
    })

    if (setup.reopen) {
      const reopen = setup.reopen
      it('finds everything again after close and reopen', async () => {
        const storage = await setup.open()
        const doc = new Y.Doc()
        await storage.appendUpdate('s/Durable', textUpdate(doc, 'kept'))
        const { upToId } = await storage.loadUpdates('s/Durable')
        await storage.replaceWithSnapshot('s/Durable', Y.encodeStateAsUpdate(doc), upToId)
        await storage.appendUpdate('s/Durable', textUpdate(doc, '!'))
        await storage.close()
        const again = await reopen()
        expect(rebuild((await again.loadUpdates('s/Durable')).updates)).toBe('kept!')
        await again.close()
      })
    }
  })
}
