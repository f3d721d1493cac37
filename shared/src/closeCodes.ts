/**
 * WebSocket close codes of the relay, named once and shared by relay and client (4000–4999 is the
 * range RFC 6455 leaves to applications). The client shows `reason` to the user; see PROTOCOL.md.
 */
export const CloseCode = {
  /** The document name in the URL is not `<space>/<id>` with valid parts. */
  InvalidDocumentName: 4400,
  /** No token, or a token that does not verify. */
  Unauthorized: 4401,
  /** A valid token that does not grant this (wrong space, reader writing, revoked). */
  Forbidden: 4403,
  /** A frame that could not be decoded or an update that could not be applied. */
  MalformedMessage: 4422,
  /** A frame or document larger than the configured limit. */
  TooLarge: 4413,
  /** Too many messages per second, or too many connections. */
  RateLimited: 4429,
  /** The relay is shutting down or restarting: reconnect shortly. */
  Restarting: 4503,
} as const

export type CloseCodeName = keyof typeof CloseCode
