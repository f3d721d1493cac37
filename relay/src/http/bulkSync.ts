/**
 * `POST /api/spaces/<space>/sync`: brings a whole space up to date on a device in a bounded number
 * of requests, instead of one websocket per fiche (wire format in PROTOCOL.md, schemas in
 * `@kenlabour/shared/bulkSync`).
 *
 * Cost is proportional to what changed, not to the space: each document's `version` (a digest of
 * its state vector and delete set) is cached here, so a document the client already has at that
 * version is skipped without loading it. The cache entry is dropped whenever the room stores a
 * change (`rooms.onChanged`), and a generation counter keeps a load that raced with a change from
 * caching a stale version.
 *
 * Read-only: the client's own changes go up through the document's websocket (the one write path,
 * which validates, stores, catalogs and broadcasts).
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type BulkAnswerDoc,
  bulkRequestSchema,
  CHANGES_CURSOR,
  type ChangesAnswer,
  decodeStateVectorStrict,
} from '@kenlabour/shared/bulkSync'
import { SPACE_ID_PATTERN } from '@kenlabour/shared/names'
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { loadDoc } from '../storage/loadDoc.ts'
import { type DocStorage, StaleCursorError } from '../storage/types.ts'
import type { RoomManager } from '../sync/rooms.ts'
import { sendJson } from './respond.ts'

export interface BulkSyncOptions {
  readonly rooms: RoomManager
  readonly storage: DocStorage
  /** Stop adding documents to an answer once its updates reach this many bytes. */
  readonly maxAnswerBytes?: number
  /** Refuse request bodies over this many bytes (413). */
  readonly maxBodyBytes?: number
}

/** `/api/spaces/<space>/sync` (POST, the exchange) and `/api/spaces/<space>/changes` (GET). */
export const BULK_SYNC_PATH = /^\/api\/spaces\/([^/]+)\/(sync|changes)\/?$/

const DEFAULT_MAX_ANSWER_BYTES = 2 * 1024 * 1024
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/** The digest of what a doc holds (state vector and delete set): equal digests, nothing to send. */
const versionOf = (doc: Y.Doc): string =>
  createHash('sha256')
    .update(Y.encodeSnapshot(Y.snapshot(doc)))
    .digest('base64url')
    .slice(0, 22)

class BadRequest extends Error {}

const readBody = async (req: IncomingMessage, limit: number): Promise<string | null> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) return null
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export const createBulkSyncHandler = (options: BulkSyncOptions) => {
  const { rooms, storage } = options
  const maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const versions = new Map<string, string>()
  const generations = new Map<string, number>()
  rooms.onChanged((room) => {
    versions.delete(room.name)
    generations.set(room.name, (generations.get(room.name) ?? 0) + 1)
  })

  /** The doc's version, from the cache, the loaded room, or storage (then cached). */
  const currentVersion = async (name: string): Promise<string> => {
    const room = rooms.peek(name)
    if (room) return versionOf(room.doc)
    const cached = versions.get(name)
    if (cached) return cached
    const generation = generations.get(name) ?? 0
    const { doc } = await loadDoc(storage, name)
    try {
      const version = versionOf(doc)
      if ((generations.get(name) ?? 0) === generation && !rooms.peek(name)) versions.set(name, version)
      return version
    } finally {
      doc.destroy()
    }
  }

  /** What the client lacks of a document, from its room if loaded (freshest) or from storage. */
  const missingUpdate = async (name: string, clientSv: Uint8Array): Promise<BulkAnswerDoc> => {
    const id = name.slice(name.indexOf('/') + 1)
    const room = rooms.peek(name)
    if (room) {
      return { id, update: toBase64(Y.encodeStateAsUpdate(room.doc, clientSv)), v: versionOf(room.doc) }
    }
    const { doc } = await loadDoc(storage, name)
    try {
      return { id, update: toBase64(Y.encodeStateAsUpdate(doc, clientSv)), v: versionOf(doc) }
    } finally {
      doc.destroy()
    }
  }

  /** `GET …/changes?since=`: the ids changed since the cursor, and the next cursor. */
  const changes = async (req: IncomingMessage, res: ServerResponse, space: string): Promise<void> => {
    const since = new URL(req.url ?? '/', 'http://relay').searchParams.get('since')
    if (since !== null && !CHANGES_CURSOR.test(since))
      return sendJson(res, 400, { error: 'since: not a changes cursor' })
    try {
      const { names, cursor } = await storage.changedSince(space, since)
      const answer: ChangesAnswer = {
        space,
        changed: names.map((n) => n.slice(space.length + 1)),
        changes: cursor,
      }
      return sendJson(res, 200, answer)
    } catch (error) {
      if (error instanceof StaleCursorError)
        return sendJson(res, 410, { error: `${error.message}: sync every document again` })
      throw error
    }
  }

  return async (
    req: IncomingMessage,
    res: ServerResponse,
    rawSpace: string,
    action: 'sync' | 'changes' = 'sync',
  ): Promise<void> => {
    const method = action === 'sync' ? 'POST' : 'GET'
    if (req.method !== method) {
      res.setHeader('allow', method)
      return sendJson(res, 405, { error: 'method not allowed' })
    }
    let space: string
    try {
      space = decodeURIComponent(rawSpace)
    } catch {
      return sendJson(res, 400, { error: 'invalid space name' })
    }
    if (!SPACE_ID_PATTERN.test(space)) return sendJson(res, 400, { error: 'invalid space name', space })
    if (action === 'changes') return changes(req, res, space)

    const text = await readBody(req, maxBodyBytes)
    if (text === null) return sendJson(res, 413, { error: `request body over ${maxBodyBytes} bytes` })
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' })
    }
    const parsed = bulkRequestSchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      return sendJson(res, 400, { error: `${issue?.path.join('.') || 'body'}: ${issue?.message}` })
    }
    const request = parsed.data

    let listed: Map<string, { svBytes: Uint8Array; sv: Map<number, number>; v: string | undefined }>
    try {
      listed = new Map(
        request.docs.map((d, i) => {
          const svBytes = fromBase64(d.sv)
          try {
            return [`${space}/${d.id}`, { svBytes, sv: decodeStateVectorStrict(svBytes), v: d.v }]
          } catch (error) {
            throw new BadRequest(`docs.${i}.sv: malformed state vector (${(error as Error).message})`)
          }
        }),
      )
    } catch (error) {
      if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message })
      throw error
    }

    const names = await storage.listDocs(space)
    const after = request.cursor === undefined ? null : `${space}/${request.cursor}`
    const docs: BulkAnswerDoc[] = []
    let unchanged = 0
    let bytes = 0
    let next: string | null = null
    for (const name of names) {
      if (after !== null && name <= after) continue
      const mine = listed.get(name)
      if (!mine && !request.all) continue
      if (bytes >= maxAnswerBytes) {
        // This document starts the next page.
        next = docs.at(-1)?.id ?? null
        break
      }
      if (mine && mine.sv.size > 0) {
        const current = await currentVersion(name)
        // Same version: nothing new at all (deletions included, which the vector does not show).
        if (mine.v === current) {
          unchanged++
          continue
        }
      }
      const answer = await missingUpdate(name, mine?.svBytes ?? new Uint8Array([0]))
      docs.push(answer)
      bytes += answer.update.length
    }
    return sendJson(res, 200, { space, docs, unchanged, next })
  }
}
