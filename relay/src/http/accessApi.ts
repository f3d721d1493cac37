/**
 * The HTTP side of access control. Every `/api/spaces/<space>/…` request passes `gate` first (no
 * token on a private space: 401; a token for another space or revoked: 403; no data either way).
 * Two endpoints manage links:
 * - `POST /api/spaces/<space>/links` `{ role }`: a new link for `role`, for a token of that role or
 *   higher (a reader can pass on a reader link, not an editor link);
 * - `POST /api/spaces/<space>/rotate`: admin only; bumps the space's secret version, which revokes
 *   every earlier token and closes their open sockets; answers with a fresh admin link.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type Role, roleAtLeast, shareLinkRequestSchema, TOKEN_PARAM } from '@kenlabour/shared/access'
import type { Logger } from 'pino'
import { type Access, type Authorizer, stillValid } from '../access/authorize.ts'
import type { LiveConnections } from '../access/liveConnections.ts'
import type { SpaceRegistry } from '../access/spaces.ts'
import { mintToken } from '../access/tokens.ts'
import { requestToken } from './requestToken.ts'
import { sendJson } from './respond.ts'

export const SPACE_PATH = /^\/api\/spaces\/([^/]+)(\/.*)?$/

export interface AccessApiOptions {
  readonly key: Uint8Array
  readonly spaces: SpaceRegistry
  readonly authorizer: Authorizer
  readonly live: LiveConnections
  readonly log: Logger
  /** Base URL of the links returned (e.g. http://localhost:8080). */
  readonly publicUrl: () => string
}

/** The client link for a token: the space's directory, which stores the token and strips it. */
export const spaceLink = (base: string, space: string, token: string): string =>
  `${base}/s/${space}?${TOKEN_PARAM}=${encodeURIComponent(token)}`

const readJson = async (req: IncomingMessage, maxBytes = 16 * 1024): Promise<unknown> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > maxBytes) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
}

export const createAccessApi = (options: AccessApiOptions) => {
  const { key, spaces, authorizer, live, log } = options

  /** Resolves the caller's access to `space`, or answers 401/403 and resolves null. */
  const gate = async (req: IncomingMessage, res: ServerResponse, space: string): Promise<Access | null> => {
    const result = await authorizer.authorize(space, requestToken(req))
    if (result.ok) return result.access
    sendJson(res, result.status, { error: result.reason, code: result.code })
    return null
  }

  const mintLink = async (space: string, role: Role) => {
    const ver = (await spaces.get(space))?.version ?? 1
    const token = await mintToken(key, { space, role, ver })
    return { token, url: spaceLink(options.publicUrl(), space, token) }
  }

  /** Handles `links` and `rotate`; returns false for any other path (left to the other handlers). */
  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    space: string,
    rest: string,
    access: Access,
  ): Promise<boolean> => {
    if (rest !== '/links' && rest !== '/rotate') return false
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      sendJson(res, 405, { error: 'method not allowed' })
      return true
    }
    if (access.ver === 0) {
      sendJson(res, 401, { error: 'a token is required to manage links' })
      return true
    }
    if (rest === '/links') {
      let body: unknown
      try {
        body = await readJson(req)
      } catch {
        sendJson(res, 400, { error: 'body must be JSON: { "role": "reader" | "editor" | "admin" }' })
        return true
      }
      const parsed = shareLinkRequestSchema.safeParse(body)
      if (!parsed.success) {
        sendJson(res, 400, { error: 'body must be JSON: { "role": "reader" | "editor" | "admin" }' })
        return true
      }
      if (!roleAtLeast(access.role, parsed.data.role)) {
        sendJson(res, 403, { error: `a ${access.role} cannot create ${parsed.data.role} links` })
        return true
      }
      sendJson(res, 200, await mintLink(space, parsed.data.role))
      return true
    }
    if (access.role !== 'admin') {
      sendJson(res, 403, { error: 'only an admin can revoke links' })
      return true
    }
    await spaces.ensure(space)
    const record = await spaces.rotate(space)
    const closed = live.revoke(space, (open) => stillValid(open, record))
    log.info({ space, version: record.version, closed }, 'space secret rotated: earlier tokens revoked')
    sendJson(res, 200, { version: record.version, closed, ...(await mintLink(space, 'admin')) })
    return true
  }

  return { gate, handle }
}
