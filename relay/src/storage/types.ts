/**
 * The relay's persistence, as one small interface in the style of automerge-repo's
 * `StorageAdapterInterface`: an append-only log of Yjs updates per document, which can be folded
 * into a snapshot. Nothing outside `storage/` knows which backend is behind it (SQLite today,
 * PostgreSQL later), so the interface speaks only document names, bytes and ids.
 *
 * Every method returns a promise so that a networked backend fits; the relay awaits `appendUpdate`
 * before it tells the sender "durable up to" (relay/PROTOCOL.md) and before other relays hear of it.
 */

/** What `loadUpdates` returns: the snapshot (if any) then every later update, in append order. */
export interface StoredUpdates {
  /** Yjs updates (v1 encoding); applying all of them in any order rebuilds the document. */
  readonly updates: Uint8Array[]
  /** The id of the last update included (0 for an unknown document); pass it to `replaceWithSnapshot`. */
  readonly upToId: number
}

/** What `changedSince` returns. */
export interface ChangedDocs {
  /** Names (`<space>/<id>`), sorted. */
  readonly names: string[]
  readonly cursor: string
}

/** A `changedSince` cursor that is not from this store, or from a later state than it holds. */
export class StaleCursorError extends Error {
  constructor(cursor: string) {
    super(`unknown changes cursor ${JSON.stringify(cursor).slice(0, 40)}`)
  }
}

export interface DocStorage {
  /** Everything stored for a document. An unknown document has no updates. */
  loadUpdates(docName: string): Promise<StoredUpdates>
  /** Appends one update durably (it survives a crash once the promise resolves); returns its id. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>
  /**
   * Atomically replaces the snapshot and every update with id <= `upToId` by `state`, which must
   * contain all of them (e.g. `Y.encodeStateAsUpdate` of a doc built from them). Updates appended
   * after `upToId` are kept, so compacting never drops an update.
   */
  replaceWithSnapshot(docName: string, state: Uint8Array, upToId: number): Promise<void>
  /** Names (`<space>/<id>`) of every stored document of a space, sorted. */
  listDocs(space: string): Promise<string[]>
  /**
   * The documents of a space that changed since `since` (an opaque cursor from an earlier call, or
   * null for every document), and the cursor to pass next time. A change committed after the call
   * is always reported by the next call (never lost between cursors); a compaction may report a
   * document again. Throws `StaleCursorError` for a cursor this store never gave (e.g. a store
   * restored from an older backup), so the caller falls back to a full comparison.
   */
  changedSince(space: string, since: string | null): Promise<ChangedDocs>
  /** Releases the backend; pending writes are finished first. */
  close(): Promise<void>
}
