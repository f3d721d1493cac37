/**
 * The few strings of the directory's open-data actions (map link, import link, export menu),
 * apart from the import and map pages' strings (`transferMessages.ts`, loaded with those pages),
 * so the directory's first bundle stays small.
 */
import type { ExportFormat } from '@kenlabour/shared/export/formatList'
import type { Lang } from '@kenlabour/shared/vocabularies'
import { useI18n } from './context.ts'

const fr = {
  map: 'Carte',
  export: 'Exporter',
  exportFiche: 'Exporter cette fiche',
  print: 'Imprimer / PDF',
  licence: (licence: string) => `Licence des données : ${licence}`,
  printLicence: (licence: string, space: string) => `${space} — licence des données : ${licence} (Kenlabour)`,
  exportFormats: {
    json: 'JSON complet (ré-importable)',
    markdown: 'Markdown',
    csv: 'CSV (tableur)',
    geojson: 'GeoJSON (carte)',
    'gogocarto-json': 'GoGoCarto (JSON)',
    'gogocarto-csv': 'GoGoCarto (CSV)',
  } satisfies Record<ExportFormat, string>,
  importTitle: 'Importer des fiches',
  licenceLabel: 'Licence des données de l’espace',
}

type ExportMessages = typeof fr

const en: ExportMessages = {
  map: 'Map',
  export: 'Export',
  exportFiche: 'Export this fiche',
  print: 'Print / PDF',
  licence: (licence) => `Data licence: ${licence}`,
  printLicence: (licence, space) => `${space} — data licence: ${licence} (Kenlabour)`,
  exportFormats: {
    json: 'Complete JSON (re-importable)',
    markdown: 'Markdown',
    csv: 'CSV (spreadsheet)',
    geojson: 'GeoJSON (map)',
    'gogocarto-json': 'GoGoCarto (JSON)',
    'gogocarto-csv': 'GoGoCarto (CSV)',
  },
  importTitle: 'Import fiches',
  licenceLabel: 'Data licence of the space',
}

const MESSAGES: Record<Lang, ExportMessages> = { fr, en }

export const useExportMessages = (): ExportMessages => MESSAGES[useI18n().lang]
