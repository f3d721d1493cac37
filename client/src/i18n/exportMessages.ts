/**
 * The two strings of the directory's open-data links (map, import), apart from everything else of
 * import, export and the map (`transferMessages.ts`, loaded with those pages and with the export
 * menu), so the directory's first bundle stays small.
 */
import type { Lang } from '@kenlabour/shared/vocabularies'
import { useI18n } from './context.ts'

const fr = {
  map: 'Carte',
  importTitle: 'Importer des fiches',
}

type ExportMessages = typeof fr

const en: ExportMessages = {
  map: 'Map',
  importTitle: 'Import fiches',
}

const MESSAGES: Record<Lang, ExportMessages> = { fr, en }

export const useExportMessages = (): ExportMessages => MESSAGES[useI18n().lang]
