/**
 * Import and export over HTTP, under `/api/spaces/<space>/` (after the access gate):
 * - `POST …/import` `{ content, format?, fileName?, mapping?, lists?, dryRun?, by? }`: editors and admins
 *   only; the whole file is validated before anything is written (422 with the problems otherwise);
 *   answers the per-entry report;
 * - `GET …/export?format=<json|markdown|csv|geojson|gogocarto-json|gogocarto-csv>`: the space;
 * - `GET …/fiches/<id>/export?format=…`: one fiche.
 * Both go through the same `runImport`/`exportFiles` as the CLI.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { canWrite } from '@kenlabour/shared/access'
import { EXPORT_FORMATS, type ExportFormat } from '@kenlabour/shared/export/formatList'
import { FICHE_ID_PATTERN } from '@kenlabour/shared/fiche'
import { ImportError } from '@kenlabour/shared/import/importError'
import { fieldMappingSchema, IMPORT_FORMATS } from '@kenlabour/shared/import/parseImport'
import { participantSchema } from '@kenlabour/shared/participants'
import type { Logger } from 'pino'
import { z } from 'zod'
import type { Access } from '../access/authorize.ts'
import type { SpaceRegistry } from '../access/spaces.ts'
import type { DocStorage } from '../storage/types.ts'
import type { RoomManager } from '../sync/rooms.ts'
import { exportBody, exportFiles } from '../transfer/runExport.ts'
import { runImport } from '../transfer/runImport.ts'
import { roomSpaceStore } from '../transfer/spaceStore.ts'
import { sendJson } from './respond.ts'

/** Large enough for a few thousand fiches; a bigger space is imported with the CLI. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024

export const importRequestSchema = z.object({
  content: z.string(),
  format: z.enum(IMPORT_FORMATS).optional(),
  fileName: z.string().max(500).optional(),
  mapping: fieldMappingSchema.optional(),
  /** Bazar lists or form JSON, validated by the importer (`readBazarVocabularies`). */
  lists: z.unknown().optional(),
  dryRun: z.boolean().optional(),
  /** Who imports (the person's participant), named in the fiches' history; malformed: unnamed. */
  by: participantSchema.optional().catch(undefined),
})

export interface TransferOptions {
  readonly rooms: RoomManager
  readonly storage: DocStorage
  readonly spaces: SpaceRegistry
  readonly log: Logger
  readonly maxDocsPerSpace: number
}

class TooLarge extends Error {}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_IMPORT_BYTES) throw new TooLarge()
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

const FICHE_EXPORT = /^\/fiches\/([^/]+)\/export\/?$/

export const createTransferHandler = (options: TransferOptions) => {
  const { rooms, storage, spaces, log } = options

  const handleImport = async (req: IncomingMessage, res: ServerResponse, space: string, access: Access) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      return sendJson(res, 405, { error: 'method not allowed' })
    }
    if (access.ver === 0) return sendJson(res, 401, { error: 'importing needs an editor or admin link' })
    if (!canWrite(access.role))
      return sendJson(res, 403, { error: 'importing needs an editor or admin link' })
    let body: z.infer<typeof importRequestSchema>
    try {
      const parsed = importRequestSchema.safeParse(JSON.parse(await readBody(req)))
      if (!parsed.success) return sendJson(res, 400, { error: z.prettifyError(parsed.error) })
      body = parsed.data
    } catch (error) {
      if (error instanceof TooLarge)
        return sendJson(res, 413, { error: `import larger than ${MAX_IMPORT_BYTES} bytes` })
      return sendJson(res, 400, { error: 'body must be JSON: { "content": "…" }' })
    }
    const { content, dryRun, ...importOptions } = body
    try {
      const report = await runImport(roomSpaceStore(rooms, storage, space), content, {
        ...importOptions,
        dryRun: dryRun === true,
        beforeWrite: async (plan) => {
          const docs = await storage.listDocs(space)
          if (docs.length + plan.counts.created > options.maxDocsPerSpace) {
            throw new ImportError([
              { where: 'espace', message: `plus de ${options.maxDocsPerSpace} documents dans l’espace` },
            ])
          }
          await spaces.ensure(space)
        },
      })
      if (!report.dryRun) log.info({ space, counts: report.counts, format: report.format }, 'import')
      return sendJson(res, 200, report)
    } catch (error) {
      if (error instanceof ImportError) {
        return sendJson(res, 422, { error: error.message, problems: error.problems })
      }
      if (error instanceof z.ZodError) return sendJson(res, 400, { error: z.prettifyError(error) })
      throw error
    }
  }

  const handleExport = async (req: IncomingMessage, res: ServerResponse, space: string, ficheId?: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      return sendJson(res, 405, { error: 'method not allowed' })
    }
    const format = new URL(req.url ?? '/', 'http://relay').searchParams.get('format') ?? 'json'
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      return sendJson(res, 400, { error: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
    }
    const store = roomSpaceStore(rooms, storage, space)
    if (!(await store.exists())) return sendJson(res, 404, { error: 'unknown space', space })
    const files = await exportFiles(store, format as ExportFormat, ficheId)
    if (!files) return sendJson(res, 404, { error: 'unknown fiche', space, id: ficheId })
    const { name, contentType, body } = exportBody(ficheId ?? space, format as ExportFormat, files)
    res.writeHead(200, {
      'content-type': contentType,
      'content-length': body.byteLength,
      'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  /** Handles `import`, `export` and `fiches/<id>/export`; false for any other path. */
  return async (
    req: IncomingMessage,
    res: ServerResponse,
    space: string,
    rest: string,
    access: Access,
  ): Promise<boolean> => {
    if (rest === '/import' || rest === '/import/') {
      await handleImport(req, res, space, access)
      return true
    }
    if (rest === '/export' || rest === '/export/') {
      await handleExport(req, res, space)
      return true
    }
    const fiche = FICHE_EXPORT.exec(rest)
    if (fiche) {
      let id: string
      try {
        id = decodeURIComponent(fiche[1]!)
      } catch {
        id = ''
      }
      if (!FICHE_ID_PATTERN.test(id)) {
        sendJson(res, 400, { error: 'invalid fiche id' })
        return true
      }
      await handleExport(req, res, space, id)
      return true
    }
    return false
  }
}
