/**
 * `npm run kenlabour -- import|export …`: the same imports and exports as the web interface, for
 * scripts and backups, against a running relay (`--relay URL --token T`, over its HTTP API) or a
 * stopped relay's data directory (`--data DIR`, straight on its SQLite file).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { EXPORT_FORMATS, type ExportFormat } from '@kenlabour/shared/export/formatList'
import { type ExportFile, formats } from '@kenlabour/shared/export/formats'
import type { SpaceExport } from '@kenlabour/shared/export/spaceExport'
import { parseJsonText } from '@kenlabour/shared/import/bazarJson'
import { readBazarVocabularies } from '@kenlabour/shared/import/bazarVocabularies'
import { ImportError } from '@kenlabour/shared/import/importError'
import { readKenlabourJson } from '@kenlabour/shared/import/kenlabourJson'
import { fieldMappingSchema, IMPORT_FORMATS } from '@kenlabour/shared/import/parseImport'
import type { ImportReportLine } from '@kenlabour/shared/import/plan'
import { spaceIdSchema } from '@kenlabour/shared/names'
import { z } from 'zod'
import { openSqliteSpaceRegistry } from '../access/spacesSqlite.ts'
import { openSqliteStorage } from '../storage/sqlite.ts'
import { readSpaceExport } from '../transfer/runExport.ts'
import { type ImportReport, runImport } from '../transfer/runImport.ts'
import { storageSpaceStore } from '../transfer/spaceStore.ts'

const USAGE = `Usage:
  npm run kenlabour -- import <file> --space <id> [target] [--format <f>] [--mapping <m.json>] [--lists <lists or form.json>] [--dry-run] [--json]
  npm run kenlabour -- export --space <id> --format <f> [target] [--out <file or dir>]
target (one of):
  --relay <url> --token <t>   a running relay (the token: an editor or admin link's, for imports)
  --data <dir>                a stopped relay's data directory (env KENLABOUR_DATA, default ./data)
import formats: ${IMPORT_FORMATS.join(', ')} (detected when omitted)
export formats: ${EXPORT_FORMATS.join(', ')} (markdown: one file per fiche, --out is a directory)`

const argsSchema = z.object({
  command: z.enum(['import', 'export']),
  file: z.string().optional(),
  space: spaceIdSchema,
  relay: z.string().url().optional(),
  token: z.string().optional(),
  data: z.string().min(1),
  format: z.string().optional(),
  mapping: z.string().optional(),
  lists: z.string().optional(),
  out: z.string().optional(),
  dryRun: z.boolean(),
  json: z.boolean(),
})
type Args = z.infer<typeof argsSchema>

class UsageError extends Error {}

const readArgs = (): Args => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      space: { type: 'string' },
      relay: { type: 'string' },
      token: { type: 'string' },
      data: { type: 'string' },
      format: { type: 'string' },
      mapping: { type: 'string' },
      lists: { type: 'string' },
      out: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) throw new UsageError('')
  const [command, file] = positionals
  return argsSchema.parse({
    ...values,
    command,
    file,
    data: values.data ?? process.env.KENLABOUR_DATA ?? './data',
    dryRun: values['dry-run'] === true,
    json: values.json === true,
  })
}

const ACTION_FR = {
  created: 'créée',
  updated: 'mise à jour',
  unchanged: 'inchangée',
  skipped: 'ignorée',
} as const

const printReport = (report: ImportReport, asJson: boolean): void => {
  if (asJson) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
    return
  }
  const line = (l: ImportReportLine) =>
    `${ACTION_FR[l.action].padEnd(11)} ${l.id ?? ''} — ${l.where}${l.reason ? ` : ${l.reason}` : ''}${
      l.notes?.length ? ` (${l.notes.join(' ; ')})` : ''
    }`
  process.stdout.write(`${report.lines.map(line).join('\n')}\n`)
  const { created, updated, unchanged, skipped } = report.counts
  process.stdout.write(
    `${report.dryRun ? '[essai, rien écrit] ' : ''}${report.space} (${report.format}): ${created} créées, ${updated} mises à jour, ${unchanged} inchangées, ${skipped} ignorées\n`,
  )
}

/** A JSON side file (mapping, lists); a broken one is refused naming the file and the line. */
const readJsonFile = (path: string | undefined): unknown => {
  if (!path) return undefined
  try {
    return parseJsonText(readFileSync(path, 'utf8'))
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    throw new ImportError(error.problems.map((p) => ({ ...p, where: `${path}, ${p.where}` })))
  }
}

