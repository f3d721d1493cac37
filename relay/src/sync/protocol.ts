/**
 * The y-websocket wire format (see relay/PROTOCOL.md): every frame is a varUint message type
 * followed by its payload. Only the encoders the relay sends live here; decoding is done by the
 * handler table in `connection.ts`.
 */
import { AUTH_PERMISSION_DENIED, MessageType } from '@kenlabour/shared/syncMessages'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

export const SyncMessageType = {
  Step1: syncProtocol.messageYjsSyncStep1,
  Step2: syncProtocol.messageYjsSyncStep2,
  Update: syncProtocol.messageYjsUpdate,
} as const

/** `[0, 0, stateVector]`: asks the peer for what the relay is missing. */
export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** `[0, 1, update]`: what the peer is missing, given its state vector. */
export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

/** `[0, 2, update]`: one accepted (stored) update. */
export const encodeUpdate = (update: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** `[1, awarenessUpdate]` for the given clients (all known clients by default). */
export const encodeAwareness = (
  awareness: Awareness,
  clients: number[] = [...awareness.getStates().keys()],
): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Awareness)
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}

/** `[4, n]`: the first `n` update-bearing frames of this connection are in the store. */
export const encodeDurable = (n: number): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Durable)
  encoding.writeVarUint(encoder, n)
  return encoding.toUint8Array(encoder)
}

/** `[2, 0, reason]`: y-protocols' "permission denied", sent to a reader whose write was dropped. */
export const encodePermissionDenied = (reason: string): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Auth)
  encoding.writeVarUint(encoder, AUTH_PERMISSION_DENIED)
  encoding.writeVarString(encoder, reason)
  return encoding.toUint8Array(encoder)
}
