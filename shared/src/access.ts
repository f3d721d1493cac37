/**
 * Capability access, no accounts: a token grants one role on one space. The relay signs and checks
 * tokens (relay/src/access/); this module is the part both sides agree on: role names and order,
 * the claims a token carries, and what each role may do. Pure TS, no crypto here.
 */
import { z } from 'zod'
import { spaceIdSchema } from './names.ts'

/** Ordered from least to most powerful: a role can do everything the roles before it can. */
export const ROLES = ['reader', 'editor', 'admin'] as const
export type Role = (typeof ROLES)[number]
export const roleSchema = z.enum(ROLES)

/** True when `role` grants at least what `needed` grants. */
export const roleAtLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed)

/** Readers read and show presence; editors and admins also change documents. */
export const canWrite = (role: Role): boolean => roleAtLeast(role, 'editor')

/**
 * The claims of a token (a JWT signed HS256 with the relay's key). `ver` is the space's secret
 * version when the token was minted: rotating the space secret bumps it, revoking every older token.
 */
export const tokenClaimsSchema = z.object({
  space: spaceIdSchema,
  role: roleSchema,
  ver: z.number().int().min(1),
  exp: z.number().int().optional(),
})
export type TokenClaims = z.infer<typeof tokenClaimsSchema>

/** The query parameter carrying the token, on `/sync/...` and on the HTTP API. */
export const TOKEN_PARAM = 'token'

/** The body of `POST /api/spaces/<space>/links` and its answer. */
export const shareLinkRequestSchema = z.object({ role: roleSchema })
export const shareLinkResponseSchema = z.object({ token: z.string(), url: z.string() })
export type ShareLinkResponse = z.infer<typeof shareLinkResponseSchema>
