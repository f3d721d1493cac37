/**
 * The Y.Doc layout of a space's index document (`<space>/_index`): the catalog the directory shows
 * before (or without) opening every fiche. Each entry is a plain JSON summary written whole by
 * whoever last changed the fiche (the relay when it stores an update, a client when it edits offline),
 * so it converges like any last-writer-wins value and is always re-derivable from the fiche itself.
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { type Fiche, ficheIdSchema, locationSchema } from './fiche.ts'
import { CHOICE_VOCABULARIES, KEYWORD_VOCABULARY, SECTION_KEYS } from './form.ts'
import { richToPlainText } from './richtext.ts'
import { termLabel } from './vocabularies.ts'

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
  /**
   * Plain text of the whole fiche (title, every field, every section, vocabulary labels), so the
   * directory's full-text search works from the catalog alone, offline, without opening 10,000
   * fiche documents. Optional: entries written before it existed stay valid (and searchable by
   * their summary) until the fiche is next stored.
   */
  searchText: z.string().optional(),
  /** Where the initiative is, so the map renders from the catalog alone; absent = no location. */
  location: locationSchema.nullable().optional(),
})
export type CatalogEntry = z.infer<typeof catalogEntrySchema>

export const catalogMap = (doc: Y.Doc): Y.Map<CatalogEntry> => doc.getMap('fiches')
export const spaceInfoMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('space')

const EXCERPT_LENGTH = 240
/** Bounds one entry's weight in the index document (and in the search index): ~16 pages of text. */
export const SEARCH_TEXT_LENGTH = 32_000

/** Everything a reader could search a fiche for, as one plain text (French vocabulary labels). */
export const searchTextOf = (fiche: Fiche): string => {
  const parts = [
    fiche.title,
    fiche.actorName,
    fiche.author,
    fiche.actorType ? termLabel(CHOICE_VOCABULARIES.actorType, fiche.actorType, 'fr') : '',
    fiche.scale ? termLabel(CHOICE_VOCABULARIES.scale, fiche.scale, 'fr') : '',
    fiche.scaleOther,
    ...fiche.keywords.map((k) => termLabel(KEYWORD_VOCABULARY, k, 'fr')),
    fiche.city,
    ...fiche.contacts,
    fiche.website,
    ...fiche.tags,
    fiche.partners,
    ...SECTION_KEYS.map((k) => richToPlainText(fiche.sections[k])),
  ]
  const text = parts
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
  return text.length > SEARCH_TEXT_LENGTH ? text.slice(0, SEARCH_TEXT_LENGTH) : text
}

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
    searchText: searchTextOf(fiche),
    ...(fiche.location ? { location: fiche.location } : {}),
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
