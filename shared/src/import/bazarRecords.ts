/**
 * Bazar records (one JSON entry or one CSV row, as field → value) → validated fiches, through the
 * field mapping and the list vocabularies. Every record is checked before anything is returned:
 * broken records are all listed in one `ImportError`, so an import is all or nothing.
 */
import { emptySections, FICHE_ID_PATTERN, type Fiche, ficheSchema, idFromTitle } from '../fiche.ts'
import {
  CHOICE_VOCABULARIES,
  KEYWORD_VOCABULARY,
  SECTION_KEYS,
  type SectionKey,
  TEXT_FIELD_KEYS,
} from '../form.ts'
import { canonicalFiche } from './canonical.ts'
import { htmlToPlainText, htmlToRichBlocks } from './htmlToRich.ts'
import { ImportError, type ImportProblem } from './importError.ts'
import { type BazarLists, listForField, resolveValue, splitListValue } from './listValues.ts'
import type { FieldMapping, ImportTarget } from './targets.ts'

export interface SourceRecord {
  /** Where the record is, for messages: `ligne 4`, `entrée "TiCoop"`. */
  readonly where: string
  readonly values: Readonly<Record<string, unknown>>
}

export interface ParsedEntry {
  readonly where: string
  readonly fiche: Fiche
  /** False when the source had no creation date: the existing fiche's date is then kept. */
  readonly dated: boolean
  /** What was kept as is or left out, for the report (unknown list values, half coordinates…). */
  readonly notes: readonly string[]
  /**
   * True for Kenlabour's own complete export: the entry replaces the fiche as it is. Otherwise a
   * source without coordinates keeps the location already set in Kenlabour.
   */
  readonly complete?: boolean
}

export interface SkippedEntry {
  readonly where: string
  readonly id?: string
  readonly title?: string
  readonly reason: string
}

export interface ParsedImport {
  readonly entries: readonly ParsedEntry[]
  readonly skipped: readonly SkippedEntry[]
}

export interface RecordOptions {
  readonly mapping: FieldMapping
  readonly lists?: BazarLists
}

