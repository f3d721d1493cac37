/**
 * Bazar's CSV export: comma-separated, one header row of field labels (plus `datetime_create` and
 * `datetime_latest`), values with commas and newlines quoted. Parsed with papaparse; every record
 * is named by the line it starts on, so an error points at the line to fix.
 */
import Papa from 'papaparse'
import type { SourceRecord } from './bazarRecords.ts'
import { fileError, ImportError, type ImportProblem } from './importError.ts'

export interface CsvSource {
  /** The header labels (made unique: a repeated label gets " (2)"). */
  readonly fields: string[]
  readonly records: SourceRecord[]
}

const uniqueHeaders = (headers: readonly string[]): string[] => {
  const seen = new Map<string, number>()
  return headers.map((raw) => {
    const h = raw.trim()
    const n = (seen.get(h) ?? 0) + 1
    seen.set(h, n)
    return n === 1 ? h : `${h} (${n})`
  })
}

export const readBazarCsv = (input: string): CsvSource => {
  // One newline convention: a file edited on several systems mixes them, which papaparse cannot guess.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const rows: { cells: string[]; line: number }[] = []
  const problems: ImportProblem[] = []
  let offset = 0
  let line = 1
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    newline: '\n',
    step: (result) => {
      const end = result.meta.cursor
      // The row starts after any blank lines skipped since the previous row.
      const consumed = text.slice(offset, end)
      const leading = consumed.length - consumed.trimStart().length
      const startLine = line + (consumed.slice(0, leading).match(/\n/g)?.length ?? 0)
      // "UndetectableDelimiter" only says ',' was assumed: not a problem of the file.
      for (const error of result.errors.filter((e) => e.type !== 'Delimiter')) {
        problems.push({ where: `ligne ${startLine}`, message: `CSV invalide (${error.message})` })
      }
      rows.push({ cells: result.data, line: startLine })
      line += consumed.match(/\n/g)?.length ?? 0
      offset = end
    },
  })
  if (problems.length > 0) throw new ImportError(problems)
  const [header, ...body] = rows
  if (!header || header.cells.every((c) => c.trim() === '')) throw fileError('fichier CSV vide')
  const fields = uniqueHeaders(header.cells)
  if (body.length === 0) throw fileError('aucune fiche dans le fichier (seulement l’en-tête)')
  const records = body.map(({ cells, line: at }): SourceRecord => {
    if (cells.length !== fields.length) {
      throw new ImportError([
        { where: `ligne ${at}`, message: `${cells.length} colonnes au lieu de ${fields.length}` },
      ])
    }
    return { where: `ligne ${at}`, values: Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? ''])) }
  })
  return { fields, records }
}
