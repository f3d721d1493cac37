/**
 * A space as imports and exports see it: its fiches (trash included) and its name and licence.
 * Two implementations: through the live relay's rooms (HTTP routes: every write is stored,
 * broadcast and catalogued like a peer's) and straight on a storage (the CLI on a stopped relay's
 * data directory, which then also writes the catalog entries itself).
 */
import { DEFAULT_LICENCE, spaceDisplayName, spaceLicence } from '@kenlabour/shared/export/licence'
import type { Fiche } from '@kenlabour/shared/fiche'
import { hasFiche, readFiche } from '@kenlabour/shared/ficheDoc'
import { historyDocId } from '@kenlabour/shared/history/docId'
import { writeImportedFiche } from '@kenlabour/shared/history/importVersion'
import { docName, INDEX_DOC_ID } from '@kenlabour/shared/names'
import type { Participant } from '@kenlabour/shared/participants'
import { catalogEntryOf, spaceInfoMap, upsertCatalogEntry } from '@kenlabour/shared/spaceIndex'
import * as Y from 'yjs'
import { loadDoc } from '../storage/loadDoc.ts'
import type { DocStorage } from '../storage/types.ts'
import type { RoomManager } from '../sync/rooms.ts'

/** The transaction origin of imported changes. */
export const IMPORT_ORIGIN = 'kenlabour-relay:import'

export interface SpaceInfo {
  readonly name: string
  readonly licence: string
}

export interface SpaceStore {
  readonly space: string
  /** True when the space has at least one stored document. */
  exists(): Promise<boolean>
  /** Every fiche (trash included), oldest first. */
  readFiches(): Promise<Fiche[]>
  readFiche(id: string): Promise<Fiche | null>
  /** Writes an imported fiche, and the change into its history (see `writeImportedFiche`). */
  writeFiche(fiche: Fiche, by: Participant): Promise<void>
  readInfo(): Promise<SpaceInfo>
  /** Sets the name and licence the space does not have yet (an import never renames a space). */
  fillInfo(info: Partial<SpaceInfo>): Promise<void>
}

const ficheOf = (doc: Y.Doc, id: string): Fiche | null => {
  if (!hasFiche(doc)) return null
  const fiche = readFiche(doc)
  // As in the catalog: a document is the fiche its name says, or no fiche.
  return fiche.id === id ? fiche : null
}

/** Collects the updates `doc` makes from now on. */
const updatesOf = (doc: Y.Doc): Uint8Array[] => {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return updates
}

/**
 * Runs the import's write on scratch copies of the fiche and its history (`copyOf` gives each
 * document's current state) and hands `store` the update made to each, the fiche's first.
 */
const writeWithHistory = async (
  fiche: Fiche,
  by: Participant,
  copyOf: (id: string) => Promise<Y.Doc>,
  store: (id: string, update: Uint8Array) => Promise<void>,
): Promise<void> => {
  const historyId = historyDocId(fiche.id)
  const doc = await copyOf(fiche.id)
  const history = await copyOf(historyId)
  try {
    const ficheUpdates = updatesOf(doc)
    const historyUpdates = updatesOf(history)
    writeImportedFiche(doc, history, fiche, by, Date.now())
    if (ficheUpdates.length > 0) await store(fiche.id, Y.mergeUpdates(ficheUpdates))
    if (historyUpdates.length > 0) await store(historyId, Y.mergeUpdates(historyUpdates))
  } finally {
    doc.destroy()
    history.destroy()
  }
}

const byAge = (a: Fiche, b: Fiche) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)

const infoOf = (index: Y.Doc, space: string): SpaceInfo => ({
  name: spaceDisplayName(index, space),
  licence: spaceLicence(index),
})

const fill = (index: Y.Doc, info: Partial<SpaceInfo>): void => {
  const map = spaceInfoMap(index)
  if (info.name && typeof map.get('name') !== 'string') map.set('name', info.name)
  if (info.licence && typeof map.get('licence') !== 'string' && info.licence !== DEFAULT_LICENCE) {
    map.set('licence', info.licence)
  }
}

