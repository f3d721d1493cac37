/**
 * The import entry point shared by the relay, the CLI and the browser: detects the format, reads
 * the file into records, applies the field mapping (Bazar formats) and returns validated fiches,
 * or throws one `ImportError`. Pure: nothing is written here (see `plan.ts`, then the caller).
 */
import { z } from 'zod'
import { readBazarCsv } from './bazarCsv.ts'
import { looksLikeBazar, parseJsonText, readBazarJson } from './bazarJson.ts'
import { type ParsedImport, recordsToFiches, type SourceRecord } from './bazarRecords.ts'
import { readBazarVocabularies } from './bazarVocabularies.ts'
import { fileError } from './importError.ts'
import { type KenlabourSpaceInfo, looksLikeKenlabour, readKenlabourJson } from './kenlabourJson.ts'
import { readScrapedText } from './scrapedText.ts'
import { autoMapping, type FieldMapping, IMPORT_TARGETS } from './targets.ts'

export const IMPORT_FORMATS = ['kenlabour-json', 'bazar-json', 'bazar-csv', 'inspirations-text'] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

export const fieldMappingSchema = z.record(z.string(), z.enum(IMPORT_TARGETS))

/** Guesses the format from the file name and content. */
export const detectFormat = (text: string, fileName = ''): ImportFormat => {
  const name = fileName.toLowerCase()
  if (name.endsWith('.csv')) return 'bazar-csv'
  if (name.endsWith('.txt')) return 'inspirations-text'
  const start = text.replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{') || start.startsWith('[')) {
    try {
      const data: unknown = JSON.parse(start)
      return looksLikeKenlabour(data)
        ? 'kenlabour-json'
        : looksLikeBazar(data)
          ? 'bazar-json'
          : 'kenlabour-json'
    } catch {
      return name.endsWith('.json') ? 'bazar-json' : 'inspirations-text'
    }
  }
  if (name.endsWith('.json')) return 'bazar-json'
  const firstLine = start.split(/\r?\n/, 1)[0] ?? ''
  return /^"?[^\n]*",|,"?datetime_create"?/.test(firstLine) || firstLine.split(',').length > 3
    ? 'bazar-csv'
    : 'inspirations-text'
}

/** A file read but not yet mapped: Bazar formats wait for their field mapping. */
export type ImportSource =
  | {
      readonly format: 'bazar-json' | 'bazar-csv'
      readonly fields: string[]
      readonly records: SourceRecord[]
    }
  | {
      readonly format: 'kenlabour-json' | 'inspirations-text'
      readonly parsed: ParsedImport
      readonly info: KenlabourSpaceInfo
    }

export const readImportSource = (text: string, format: ImportFormat): ImportSource => {
  if (text.trim() === '') throw fileError('fichier vide')
  switch (format) {
    case 'bazar-csv':
      return { format, ...readBazarCsv(text) }
    case 'bazar-json':
      return { format, ...readBazarJson(parseJsonText(text)) }
    case 'kenlabour-json':
      return { format, ...readKenlabourJson(parseJsonText(text)) }
    case 'inspirations-text':
      return { format, parsed: readScrapedText(text), info: {} }
  }
}

export interface ImportOptions {
  readonly format?: ImportFormat
  readonly fileName?: string
  /** Bazar formats: the edited mapping; the automatic one when absent. */
  readonly mapping?: FieldMapping
  /**
   * Bazar formats: the site's lists or form JSON as downloaded (`readBazarVocabularies`), to turn
   * Bazar list keys into Kenlabour vocabulary keys and match fields by their labels.
   */
  readonly lists?: unknown
}

export interface ParsedFile {
  readonly format: ImportFormat
  /** Bazar formats: source fields and the mapping used. */
  readonly fields: readonly string[]
  readonly mapping: FieldMapping
  readonly parsed: ParsedImport
  readonly info: KenlabourSpaceInfo
}

/** Reads, maps and validates a whole file; throws `ImportError` for anything broken. */
export const parseImport = (text: string, options: ImportOptions = {}): ParsedFile => {
  const format = options.format ?? detectFormat(text, options.fileName)
  const source = readImportSource(text, format)
  if ('records' in source) {
    const vocabularies = options.lists === undefined ? undefined : readBazarVocabularies(options.lists)
    const mapping = options.mapping ?? autoMapping(source.fields, vocabularies?.labels)
    return {
      format,
      fields: source.fields,
      mapping,
      parsed: recordsToFiches(source.records, {
        mapping,
        ...(vocabularies ? { lists: vocabularies.lists } : {}),
      }),
      info: {},
    }
  }
  return { format, fields: [], mapping: {}, parsed: source.parsed, info: source.info }
}
