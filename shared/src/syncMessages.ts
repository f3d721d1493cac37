/**
 * Message types of the relay's wire protocol (relay/PROTOCOL.md), named once for relay and client.
 * 0–3 are y-websocket's; 4 is Kenlabour's own "durable up to" acknowledgement. A stock provider
 * that does not know type 4 only logs it; Kenlabour's client registers a handler
 * (`client/src/sync/durability.ts`).
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  /** y-protocols auth: the relay sends `[2, 0, reason]` (permission denied) to a reader that wrote. */
  Auth: 2,
  QueryAwareness: 3,
  /** `[4, varUint n]`: the first n update-bearing frames of this connection are in the store. */
  Durable: 4,
} as const

/** The only auth sub-message (y-protocols `auth.js`): the write was refused, the reason follows. */
export const AUTH_PERMISSION_DENIED = 0
