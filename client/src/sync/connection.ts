/**
 * The connection of one document to the relay, as the UI shows it, and what a close code means
 * for reconnecting. Close codes are those of `@kenlabour/shared/closeCodes`.
 */
import { CloseCode, type CloseCodeName } from '@kenlabour/shared/closeCodes'

export interface CloseInfo {
  readonly code: number
  /** The reason the relay gave (may be empty). */
  readonly reason: string
  /** The name of the code when it is one of the relay's own, else null (network drop, 1006…). */
  readonly name: CloseCodeName | null
}

export type ConnectionState =
  /** First attempt in progress. */
  | { readonly kind: 'connecting' }
  /** Socket open; `synced` once the relay answered the initial sync. */
  | { readonly kind: 'connected'; readonly synced: boolean }
  /** Not connected, retrying with backoff. `close` is the last close the relay explained. */
  | { readonly kind: 'offline'; readonly close: CloseInfo | null }
  /** The relay refused the connection for a reason retrying cannot fix; waiting for the user. */
  | { readonly kind: 'closed'; readonly close: CloseInfo }

const NAMES_BY_CODE = new Map<number, CloseCodeName>(
  (Object.entries(CloseCode) as [CloseCodeName, number][]).map(([name, code]) => [code, name]),
)

export const closeInfo = (code: number, reason: string): CloseInfo => ({
  code,
  reason,
  name: NAMES_BY_CODE.get(code) ?? null,
})

/**
 * Close codes after which reconnecting would fail the same way: a bad name, missing or refused
 * rights, a document over the size limit, a frame the relay could not apply. Rate limiting and
 * restarts are transient (the provider backs off and retries). y-websocket's default treats the
 * whole 4400–4499 range as permanent, which would wrongly include 4429.
 */
const PERMANENT = new Set<number>([
  CloseCode.InvalidDocumentName,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.TooLarge,
  CloseCode.MalformedMessage,
])

export const shouldReconnect = (event: { code: number }): boolean => !PERMANENT.has(event.code)
