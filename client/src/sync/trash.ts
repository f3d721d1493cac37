/**
 * The trash: a fiche is never deleted by a click, only marked `trashedAt` in its meta (and so in
 * its catalog entry), which the directory leaves out and the "Corbeille" view lists; restoring
 * clears the mark. The fiche's content and history stay untouched either way.
 */
import { hasFiche, metaMap } from '@kenlabour/shared/ficheDoc'
import type * as Y from 'yjs'
import { writeCatalogEntry } from './catalogSync.ts'
import type { DocStore } from './docStore.ts'

/** The fiche is not on this device and the relay did not send it in time: nothing was changed. */
export class FicheNotLocalError extends Error {}

/** Resolves once `doc` holds a fiche, or rejects after `timeoutMs`. */
const whenFiche = (doc: Y.Doc, timeoutMs: number): Promise<void> =>
  new Promise((resolve, reject) => {
    if (hasFiche(doc)) return resolve()
    const done = () => {
      if (!hasFiche(doc)) return
      clearTimeout(timer)
      doc.off('update', done)
      resolve()
    }
    const timer = setTimeout(() => {
      doc.off('update', done)
      reject(new FicheNotLocalError('fiche not available'))
    }, timeoutMs)
    doc.on('update', done)
  })

/**
 * Moves a fiche to the trash (`trashed`) or restores it. Waits for the fiche itself first: writing
 * the mark into an empty replica would race with the real one (concurrent map writes are not
 * ordered by time).
 */
export const setTrashed = async (
  store: DocStore,
  space: string,
  id: string,
  trashed: boolean,
  timeoutMs = 8_000,
): Promise<void> => {
  const lease = store.open(space, id)
  try {
    await lease.handle.whenLocal
    await whenFiche(lease.handle.doc, timeoutMs)
    const meta = metaMap(lease.handle.doc)
    const next = trashed ? Date.now() : null
    if (trashed === (typeof meta.get('trashedAt') === 'number')) return
    lease.handle.doc.transact(() => meta.set('trashedAt', next))
    await writeCatalogEntry(store, lease.handle)
  } finally {
    lease.release()
  }
}
