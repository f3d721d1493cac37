/**
 * A fiche as plain data, validated with zod at every boundary (seed, import, HTTP API).
 * Inside the app a fiche lives in its own Y.Doc (see `ficheDoc.ts`); this is its snapshot form.
 */
import { z } from 'zod'
import { SECTION_KEYS, type SectionKey } from './form.ts'
import { type RichBlocks, richBlocksSchema } from './richtext.ts'

/** Fiche ids are URL- and path-safe; `_`-prefixed ids are reserved for the space's own documents. */
export const FICHE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/
export const ficheIdSchema = z.string().regex(FICHE_ID_PATTERN, 'invalid fiche id')

const line = z.string().max(2_000)

/**
 * Where an initiative is, in WGS 84 degrees (what Leaflet, GeoJSON and GoGoCarto use). Optional so
 * that fiches written before locations existed stay valid: absent means "no location" (null).
 */
export const locationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
})
export type FicheLocation = z.infer<typeof locationSchema>
const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, richBlocksSchema])) as Record<
  SectionKey,
  typeof richBlocksSchema
>

export const ficheSchema = z.object({
  id: ficheIdSchema,
  title: z.string().trim().min(1, 'title is required').max(500),
  actorName: line,
  author: line,
  actorType: z.string().max(100).nullable(),
  scale: z.string().max(100).nullable(),
  scaleOther: line,
  keywords: z.array(z.string().max(100)),
  city: line,
  contacts: z.array(line),
  website: line,
  tags: z.array(z.string().max(200)),
  partners: z.string().max(10_000),
  sections: z.object(sections),
  createdAt: z.number().int().nonnegative(),
  trashedAt: z.number().int().nonnegative().nullable(),
  location: locationSchema.nullable().optional(),
})

export type Fiche = z.infer<typeof ficheSchema>
export type FicheSections = Record<SectionKey, RichBlocks>

export const emptySections = (): FicheSections =>
  Object.fromEntries(SECTION_KEYS.map((k) => [k, []])) as unknown as FicheSections

/** A new fiche with only an id and a title; every other field empty. */
export const emptyFiche = (id: string, title: string, createdAt = Date.now()): Fiche => ({
  id,
  title,
  actorName: '',
  author: '',
  actorType: null,
  scale: null,
  scaleOther: '',
  keywords: [],
  city: '',
  contacts: [],
  website: '',
  tags: [],
  partners: '',
  sections: emptySections(),
  createdAt,
  trashedAt: null,
})

/** Turns a title into a readable, stable id (as Bazar's id_fiche does): "Ti Coop…" → "TiCoopLeSupermarche…". */
export const idFromTitle = (title: string): string => {
  const words = title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  const id = words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('')
  return (id || 'Fiche').slice(0, 64)
}
