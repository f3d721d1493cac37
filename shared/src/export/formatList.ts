/**
 * The export formats' names alone, without the exporters: what the export menu lists, so the
 * directory's first bundle does not carry papaparse and yaml.
 */
export const EXPORT_FORMATS = [
  'json',
  'markdown',
  'csv',
  'geojson',
  'gogocarto-json',
  'gogocarto-csv',
] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
