/**
 * The JSON API: `/api/health` for monitoring and `/api/spaces/<space>/fiches` to read a space
 * without a Yjs client (exports, scripts, search engines). Documents open in a room are read from
 * memory (the freshest state), the others straight from storage.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Fiche } from '@kenlabour/shared/fiche'
import { hasFiche, readFiche } from '@kenlabour/shared/ficheDoc'
import type { SectionKey } from '@kenlabour/shared/form'
import { INDEX_DOC_ID, SPACE_ID_PATTERN } from '@kenlabour/shared/names'
import { richToHtml, richToPlainText } from '@kenlabour/shared/richtext'
import type * as Y from 'yjs'
import { loadDoc } from '../storage/loadDoc.ts'
import type { DocStorage } from '../storage/types.ts'
import type { RoomManager } from '../sync/rooms.ts'
import { sendJson } from './respond.ts'

export interface ApiOptions {
  readonly rooms: RoomManager
  readonly storage: DocStorage
  readonly startedAt: number
}

/** A section as the API returns it: plain text for search and previews, safe HTML for display. */
export interface ApiSection {
  readonly text: string
  readonly html: string
}

export type ApiFiche = Omit<Fiche, 'sections'> & { sections: Record<SectionKey, ApiSection> }

export const toApiFiche = (fiche: Fiche): ApiFiche => ({
  ...fiche,
  sections: Object.fromEntries(
    Object.entries(fiche.sections).map(([key, blocks]) => [
      key,
      { text: richToPlainText(blocks), html: richToHtml(blocks) },
    ]),
  ) as Record<SectionKey, ApiSection>,
})

/** Runs `read` on a document, from its room if loaded, otherwise from a temporary doc. */
const withDoc = async <T>(options: ApiOptions, name: string, read: (doc: Y.Doc) => T): Promise<T> => {
  const room = options.rooms.peek(name)
  if (room) return read(room.doc)
  const { doc } = await loadDoc(options.storage, name)
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** Every non-trashed fiche of a space, oldest first; null when the space has no document. */
export const readSpaceFiches = async (options: ApiOptions, space: string): Promise<Fiche[] | null> => {
  const names = await options.storage.listDocs(space)
  if (names.length === 0) return null
  const fiches: Fiche[] = []
  for (const name of names) {
    if (name === `${space}/${INDEX_DOC_ID}`) continue
    const fiche = await withDoc(options, name, (doc) => (hasFiche(doc) ? readFiche(doc) : null))
    // As in the catalog: a document is the fiche its name says, or no fiche.
    if (fiche && fiche.id === name.slice(space.length + 1) && fiche.trashedAt === null) fiches.push(fiche)
  }
  return fiches.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
}

const FICHES_PATH = /^\/api\/spaces\/([^/]+)\/fiches\/?$/

/** Handles every request under /api. */
export const createApiHandler = (options: ApiOptions) => {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      return sendJson(res, 405, { error: 'method not allowed' })
    }
    if (pathname === '/api/health') {
      return sendJson(res, 200, {
        status: 'ok',
        uptime: (Date.now() - options.startedAt) / 1000,
        ...options.rooms.stats(),
      })
    }
    const match = FICHES_PATH.exec(pathname)
    if (match) {
      let space: string
      try {
        space = decodeURIComponent(match[1]!)
      } catch {
        return sendJson(res, 400, { error: 'invalid space name' })
      }
      if (!SPACE_ID_PATTERN.test(space)) return sendJson(res, 400, { error: 'invalid space name', space })
      const fiches = await readSpaceFiches(options, space)
      if (!fiches) return sendJson(res, 404, { error: 'unknown space', space })
      return sendJson(res, 200, { space, count: fiches.length, fiches: fiches.map(toApiFiche) })
    }
    return sendJson(res, 404, { error: 'not found', path: pathname })
  }
}