/** Through the rooms: the freshest state, and writes that reach connected peers live. */
export const roomSpaceStore = (rooms: RoomManager, storage: DocStorage, space: string): SpaceStore => {
  const read = async <T>(id: string, reader: (doc: Y.Doc) => T): Promise<T> => {
    const name = docName(space, id)
    const room = rooms.peek(name)
    if (room) return reader(room.doc)
    const { doc } = await loadDoc(storage, name)
    try {
      return reader(doc)
    } finally {
      doc.destroy()
    }
  }
  const edit = async (id: string, change: (doc: Y.Doc) => void): Promise<void> => {
    const room = await rooms.acquire(docName(space, id))
    try {
      await room.queue.run(() => room.edit(change, IMPORT_ORIGIN))
    } finally {
      rooms.release(room)
    }
  }
  const ids = async () =>
    (await storage.listDocs(space)).map((n) => n.slice(space.length + 1)).filter((id) => id !== INDEX_DOC_ID)
  return {
    space,
    exists: async () => (await storage.listDocs(space)).length > 0,
    readFiches: async () => {
      const fiches: Fiche[] = []
      for (const id of await ids()) {
        const fiche = await read(id, (doc) => ficheOf(doc, id))
        if (fiche) fiches.push(fiche)
      }
      return fiches.sort(byAge)
    },
    readFiche: (id) => read(id, (doc) => ficheOf(doc, id)),
    writeFiche: (fiche, by) =>
      writeWithHistory(
        fiche,
        by,
        (id) =>
          read(id, (doc) => {
            const copy = new Y.Doc()
            Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
            return copy
          }),
        (id, update) => edit(id, (doc) => Y.applyUpdate(doc, update, IMPORT_ORIGIN)),
      ),
    readInfo: () => read(INDEX_DOC_ID, (doc) => infoOf(doc, space)),
    fillInfo: (info) => edit(INDEX_DOC_ID, (doc) => fill(doc, info)),
  }
}

/**
 * Straight on a storage, for a relay that is stopped (the CLI's `--data`): each write appends the
 * update it produced, and the fiche's catalog entry is upserted as the relay's catalog would.
 */
export const storageSpaceStore = (storage: DocStorage, space: string): SpaceStore => {
  const withDoc = async <T>(id: string, use: (doc: Y.Doc) => T): Promise<T> => {
    const { doc } = await loadDoc(storage, docName(space, id))
    try {
      return use(doc)
    } finally {
      doc.destroy()
    }
  }
  const edit = async (id: string, change: (doc: Y.Doc) => void): Promise<void> => {
    const { doc } = await loadDoc(storage, docName(space, id))
    try {
      const before = Y.encodeStateVector(doc)
      let changed = false
      doc.on('update', () => {
        changed = true
      })
      change(doc)
      if (changed) await storage.appendUpdate(docName(space, id), Y.encodeStateAsUpdate(doc, before))
    } finally {
      doc.destroy()
    }
  }
  const store: SpaceStore = {
    space,
    exists: async () => (await storage.listDocs(space)).length > 0,
    readFiches: async () => {
      const names = await storage.listDocs(space)
      const fiches: Fiche[] = []
      for (const name of names) {
        const id = name.slice(space.length + 1)
        if (id === INDEX_DOC_ID) continue
        const fiche = await withDoc(id, (doc) => ficheOf(doc, id))
        if (fiche) fiches.push(fiche)
      }
      return fiches.sort(byAge)
    },
    readFiche: (id) => withDoc(id, (doc) => ficheOf(doc, id)),
    writeFiche: async (fiche, by) => {
      await writeWithHistory(
        fiche,
        by,
        async (id) => (await loadDoc(storage, docName(space, id))).doc,
        (id, update) => storage.appendUpdate(docName(space, id), update).then(() => {}),
      )
      await edit(INDEX_DOC_ID, (doc) => {
        upsertCatalogEntry(doc, catalogEntryOf(fiche, Date.now()))
      })
    },
    readInfo: () => withDoc(INDEX_DOC_ID, (doc) => infoOf(doc, space)),
    fillInfo: (info) => edit(INDEX_DOC_ID, (doc) => fill(doc, info)),
  }
  return store
}
