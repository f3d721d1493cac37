/**
 * Rebuilds a Y.Doc from storage. Used by rooms when they load and by the HTTP API for documents
 * no client has open.
 */
import * as Y from 'yjs'
import type { DocStorage } from './types.ts'

export interface LoadedDoc {
  readonly doc: Y.Doc
  /** How many stored entries (snapshot included) the doc was built from. */
  readonly entries: number
  /** The id of the last stored update folded in (see `DocStorage.replaceWithSnapshot`). */
  readonly upToId: number
  /** Total size of the stored entries, in bytes (what the document-size limit counts). */
  readonly bytes: number
}

/** Loads a document (an unknown one is an empty doc with no entries). */
export const loadDoc = async (storage: DocStorage, docName: string): Promise<LoadedDoc> => {
  const { updates, upToId } = await storage.loadUpdates(docName)
  const doc = new Y.Doc()
  if (updates.length > 0) {
    // Merging first applies everything in one transaction (one pass over the structs).
    Y.applyUpdate(doc, Y.mergeUpdates(updates))
  }
  return { doc, entries: updates.length, upToId, bytes: updates.reduce((sum, u) => sum + u.byteLength, 0) }
}
