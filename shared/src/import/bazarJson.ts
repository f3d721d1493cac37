/**
 * Bazar JSON as YesWiki's API returns it (`/api/forms/<id>/entries`, `?BazaR&vue=json`): an object
 * keyed by `id_fiche` (or, from some versions, an array) of entries whose fields are `bf_*` values,
 * list fields (`checkboxListeXxx`, `listeListeXxx`, `radioListeXxx`) holding comma-separated keys,
 * and Bazar's own keys (`id_typeannonce`, `statut_fiche`, `date_creation_fiche`…).
 */
import { z } from 'zod'
import type { SourceRecord } from './bazarRecords.ts'
import { fileError, ImportError } from './importError.ts'

/** Bazar's bookkeeping keys: never offered in the field mapping. */
const TECHNICAL = new Set([
  'id_typeannonce',
  'statut_fiche',
  'url',
  'owner',
  'user',
  'html_output',
  'semantic',
  'categorie_fiche',
  'date_validation',
  'date_debut_validite_fiche',
  'date_fin_validite_fiche',
])

const entrySchema = z.record(z.string(), z.unknown())
const fileSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])

export interface BazarSource {
  readonly fields: string[]
  readonly records: SourceRecord[]
}

/** `Unexpected token … at position 123` → `ligne 4`. */
export const jsonErrorWhere = (text: string, error: unknown): string => {
  const message = String(error)
  const line = /\(line (\d+) column \d+\)/.exec(message)?.[1]
  if (line !== undefined) return `ligne ${line}`
  if (/end of JSON input/i.test(message)) return `ligne ${text.trimEnd().split('\n').length}`
  const position = /position (\d+)/.exec(message)?.[1]
  if (position === undefined) return 'fichier'
  return `ligne ${text.slice(0, Number(position)).split('\n').length}`
}

/** Parses JSON text or throws an `ImportError` naming the line. */
export const parseJsonText = (text: string): unknown => {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ImportError([
      { where: jsonErrorWhere(text, error), message: `JSON invalide (${String(error)})` },
    ])
  }
}

/** True when a parsed JSON value looks like Bazar entries. */
export const looksLikeBazar = (data: unknown): boolean => {
  const values = Array.isArray(data) ? data : data && typeof data === 'object' ? Object.values(data) : []
  const first = values[0]
  return typeof first === 'object' && first !== null && ('bf_titre' in first || 'id_fiche' in first)
}

export const readBazarJson = (data: unknown): BazarSource => {
  const file = fileSchema.safeParse(data)
  if (!file.success) throw fileError('le JSON Bazar doit être un objet de fiches (clé id_fiche) ou une liste')
  const pairs: [string, unknown][] = Array.isArray(file.data)
    ? file.data.map((entry, i) => [String(i + 1), entry])
    : Object.entries(file.data)
  if (pairs.length === 0) throw fileError('aucune fiche dans le fichier')
  const fields: string[] = []
  const records = pairs.map(([key, raw]): SourceRecord => {
    const entry = entrySchema.safeParse(raw)
    const id = entry.success && typeof entry.data.id_fiche === 'string' ? entry.data.id_fiche : key
    const where = `entrée "${id}"`
    if (!entry.success || Array.isArray(raw)) {
      throw new ImportError([{ where, message: 'une entrée doit être un objet de champs' }])
    }
    for (const field of Object.keys(entry.data)) {
      if (!TECHNICAL.has(field) && !fields.includes(field)) fields.push(field)
    }
    // The object's key is the id when the entry does not repeat it.
    const values =
      'id_fiche' in entry.data || Array.isArray(file.data) ? entry.data : { ...entry.data, id_fiche: key }
    if (!fields.includes('id_fiche') && 'id_fiche' in values) fields.unshift('id_fiche')
    return { where, values }
  })
  return { fields, records }
}
