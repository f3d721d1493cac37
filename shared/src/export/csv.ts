/**
 * One row per fiche, columns headed by the form's French labels, vocabulary values as labels,
 * multi-valued fields joined (keywords and tags with ", ", contacts one per line), sections as
 * plain text. papaparse quotes what needs it; the UTF-8 BOM makes LibreOffice and Excel read the
 * accents right without asking.
 */
import Papa from 'papaparse'
import { emptyFiche, type Fiche } from '../fiche.ts'
import {
  CHOICE_VOCABULARIES,
  FIELD_LABELS,
  KEYWORD_VOCABULARY,
  SECTION_KEYS,
  SECTION_LABELS,
  TITLE_LABEL,
} from '../form.ts'
import { richToPlainText } from '../richtext.ts'
import { termLabel } from '../vocabularies.ts'
import { type SpaceExport, visibleFiches } from './spaceExport.ts'

export const BOM = '\uFEFF'

const iso = (ms: number): string => new Date(ms).toISOString()

export const ficheCsvRow = (fiche: Fiche, licence: string): Record<string, string> => ({
  id: fiche.id,
  [TITLE_LABEL.fr]: fiche.title,
  [FIELD_LABELS.actorName.fr]: fiche.actorName,
  [FIELD_LABELS.author.fr]: fiche.author,
  [FIELD_LABELS.actorType.fr]: fiche.actorType
    ? termLabel(CHOICE_VOCABULARIES.actorType, fiche.actorType)
    : '',
  [FIELD_LABELS.scale.fr]: fiche.scale ? termLabel(CHOICE_VOCABULARIES.scale, fiche.scale) : '',
  [FIELD_LABELS.scaleOther.fr]: fiche.scaleOther,
  [FIELD_LABELS.keywords.fr]: fiche.keywords.map((k) => termLabel(KEYWORD_VOCABULARY, k)).join(', '),
  [FIELD_LABELS.city.fr]: fiche.city,
  latitude: fiche.location ? String(fiche.location.lat) : '',
  longitude: fiche.location ? String(fiche.location.lng) : '',
  [FIELD_LABELS.contacts.fr]: fiche.contacts.join('\n'),
  [FIELD_LABELS.website.fr]: fiche.website,
  [FIELD_LABELS.tags.fr]: fiche.tags.join(', '),
  [FIELD_LABELS.partners.fr]: fiche.partners,
  ...Object.fromEntries(SECTION_KEYS.map((k) => [SECTION_LABELS[k].fr, richToPlainText(fiche.sections[k])])),
  datetime_create: iso(fiche.createdAt),
  licence,
})

export const fichesToCsv = (data: SpaceExport): string => {
  const rows = visibleFiches(data).map((f) => ficheCsvRow(f, data.licence))
  const fields = Object.keys(ficheCsvRow(visibleFiches(data)[0] ?? emptyFiche('x', 'x', 0), data.licence))
  return (
    BOM + Papa.unparse({ fields, data: rows.map((r) => fields.map((f) => r[f] ?? '')) }, { newline: '\r\n' })
  )
}
