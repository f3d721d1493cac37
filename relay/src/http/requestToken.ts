/** The token of an HTTP request: `?token=` (links) or `Authorization: Bearer` (scripts). */
import type { IncomingMessage } from 'node:http'
import { TOKEN_PARAM } from '@kenlabour/shared/access'

export const requestToken = (req: IncomingMessage): string | null => {
  const fromQuery = new URL(req.url ?? '/', 'http://relay').searchParams.get(TOKEN_PARAM)
  if (fromQuery) return fromQuery
  const header = req.headers.authorization
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)
  return bearer?.[1] ?? null
}
