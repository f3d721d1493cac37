/**
 * Frames of the y-websocket protocol (y-protocols' sync and awareness messages) in the two dialects
 * the compared servers speak, written and read with lib0 directly so that light clients pay for
 * no Y.Doc or Awareness instance:
 *
 * | frame            | y-websocket                            | hocuspocus (prefix: varString docName) |
 * | ---------------- | -------------------------------------- | -------------------------------------- |
 * | sync step 1      | 0, 0, varUint8Array(stateVector)       | prefix, 0, 0, …                        |
 * | sync step 2      | 0, 1, varUint8Array(update)            | prefix, 0 or 4 (SyncReply), 1, …       |
 * | update           | 0, 2, varUint8Array(update)            | prefix, 0, 2, …                        |
 * | awareness        | 1, varUint8Array(awarenessUpdate)      | prefix, 1, …                           |
 * | open a document  | (the URL names it)                     | prefix, 2 (Auth), 0 (Token), varString |
 * | authenticated    | –                                      | prefix, 2, 2 (Authenticated), scope    |
 * | update stored    | –                                      | prefix, 8 (SyncStatus), varUint        |
 *
 * Hocuspocus's layout was read in `@hocuspocus/server` 3.4.4 (`OutgoingMessage.ts`,
 * `ClientConnection.ts`, `MessageReceiver.ts`) and `@hocuspocus/common` (`auth.ts`).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Dialect } from '../servers/types.ts'

const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const HOCUSPOCUS_SYNC_REPLY = 4
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
const AUTH_TOKEN = 0
const AUTH_DENIED = 1
const AUTH_AUTHENTICATED = 2

export type Incoming =
  | { kind: 'step1'; payload: Uint8Array }
  | { kind: 'step2'; payload: Uint8Array }
  | { kind: 'update'; payload: Uint8Array }
  | { kind: 'awareness' }
  | { kind: 'authenticated' }
  | { kind: 'denied'; reason: string }
  | { kind: 'other' }

/** The frames of one document (room) in one dialect. */
export class Wire {
  private readonly prefix: Uint8Array

  constructor(
    readonly dialect: Dialect,
    readonly room: string,
  ) {
    const encoder = encoding.createEncoder()
    if (dialect === 'hocuspocus') encoding.writeVarString(encoder, room)
    this.prefix = encoding.toUint8Array(encoder)
  }

  private frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeUint8Array(encoder, this.prefix)
    write(encoder)
    return encoding.toUint8Array(encoder)
  }

  /** What a client sends before its sync step 1 (Hocuspocus opens the document on a token). */
  opening(token = 'bench'): Uint8Array[] {
    if (this.dialect !== 'hocuspocus') return []
    return [
      this.frame((e) => {
        encoding.writeVarUint(e, AUTH)
        encoding.writeVarUint(e, AUTH_TOKEN)
        encoding.writeVarString(e, token)
      }),
    ]
  }

  step1(stateVector: Uint8Array): Uint8Array {
    return this.sync(STEP1, stateVector)
  }

  step2(update: Uint8Array): Uint8Array {
    return this.sync(STEP2, update)
  }

  update(update: Uint8Array): Uint8Array {
    return this.sync(UPDATE, update)
  }

  awareness(awarenessUpdate: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, AWARENESS)
      encoding.writeVarUint8Array(e, awarenessUpdate)
    })
  }

  private sync(step: number, payload: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, SYNC)
      encoding.writeVarUint(e, step)
      encoding.writeVarUint8Array(e, payload)
    })
  }

  /** Reads the head of a frame; payloads are views into the frame, not copies. */
  read(frame: Uint8Array): Incoming {
    const decoder = decoding.createDecoder(frame)
    if (this.dialect === 'hocuspocus') decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type === SYNC || (this.dialect === 'hocuspocus' && type === HOCUSPOCUS_SYNC_REPLY)) {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (step === STEP1) return { kind: 'step1', payload }
      if (step === STEP2) return { kind: 'step2', payload }
      if (step === UPDATE) return { kind: 'update', payload }
      return { kind: 'other' }
    }
    if (type === AWARENESS) return { kind: 'awareness' }
    if (type === AUTH && this.dialect === 'hocuspocus') {
      const sub = decoding.readVarUint(decoder)
      if (sub === AUTH_AUTHENTICATED) return { kind: 'authenticated' }
      if (sub === AUTH_DENIED) return { kind: 'denied', reason: decoding.readVarString(decoder) }
    }
    return { kind: 'other' }
  }
}

/**
 * One caret update, byte for byte what y-protocols' `encodeAwarenessUpdate` writes for a single
 * client (count, clientID, clock, JSON state), without an Awareness instance and its timer.
 * The state has the shape y-prosemirror's cursor plugin publishes: user plus relative positions.
 */
export const caretUpdate = (
  clientID: number,
  clock: number,
  name: string,
  anchorClock: number,
): Uint8Array => {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientID)
  encoding.writeVarUint(encoder, clock)
  const position = { type: null, tname: null, item: { client: clientID, clock: anchorClock }, assoc: 0 }
  encoding.writeVarString(
    encoder,
    JSON.stringify({ user: { name, color: '#30bced' }, cursor: { anchor: position, head: position } }),
  )
  return encoding.toUint8Array(encoder)
}
