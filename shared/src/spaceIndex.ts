/**
 * The Y.Doc layout of a space's index document (`<space>/_index`): the catalog the directory shows
 * before (or without) opening every fiche. Each entry is a plain JSON summary written whole by
 * whoever last changed the fiche (the relay when it stores an update, a client when it edits offline),
 * so it converges like any last-writer-wins value and is always re-derivable from the fiche itself.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { type Fiche, ficheIdSchema } from './fiche.ts'
import { richToPlainText } from './richtext.ts'

export const catalogEntrySchema = z.object({
  id: ficheIdSchema,
  title: z.string(),
  actorType: z.string().nullable(),
  scale: z.string().nullable(),
  keywords: z.array(z.string()),
  city: z.string(),
  excerpt: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  trashedAt: z.number().nullable(),
})
export type CatalogEntry = z.infer<typeof catalogEntrySchema>

export const catalogMap = (doc: Y.Doc): Y.Map<CatalogEntry> => doc.getMap('fiches')
export const spaceInfoMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('space')

const EXCERPT_LENGTH = 240

export const catalogEntryOf = (fiche: Fiche, updatedAt: number): CatalogEntry => {
  const description = richToPlainText(fiche.sections.description).replace(/\s+/g, ' ').trim()
  return {
    id: fiche.id,
    title: fiche.title,
    actorType: fiche.actorType,
    scale: fiche.scale,
    keywords: [...fiche.keywords],
    city: fiche.city,
    excerpt:
      description.length > EXCERPT_LENGTH ? `${description.slice(0, EXCERPT_LENGTH - 1)}…` : description,
    createdAt: fiche.createdAt,
    updatedAt,
    trashedAt: fiche.trashedAt,
  }
}

const sameEntry = (a: CatalogEntry, b: CatalogEntry): boolean => {
  const { updatedAt: _a, ...restA } = a
  const { updatedAt: _b, ...restB } = b
  return JSON.stringify(restA) === JSON.stringify(restB)
}

/** Writes a fiche's summary into the index unless nothing the catalog shows has changed. */
export const upsertCatalogEntry = (index: Y.Doc, entry: CatalogEntry): boolean => {
  const map = catalogMap(index)
  const current = catalogEntrySchema.safeParse(map.get(entry.id))
  if (current.success && sameEntry(current.data, entry)) return false
  map.set(entry.id, entry)
  return true
}

/** Every valid entry of the catalog; malformed entries from a peer are skipped, not thrown. */
export const readCatalog = (index: Y.Doc): CatalogEntry[] => {
  const out: CatalogEntry[] = []
  for (const value of catalogMap(index).values()) {
    const parsed = catalogEntrySchema.safeParse(value)
    if (parsed.success) out.push(parsed.data)
  }
  return out
}
