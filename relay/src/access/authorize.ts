/**
 * Who may open a space, decided once per connection or request from its `?token=`. The outcome is
 * a role, or a refusal with the close code (and HTTP status) and reason documented in PROTOCOL.md.
 */
import type { Role } from '@kenlabour/shared/access'
import { CloseCode } from '@kenlabour/shared/closeCodes'
import type { SpaceRecord, SpaceRegistry } from './spaces.ts'
import { verifyToken } from './tokens.ts'

export interface Access {
  readonly space: string
  readonly role: Role
  /** The token's secret version; 0 for anonymous readers of a public-read space. */
  readonly ver: number
}

export type AccessResult =
  | { ok: true; access: Access }
  | {
      ok: false
      code: typeof CloseCode.Unauthorized | typeof CloseCode.Forbidden
      status: 401 | 403
      reason: string
    }

const unauthorized = (reason: string): AccessResult => ({
  ok: false,
  code: CloseCode.Unauthorized,
  status: 401,
  reason,
})
const forbidden = (reason: string): AccessResult => ({
  ok: false,
  code: CloseCode.Forbidden,
  status: 403,
  reason,
})

export interface Authorizer {
  authorize(space: string, token: string | null): Promise<AccessResult>
}

/** False once the space's secret was rotated past the version this access was granted with. */
export const stillValid = (access: Access, record: SpaceRecord | null): boolean =>
  access.ver === 0 ? record?.publicRead === true : (record?.version ?? 1) === access.ver

export const createAuthorizer = (key: Uint8Array, spaces: SpaceRegistry): Authorizer => ({
  authorize: async (space, token) => {
    const record = await spaces.get(space)
    if (!token) {
      if (record?.publicRead) return { ok: true, access: { space, role: 'reader', ver: 0 } }
      return unauthorized('a token is required for this space')
    }
    const verified = await verifyToken(key, token)
    if (!verified.ok) return unauthorized(verified.reason)
    const { claims } = verified
    if (claims.space !== space) return forbidden('token is for another space')
    // A space that does not exist yet accepts the first version only.
    if (claims.ver !== (record?.version ?? 1)) return forbidden('token revoked')
    return { ok: true, access: { space, role: claims.role, ver: claims.ver } }
  },
})