const api = async (args: Args, path: string, init: RequestInit = {}): Promise<Response> => {
  const url = new URL(`/api/spaces/${args.space}/${path}`, args.relay)
  const headers = new Headers(init.headers)
  if (args.token) headers.set('authorization', `Bearer ${args.token}`)
  return fetch(url, { ...init, headers })
}

const failure = async (response: Response): Promise<never> => {
  const body = (await response.json().catch(() => ({}))) as { error?: string; problems?: unknown }
  if (response.status === 422 && Array.isArray(body.problems)) throw new ImportError(body.problems as never)
  throw new Error(`relay answered ${response.status}: ${body.error ?? response.statusText}`)
}

const runImportCommand = async (args: Args): Promise<void> => {
  if (!args.file) throw new UsageError('import needs a file')
  const content = readFileSync(args.file, 'utf8')
  const format = args.format ? z.enum(IMPORT_FORMATS).parse(args.format) : undefined
  const mapping = args.mapping ? fieldMappingSchema.parse(readJsonFile(args.mapping)) : undefined
  // Checked here too, so that a wrong lists file is refused before the relay is even asked.
  const lists = readJsonFile(args.lists)
  if (lists !== undefined) readBazarVocabularies(lists)
  const options = {
    fileName: args.file,
    dryRun: args.dryRun,
    ...(format ? { format } : {}),
    ...(mapping ? { mapping } : {}),
    ...(lists !== undefined ? { lists } : {}),
  }
  if (args.relay) {
    const response = await api(args, 'import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content, ...options }),
    })
    if (!response.ok) await failure(response)
    return printReport((await response.json()) as ImportReport, args.json)
  }
  const storage = openSqliteStorage(args.data)
  const spaces = openSqliteSpaceRegistry(args.data)
  try {
    const report = await runImport(storageSpaceStore(storage, args.space), content, {
      ...options,
      beforeWrite: () => spaces.ensure(args.space),
    })
    printReport(report, args.json)
  } finally {
    await spaces.close()
    await storage.close()
  }
}

const readExport = async (args: Args): Promise<SpaceExport> => {
  if (args.relay) {
    const response = await api(args, 'export?format=json')
    if (!response.ok) await failure(response)
    const data = (await response.json()) as { space?: string; exportedAt?: string }
    const { parsed, info } = readKenlabourJson(data)
    return {
      space: args.space,
      name: info.name ?? args.space,
      licence: info.licence ?? 'CC BY-SA 4.0',
      fiches: parsed.entries.map((e) => e.fiche),
      exportedAt: Date.now(),
    }
  }
  const storage = openSqliteStorage(args.data)
  try {
    const store = storageSpaceStore(storage, args.space)
    if (!(await store.exists())) throw new Error(`no space "${args.space}" in ${args.data}`)
    return await readSpaceExport(store)
  } finally {
    await storage.close()
  }
}

const writeFiles = (files: readonly ExportFile[], format: ExportFormat, out: string | undefined): void => {
  if (format === 'markdown') {
    const dir = out ?? '.'
    mkdirSync(dir, { recursive: true })
    for (const file of files) writeFileSync(join(dir, file.name), file.content)
    process.stderr.write(`${files.length} fichiers écrits dans ${dir}\n`)
    return
  }
  const [file] = files
  if (!file) return
  if (out) {
    writeFileSync(out, file.content)
    process.stderr.write(`écrit : ${out}\n`)
  } else process.stdout.write(file.content)
}

const runExportCommand = async (args: Args): Promise<void> => {
  const format = z.enum(EXPORT_FORMATS).parse(args.format ?? 'json')
  const data = await readExport(args)
  writeFiles(formats[format].files(data), format, args.out)
}

try {
  const args = readArgs()
  await (args.command === 'import' ? runImportCommand(args) : runExportCommand(args))
} catch (error) {
  if (error instanceof ImportError) {
    process.stderr.write(
      `Import refusé, rien n'a été écrit :\n${error.problems.map((p) => `  ${p.where} : ${p.message}`).join('\n')}\n`,
    )
    process.exit(1)
  }
  if (error instanceof UsageError || error instanceof z.ZodError) {
    const message = error instanceof z.ZodError ? z.prettifyError(error) : error.message
    process.stderr.write(`${message ? `${message}\n\n` : ''}${USAGE}\n`)
    process.exit(2)
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
