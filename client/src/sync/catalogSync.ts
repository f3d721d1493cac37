/**
 * Keeps a fiche's entry in its space's catalog (`<space>/_index`) in step with local edits, so the
 * directory is right offline too. The relay writes the same entry when it stores an update; both
 * derive it from the fiche, and `upsertCatalogEntry` skips writes that change nothing shown, so the
 * two writers agree instead of ping-ponging.
 */
import { hasFiche, readFiche } from '@kenlabour/shared/ficheDoc'
import { INDEX_DOC_ID } from '@kenlabour/shared/names'
import { catalogEntryOf, upsertCatalogEntry } from '@kenlabour/shared/spaceIndex'
import type * as Y from 'yjs'
import type { DocHandle, DocStore } from './docStore.ts'

/** Writes the fiche's current summary into the catalog of its space. */
export const writeCatalogEntry = async (store: DocStore, fiche: DocHandle): Promise<void> => {
  if (!hasFiche(fiche.doc)) return
  const index = store.open(fiche.space, INDEX_DOC_ID)
  try {
    // Compare against the stored catalog, not an empty one, so unchanged entries are not rewritten.
    await index.handle.whenLocal
    upsertCatalogEntry(index.handle.doc, catalogEntryOf(readFiche(fiche.doc), Date.now()))
  } finally {
    index.release()
  }
}

/**
 * Watches local edits of a fiche (transactions made in this page, not those received from the relay
 * or loaded from IndexedDB) and upserts its catalog entry once they pause. Returns a stop function
 * that flushes a pending write.
 */
export const trackCatalogEntry = (store: DocStore, fiche: DocHandle, delayMs = 800): (() => void) => {
  let timer: ReturnType<typeof setTimeout> | null = null
  const flush = () => {
    timer = null
    void writeCatalogEntry(store, fiche)
  }
  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (!transaction.local) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, delayMs)
  }
  fiche.doc.on('update', onUpdate)
  return () => {
    fiche.doc.off('update', onUpdate)
    if (timer) {
      clearTimeout(timer)
      flush()
    }
  }
}
