/**
 * Errors that end one connection with a documented close code and reason (see PROTOCOL.md).
 * Handlers throw them; the connection catches them at the socket boundary and closes only itself.
 */
export class ProtocolError extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason)
    this.name = 'ProtocolError'
  }
}

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
export const closeReason = (reason: string): string => {
  const bytes = Buffer.from(reason, 'utf8')
  if (bytes.length <= 123) return reason
  return `${bytes
    .subarray(0, 120)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}…`
}
