/**
 * Reads a relay's SQLite store directly (read-only), to check what is really on disk rather than
 * what the relay says: the snapshot and every logged update of a document, merged into a Y.Doc.
 */
import { join } from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'

export const readStoredDoc = (dataDir: string, name: string): Y.Doc => {
  const db = new Database(join(dataDir, 'kenlabour.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const read = db.transaction(() => {
      const snapshot = db
        .prepare<[string], { data: Buffer }>('SELECT data FROM snapshots WHERE doc = ?')
        .get(name)
      const updates = db
        .prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE doc = ? ORDER BY id')
        .all(name)
      return [...(snapshot ? [snapshot.data] : []), ...updates.map((u) => u.data)]
    })
    const doc = new Y.Doc()
    for (const update of read()) Y.applyUpdate(doc, new Uint8Array(update))
    return doc
  } finally {
    db.close()
  }
}

/** Every stored row of the database, as a fingerprint (to prove nothing changed). */
export const storeFingerprint = (dataDir: string): string => {
  const db = new Database(join(dataDir, 'kenlabour.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const updates = db
      .prepare<[], { id: number; doc: string; data: Buffer }>('SELECT id, doc, data FROM updates ORDER BY id')
      .all()
    const snapshots = db
      .prepare<[], { doc: string; data: Buffer; up_to: number }>(
        'SELECT doc, data, up_to FROM snapshots ORDER BY doc',
      )
      .all()
    return JSON.stringify([
      updates.map((u) => [u.id, u.doc, u.data.toString('base64')]),
      snapshots.map((s) => [s.doc, s.up_to, s.data.toString('base64')]),
    ])
  } finally {
    db.close()
  }
}
