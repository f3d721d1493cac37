/**
 * Capability tokens: JWTs signed HS256 (jose) with the relay's key, scoped to one space and one
 * role, carrying the space's secret version (see `@kenlabour/shared/access`). Verification says
 * why a token fails, so the relay can close with the documented code and reason.
 */

import { createSecretKey, type KeyObject } from 'node:crypto'
import { type Role, type TokenClaims, tokenClaimsSchema } from '@kenlabour/shared/access'
import { errors, jwtVerify, SignJWT } from 'jose'

export interface MintOptions {
  readonly space: string
  readonly role: Role
  /** The space's current secret version (1 for a space that does not exist yet). */
  readonly ver: number
  /** Lifetime in seconds; no expiry when absent (links are revoked by rotation). */
  readonly expiresInSeconds?: number
}

export const mintToken = async (key: Uint8Array, options: MintOptions): Promise<string> => {
  const jwt = new SignJWT({ space: options.space, role: options.role, ver: options.ver })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
  if (options.expiresInSeconds !== undefined) {
    jwt.setExpirationTime(Math.floor(Date.now() / 1000) + options.expiresInSeconds)
  }
  return jwt.sign(key)
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: string }

/** Wrapped once per key: importing an HMAC key on every verification costs more than verifying. */
const keyObjects = new WeakMap<Uint8Array, KeyObject>()
const keyObjectOf = (key: Uint8Array): KeyObject => {
  let keyObject = keyObjects.get(key)
  if (!keyObject) {
    keyObject = createSecretKey(key)
    keyObjects.set(key, keyObject)
  }
  return keyObject
}

/** Checks signature, algorithm, expiry and claim shapes; never throws. */
export const verifyToken = async (key: Uint8Array, token: string): Promise<VerifyResult> => {
  try {
    const { payload } = await jwtVerify(token, keyObjectOf(key), { algorithms: ['HS256'] })
    const claims = tokenClaimsSchema.safeParse(payload)
    return claims.success
      ? { ok: true, claims: claims.data }
      : { ok: false, reason: 'token claims are not valid' }
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'token expired' }
    return { ok: false, reason: 'token is not valid' }
  }
}
