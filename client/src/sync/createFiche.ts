/**
 * Creating a fiche: a new document with a random, stable id (readable prefix from the title), its
 * meta and title written locally, and its catalog entry, so it exists offline at once and reaches
 * the relay whenever the connection allows.
 */
import { emptyFiche, idFromTitle } from '@kenlabour/shared/fiche'
import { writeFiche } from '@kenlabour/shared/ficheDoc'
import { writeCatalogEntry } from './catalogSync.ts'
import type { DocStore } from './docStore.ts'

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/** 8 random characters (40 bits): enough that two people creating fiches never collide. */
const randomSuffix = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(8))
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('')
}

/** `TiCoopLeSupermarche-k3v9q2xa`: always matches FICHE_ID_PATTERN (≤ 64 characters). */
export const newFicheId = (title: string): string => `${idFromTitle(title).slice(0, 40)}-${randomSuffix()}`

export const createFiche = async (store: DocStore, space: string, title: string): Promise<string> => {
  const id = newFicheId(title)
  const lease = store.open(space, id)
  try {
    await lease.handle.whenLocal
    writeFiche(lease.handle.doc, emptyFiche(id, title.trim()))
    await writeCatalogEntry(store, lease.handle)
    return id
  } finally {
    lease.release()
  }
}
