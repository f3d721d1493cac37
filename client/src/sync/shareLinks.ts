/**
 * Share links: asks the relay (`POST /api/spaces/<space>/links`, see relay/PROTOCOL.md) for a link
 * granting `role` on the space, authorised by this browser's own token (of that role or higher).
 */
import { type Role, type ShareLinkResponse, shareLinkResponseSchema } from '@kenlabour/shared/access'
import { withToken } from './accessTokens.ts'

export class ShareLinkError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ShareLinkError'
  }
}

/** `{ token, url }` of a new link; throws `ShareLinkError` (401/403 when this browser may not). */
export const createShareLink = async (space: string, role: Role, origin = ''): Promise<ShareLinkResponse> => {
  const response = await fetch(withToken(`${origin}/api/spaces/${encodeURIComponent(space)}/links`, space), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  })
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string }
    throw new ShareLinkError(response.status, body.error ?? `HTTP ${response.status}`)
  }
  return shareLinkResponseSchema.parse(await response.json())
}
