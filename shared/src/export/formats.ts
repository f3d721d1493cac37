/**
 * Every export format in one table (`formats[name]`), so the relay route, the CLI and the export
 * menu offer the same list. Markdown is one file per fiche: `files` returns them; the others are a
 * single file.
 */
import type { Fiche } from '../fiche.ts'
import { fichesToCsv } from './csv.ts'
import type { ExportFormat } from './formatList.ts'
import { fichesToGeoJson, fichesToGoGoCartoCsv, fichesToGoGoCartoJson } from './geo.ts'
import { spaceToJson } from './json.ts'
import { ficheToMarkdown, markdownFileName } from './markdown.ts'
import { type SpaceExport, visibleFiches } from './spaceExport.ts'

export interface ExportFile {
  readonly name: string
  readonly contentType: string
  readonly content: string
}

interface FormatSpec {
  readonly label: { readonly fr: string; readonly en: string }
  readonly files: (data: SpaceExport) => ExportFile[]
}

const single =
  (suffix: string, contentType: string, render: (data: SpaceExport) => string) =>
  (data: SpaceExport): ExportFile[] => [
    { name: `${data.space}${suffix}`, contentType, content: render(data) },
  ]

export const formats: Record<ExportFormat, FormatSpec> = {
  json: {
    label: { fr: 'JSON complet (ré-importable)', en: 'Complete JSON (re-importable)' },
    files: single('.kenlabour.json', 'application/json; charset=utf-8', spaceToJson),
  },
  markdown: {
    label: { fr: 'Markdown (un fichier par fiche)', en: 'Markdown (one file per fiche)' },
    files: (data) =>
      visibleFiches(data).map((f) => ({
        name: markdownFileName(f),
        contentType: 'text/markdown; charset=utf-8',
        content: ficheToMarkdown(f, data.licence),
      })),
  },
  csv: {
    label: { fr: 'CSV (tableur)', en: 'CSV (spreadsheet)' },
    files: single('.csv', 'text/csv; charset=utf-8', fichesToCsv),
  },
  geojson: {
    label: { fr: 'GeoJSON (carte)', en: 'GeoJSON (map)' },
    files: single('.geojson', 'application/geo+json; charset=utf-8', fichesToGeoJson),
  },
  'gogocarto-json': {
    label: { fr: 'GoGoCarto (JSON)', en: 'GoGoCarto (JSON)' },
    files: single('.gogocarto.json', 'application/json; charset=utf-8', fichesToGoGoCartoJson),
  },
  'gogocarto-csv': {
    label: { fr: 'GoGoCarto (CSV)', en: 'GoGoCarto (CSV)' },
    files: single('.gogocarto.csv', 'text/csv; charset=utf-8', fichesToGoGoCartoCsv),
  },
}

/** One fiche in a format (the same exporters, on a one-fiche space). */
export const ficheExport = (format: ExportFormat, data: SpaceExport, fiche: Fiche): ExportFile[] =>
  formats[format]
    .files({ ...data, fiches: [fiche] })
    .map((file) =>
      format === 'markdown' ? file : { ...file, name: file.name.replace(data.space, fiche.id) },
    )