/** A cell as text: Bazar JSON may hold numbers, arrays (newer Bazar checkboxes) or null. */
const asText = (value: unknown): string => {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return value.map(asText).join(',')
  return ''
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/
/** The CSV export writes `d/m/Y H:i:s` (CSVManager), the JSON `Y-m-d H:i:s`. */
const FRENCH_DATE = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

/**
 * Bazar's "2020-10-19 14:22:01" (JSON) or "19/10/2020 14:22:01" (CSV export) as epoch ms, read as
 * UTC (Bazar stores no time zone); null for anything else, including impossible dates.
 */
export const parseBazarDate = (value: string): number | null => {
  const v = value.trim()
  const iso = ISO_DATE.exec(v)
  const french = iso ? null : FRENCH_DATE.exec(v)
  if (!iso && !french) return null
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : [french![3], french![2], french![1]]
  const [h = '0', mi = '0', s = '0'] = (iso ?? french)!.slice(4)
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  if (Number.isNaN(ms) || ms < 0) return null
  // 31/02 would roll over to March: refused rather than silently moved.
  return new Date(ms).getUTCDate() === Number(d) && new Date(ms).getUTCMonth() === Number(mo) - 1 ? ms : null
}

/** "48,39" or "48.39" as a number; null when empty; NaN when not a number. */
const parseCoordinate = (value: string): number | null => {
  const v = value.trim().replace(',', '.')
  return v === '' ? null : /^[-+]?\d+(\.\d+)?$/.test(v) ? Number(v) : Number.NaN
}

/**
 * Bazar's map field, `geolocation`: an object in the JSON (`{ bf_latitude, bf_longitude }`), a JSON
 * text in the CSV export (`{"latitude":"48.39","longitude":"-4.48","geometries":null}`), or the old
 * `carte_google` "lat|lng". Null when empty; NaN coordinates when present but unreadable.
 */
const parseMapField = (raw: unknown): { lat: number | null; lng: number | null } => {
  let value = raw
  if (typeof value === 'string') {
    const text = value.trim()
    if (text === '') return { lat: null, lng: null }
    if (text.startsWith('{')) {
      try {
        value = JSON.parse(text)
      } catch {
        return { lat: Number.NaN, lng: Number.NaN }
      }
    } else {
      const [lat = '', lng = ''] = text.split(/[|;]/)
      return { lat: parseCoordinate(lat), lng: parseCoordinate(lng) }
    }
  }
  if (!value || typeof value !== 'object') return { lat: null, lng: null }
  const o = value as Record<string, unknown>
  const pick = (...keys: string[]): number | null => {
    const found = keys.map((k) => o[k]).find((v) => v !== undefined && v !== null && v !== '')
    return found === undefined ? null : parseCoordinate(asText(found))
  }
  return { lat: pick('latitude', 'bf_latitude', 'lat'), lng: pick('longitude', 'bf_longitude', 'lng', 'lon') }
}

/** The raw value (not flattened to text) of the first field mapped to `target`. */
const rawOf = (record: SourceRecord, mapping: FieldMapping, target: ImportTarget): unknown =>
  Object.entries(record.values).find(([field]) => mapping[field] === target)?.[1]

/** Values of one record grouped by target (several source fields may feed one target). */
const byTarget = (record: SourceRecord, mapping: FieldMapping): Map<ImportTarget, [string, string][]> => {
  const out = new Map<ImportTarget, [string, string][]>()
  for (const [field, raw] of Object.entries(record.values)) {
    const target = mapping[field]
    if (!target || target === 'ignore') continue
    const value = asText(raw)
    out.set(target, [...(out.get(target) ?? []), [field, value]])
  }
  return out
}

/** Bazar's status of an entry: "1" validated; others (0 pending, 2 deleted…) are not imported. */
const statusReason = (record: SourceRecord): string | null => {
  const status = asText(record.values.statut_fiche).trim()
  if (status === '' || status === '1') return null
  return `fiche non validée dans Bazar (statut_fiche ${status})`
}

interface Built {
  readonly fiche: Fiche
  readonly dated: boolean
  readonly notes: string[]
}

/** One record → a fiche; throws a message (string) for a broken record. */
const buildFiche = (record: SourceRecord, options: RecordOptions): Built => {
  const lists = options.lists ?? {}
  const values = byTarget(record, options.mapping)
  const notes: string[] = []
  const first = (target: ImportTarget): string => (values.get(target)?.[0]?.[1] ?? '').trim()
  const all = (target: ImportTarget) => values.get(target) ?? []

  const title = htmlToPlainText(first('title')).replace(/\s+/g, ' ').trim()
  if (title === '') throw new Error('titre manquant')
  const rawId = first('id')
  const id = rawId === '' ? idFromTitle(title) : FICHE_ID_PATTERN.test(rawId) ? rawId : idFromTitle(rawId)

  const choice = (key: 'actorType' | 'scale'): string | null => {
    const [field, raw] = all(key)[0] ?? []
    if (!field || !raw || raw.trim() === '') return null
    const [firstValue = ''] = splitListValue(raw, CHOICE_VOCABULARIES[key], listForField(lists, field))
    const resolved = resolveValue(firstValue, CHOICE_VOCABULARIES[key], listForField(lists, field))
    if (!resolved.known) notes.push(`valeur inconnue gardée telle quelle : ${resolved.value}`)
    return resolved.value === '' ? null : resolved.value
  }
  const keywords = all('keywords').flatMap(([field, raw]) => {
    const list = listForField(lists, field)
    return splitListValue(raw, KEYWORD_VOCABULARY, list).map((v) => {
      const resolved = resolveValue(v, KEYWORD_VOCABULARY, list)
      if (!resolved.known) notes.push(`mot clef inconnu gardé tel quel : ${resolved.value}`)
      return resolved.value
    })
  })
  const sections = emptySections()
  for (const key of SECTION_KEYS as readonly SectionKey[]) {
    sections[key] = all(key).flatMap(([, raw]) => htmlToRichBlocks(raw))
  }
  const texts = Object.fromEntries(
    TEXT_FIELD_KEYS.map((key) => [
      key,
      all(key)
        .map(([, raw]) => htmlToPlainText(raw).trim())
        .filter(Boolean)
        .join('\n'),
    ]),
  )
  const lines = (target: ImportTarget): string[] =>
    all(target)
      .flatMap(([, raw]) => htmlToPlainText(raw).split(/\r?\n/))
      .map((l) => l.replace(/^- /, '').trim())
      .filter(Boolean)

  let lat = parseCoordinate(first('latitude'))
  let lng = parseCoordinate(first('longitude'))
  // The map field when the separate coordinates say nothing.
  if (lat === null && lng === null) ({ lat, lng } = parseMapField(rawOf(record, options.mapping, 'location')))
  if (Number.isNaN(lat) || Number.isNaN(lng)) throw new Error('latitude ou longitude invalide')
  if ((lat === null) !== (lng === null)) notes.push('coordonnée incomplète ignorée')
  const location = lat !== null && lng !== null ? { lat, lng } : null

  const created = first('createdAt')
  const createdAt = created === '' ? null : parseBazarDate(created)
  if (created !== '' && createdAt === null) throw new Error(`date de création illisible : ${created}`)

  const parsed = ficheSchema.safeParse({
    id,
    title,
    ...texts,
    actorType: choice('actorType'),
    scale: choice('scale'),
    keywords: [...new Set(keywords)],
    contacts: lines('contacts'),
    tags: [
      ...new Set(
        lines('tags')
          .flatMap((l) => l.split(/[,;]/))
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ],
    sections,
    createdAt: createdAt ?? 0,
    trashedAt: null,
    ...(location ? { location } : {}),
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new Error(`${issue?.path.join('.') || 'fiche'} : ${issue?.message ?? 'invalide'}`)
  }
  return { fiche: canonicalFiche(parsed.data), dated: createdAt !== null, notes }
}

/** Every record → a fiche, or an `ImportError` naming every broken record. */
export const recordsToFiches = (records: readonly SourceRecord[], options: RecordOptions): ParsedImport => {
  if (!Object.values(options.mapping).includes('title')) {
    throw new ImportError([
      { where: 'correspondance des champs', message: 'aucun champ ne va vers le titre' },
    ])
  }
  const problems: ImportProblem[] = []
  const entries: ParsedEntry[] = []
  const skipped: SkippedEntry[] = []
  const seen = new Map<string, string>()
  for (const record of records) {
    const status = statusReason(record)
    if (status) {
      skipped.push({ where: record.where, reason: status })
      continue
    }
    let built: Built
    try {
      built = buildFiche(record, options)
    } catch (error) {
      problems.push({ where: record.where, message: error instanceof Error ? error.message : String(error) })
      continue
    }
    const { fiche } = built
    const earlier = seen.get(fiche.id)
    if (earlier) {
      skipped.push({
        where: record.where,
        id: fiche.id,
        title: fiche.title,
        reason: `même identifiant que ${earlier}`,
      })
      continue
    }
    seen.set(fiche.id, record.where)
    entries.push({ where: record.where, ...built })
  }
  if (problems.length > 0) throw new ImportError(problems)
  return { entries, skipped }
}
