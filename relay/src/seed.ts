/**
 * Creates the demo space `inspirations` from the seed file the first time the relay starts on a
 * data directory: one document per fiche (written with the same `writeFiche` the client uses, so
 * the editor opens them as if they had been typed) and the space's index with one catalog entry per
 * fiche. Each fiche's history starts with its origin version (the fiche as the scrape has it,
 * dated by its last change on the original site), so its history page is never empty and the
 * first edits compare with the seeded text. That text is signed by the fiche's author on the
 * original site ("Auteur de la fiche"), a participant of the fiche like anyone who writes in it
 * later: the history and the fiche page name who wrote it. The index is written last and its
 * presence means "seeded": a seed interrupted by a crash resumes on the next start, skipping the
 * fiches already stored (a fiche is stored after its history), and a seeded space is never seeded
 * again.
 */
import { readFile } from 'node:fs/promises'
import type { Fiche } from '@kenlabour/shared/fiche'
import { writeFiche } from '@kenlabour/shared/ficheDoc'
import { findTown } from '@kenlabour/shared/gazetteer'
import { historyDocId } from '@kenlabour/shared/history/docId'
import { recordOrigin } from '@kenlabour/shared/history/versions'
import { DEMO_SPACE, docName, INDEX_DOC_ID } from '@kenlabour/shared/names'
import { type Participant, registerParticipant } from '@kenlabour/shared/participants'
import { parseInspirations } from '@kenlabour/shared/seed'
import { catalogEntryOf, spaceInfoMap, upsertCatalogEntry } from '@kenlabour/shared/spaceIndex'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { DocStorage } from './storage/types.ts'

export const SEED_FILE = new URL('../../shared/seed/inspirations.txt', import.meta.url)
export const DEMO_SPACE_NAME = 'Inspirations'

export interface SeedOptions {
  readonly storage: DocStorage
  readonly log: Logger
  readonly seedFile?: URL | string
}

/**
 * The fiche's author on the original site, as the participant who wrote the seeded text (the same
 * id for the same name, so one person's fiches name one contributor); null when the scrape has none.
 */
export const seedAuthor = (fiche: Fiche): Participant | null => {
  const name = fiche.author.trim().slice(0, 60)
  if (!name) return null
  const key = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
  return { id: `author:${key}`.slice(0, 64), name, color: '#5f6368', device: DEMO_SPACE_NAME }
}

/** Seeds the demo space unless its index exists; returns how many fiches were written. */
export const seedDemoSpace = async ({ storage, log, seedFile = SEED_FILE }: SeedOptions): Promise<number> => {
  const indexName = docName(DEMO_SPACE, INDEX_DOC_ID)
  const existing = new Set(await storage.listDocs(DEMO_SPACE))
  if (existing.has(indexName)) return 0
  // Demo coordinates: the scrape has none, and the map view should show the demo space at once.
  // Town centres from a static gazetteer (approximate, offline, no geocoding service involved).
  const fiches = parseInspirations(await readFile(seedFile, 'utf8')).map((fiche) => {
    const town = findTown(fiche.city)
    return town ? { ...fiche, location: town.location } : fiche
  })
  const index = new Y.Doc()
  let written = 0
  for (const fiche of fiches) {
    const name = docName(DEMO_SPACE, fiche.id)
    if (existing.has(name)) {
      log.warn({ doc: name }, 'seed: fiche already stored, skipped')
    } else {
      const doc = new Y.Doc()
      const author = seedAuthor(fiche)
      doc.transact(() => {
        if (author) registerParticipant(doc, author)
        writeFiche(doc, fiche)
      })
      const history = new Y.Doc()
      recordOrigin(history, doc, Date.now())
      await storage.appendUpdate(docName(DEMO_SPACE, historyDocId(fiche.id)), Y.encodeStateAsUpdate(history))
      await storage.appendUpdate(name, Y.encodeStateAsUpdate(doc))
      doc.destroy()
      history.destroy()
      existing.add(name)
      written++
    }
    upsertCatalogEntry(index, catalogEntryOf(fiche, fiche.createdAt))
  }
  spaceInfoMap(index).set('name', DEMO_SPACE_NAME)
  await storage.appendUpdate(indexName, Y.encodeStateAsUpdate(index))
  index.destroy()
  log.info({ space: DEMO_SPACE, fiches: fiches.length }, 'seeded the demo space')
  return written
}
