/**
 * Map exports: GeoJSON (RFC 7946, for QGIS, uMap, any web map) and GoGoCarto's import formats
 * (JSON and CSV with `id`, `name`, `taxonomy` from Mot Clef, `latitude`, `longitude`, address
 * fields). Only fiches with a location are placed; GoGoCarto also takes the others (it geocodes
 * the address), GeoJSON cannot.
 */
import Papa from 'papaparse'
import { emptyFiche, type Fiche } from '../fiche.ts'
import { KEYWORD_VOCABULARY } from '../form.ts'
import { richToPlainText } from '../richtext.ts'
import { termLabel } from '../vocabularies.ts'
import { BOM } from './csv.ts'
import { type SpaceExport, visibleFiches } from './spaceExport.ts'

const keywordLabels = (fiche: Fiche): string[] => fiche.keywords.map((k) => termLabel(KEYWORD_VOCABULARY, k))

export const fichesToGeoJson = (data: SpaceExport): string => {
  const features = visibleFiches(data)
    .filter((f) => f.location)
    .map((f) => ({
      type: 'Feature',
      id: f.id,
      // GeoJSON order is [longitude, latitude].
      geometry: { type: 'Point', coordinates: [f.location!.lng, f.location!.lat] },
      properties: {
        id: f.id,
        name: f.title,
        city: f.city,
        keywords: f.keywords,
        keywordLabels: keywordLabels(f),
        website: f.website,
        licence: data.licence,
      },
    }))
  return `${JSON.stringify({ type: 'FeatureCollection', name: data.name, licence: data.licence, features }, null, 2)}\n`
}

/** One GoGoCarto element. `taxonomy` holds category names (the Mot Clef labels). */
export const goGoCartoElement = (fiche: Fiche, licence: string) => ({
  id: fiche.id,
  name: fiche.title,
  taxonomy: keywordLabels(fiche),
  latitude: fiche.location?.lat ?? null,
  longitude: fiche.location?.lng ?? null,
  streetAddress: '',
  addressLocality: fiche.city,
  postalCode: '',
  addressCountry: 'FR',
  description: richToPlainText(fiche.sections.description),
  website: fiche.website,
  licence,
})

export const fichesToGoGoCartoJson = (data: SpaceExport): string =>
  `${JSON.stringify(
    { licence: data.licence, data: visibleFiches(data).map((f) => goGoCartoElement(f, data.licence)) },
    null,
    2,
  )}\n`

/** CSV for GoGoCarto's import: taxonomy names joined with "," as its importer splits them. */
export const fichesToGoGoCartoCsv = (data: SpaceExport): string => {
  const rows = visibleFiches(data).map((f) => {
    const e = goGoCartoElement(f, data.licence)
    return {
      ...e,
      taxonomy: e.taxonomy.map((t) => t.replace(/,/g, ' -')).join(','),
      latitude: e.latitude ?? '',
      longitude: e.longitude ?? '',
    }
  })
  const fields = Object.keys(goGoCartoElement(emptyFiche('x', 'x', 0), ''))
  return (
    BOM +
    Papa.unparse(
      { fields, data: rows.map((r) => fields.map((f) => (r as Record<string, unknown>)[f] ?? '')) },
      { newline: '\r\n' },
    )
  )
}
