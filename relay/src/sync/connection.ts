/**
 * One WebSocket connection to one room. Every incoming frame is untrusted: it is decoded by the
 * handler of its message type (`messageHandlers[type]`, as in y-websocket) inside the room's queue,
 * and any failure closes this connection only, with the close code and reason of PROTOCOL.md.
 *
 * Writes are checked against the connection's role (readers' changes are dropped and the client is
 * told with y-protocols' "permission denied"), and every update-bearing frame is acknowledged with
 * a "durable up to" message once what it carried is committed to storage.
 */

import type { Duplex } from 'node:stream'
import { canWrite } from '@kenlabour/shared/access'
import { CloseCode } from '@kenlabour/shared/closeCodes'
import { MessageType } from '@kenlabour/shared/syncMessages'
import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import type { RawData, WebSocket } from 'ws'
import * as Y from 'yjs'
import type { Access } from '../access/authorize.ts'
import { closeReason, ProtocolError } from './errors.ts'
import { encodeAwareness, encodeDurable, encodePermissionDenied, SyncMessageType } from './protocol.ts'
import { createRateLimiter } from './rateLimit.ts'
import type { Peer, Room } from './room.ts'
import type { RoomManager } from './rooms.ts'
import { corkForThisTurn } from './writeCoalescing.ts'

/** What a connection knows about itself while its frames are handled. */
interface ConnectionState {
  readonly access: Access
  readonly hooks: ConnectionHooks
  /** Update-bearing frames (sync step 2, update) handled so far: the "durable up to" counter. */
  writes: number
  /** The last count acknowledged. */
  acked: number
  readonly durableAcks: boolean
}

interface HandlerContext {
  readonly room: Room
  readonly peer: Peer
  readonly decoder: decoding.Decoder
  readonly state: ConnectionState
}

/** True when applying `update` would change `doc` (new structs, or deletions it has not seen). */
const wouldChange = (doc: Y.Doc, update: Uint8Array): boolean => {
  const { structs, ds } = Y.decodeUpdate(update)
  if (structs.length === 0 && ds.clients.size === 0) return false
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update)
}

const receiveWrite = async ({ room, peer, decoder, state }: HandlerContext): Promise<void> => {
  const update = decoding.readVarUint8Array(decoder)
  state.writes++
  if (!canWrite(state.access.role)) {
    let changes: boolean
    try {
      changes = wouldChange(room.doc, update)
    } catch {
      throw new ProtocolError(CloseCode.MalformedMessage, 'malformed Yjs update')
    }
    if (changes) {
      // Dropped whole (no partial filtering of CRDT updates), and the client is told.
      state.writes--
      state.hooks.onRefusedWrite()
      peer.send(encodePermissionDenied('read-only access: this change was not saved'))
      return
    }
  } else {
    await state.hooks.beforeWrite(room)
  }
  // Applied now; stored, broadcast and acknowledged ("durable up to") by the room once committed.
  room.receiveUpdate(update, peer)
}

type MessageHandler = (context: HandlerContext) => void | Promise<void>

/** One handler per message type; a type without a handler is refused. */
export const messageHandlers: MessageHandler[] = []

messageHandlers[MessageType.Sync] = async (context) => {
  const { room, peer, decoder } = context
  const kind = decoding.readVarUint(decoder)
  switch (kind) {
    case SyncMessageType.Step1: {
      const stateVector = decoding.readVarUint8Array(decoder)
      // What the relay sends is durable: wait for the commits in flight before answering.
      await room.whenDurable()
      peer.send(room.syncStep2For(stateVector))
      return
    }
    case SyncMessageType.Step2:
    case SyncMessageType.Update:
      await receiveWrite(context)
      return
    default:
      throw new ProtocolError(CloseCode.MalformedMessage, `unknown sync message type ${kind}`)
  }
}

messageHandlers[MessageType.Awareness] = ({ room, peer, decoder }) => {
  room.receiveAwareness(decoding.readVarUint8Array(decoder), peer)
}

messageHandlers[MessageType.QueryAwareness] = ({ room, peer }) => {
  peer.send(encodeAwareness(room.awareness))
}

/** Decodes and handles one frame; anything but a ProtocolError is a decoding failure. */
const handleFrame = async (
  room: Room,
  peer: Peer,
  state: ConnectionState,
  frame: Uint8Array,
): Promise<void> => {
  const decoder = decoding.createDecoder(frame)
  let type: number
  try {
    type = decoding.readVarUint(decoder)
  } catch {
    throw new ProtocolError(CloseCode.MalformedMessage, 'empty or truncated frame')
  }
  const handler = messageHandlers[type]
  if (!handler) throw new ProtocolError(CloseCode.MalformedMessage, `unknown message type ${type}`)
  try {
    await handler({ room, peer, decoder, state })
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(CloseCode.MalformedMessage, `malformed message of type ${type}`)
  }
}

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

let nextPeerId = 1

/** What the server plugs around a connection: space creation, limits, metrics. */
export interface ConnectionHooks {
  /** Before an editor's update is applied: may create the space, or refuse (ProtocolError). */
  beforeWrite(room: Room): Promise<void> | void
  /** A reader's change was dropped. */
  onRefusedWrite(): void
  /** The connection is being closed by the relay for `code`. */
  onClosedByRelay(code: number): void
  /** A frame of `bytes` was received. */
  onFrame(bytes: number): void
}

export interface ConnectionOptions {
  readonly ws: WebSocket
  /** The socket under `ws` (from the upgrade), corked per turn: see `writeCoalescing.ts`. */
  readonly socket?: Duplex
  readonly name: string
  readonly rooms: RoomManager
  readonly log: Logger
  readonly maxFrameBytes: number
  /** Frames per second this connection may send (sustained; bursts of twice that are allowed). */
  readonly maxMessagesPerSecond: number
  readonly access: Access
  readonly hooks: ConnectionHooks
  /** The client asked for "durable up to" messages (`?durable=1`); stock providers do not. */
  readonly durableAcks: boolean
}

/** Closes the connection from outside (revocation). */
export interface ConnectionControl {
  readonly access: Access
  close(code: number, reason: string): void
}

/** Joins a socket to the room of `name` and relays its frames until either side closes. */
export const attachConnection = (options: ConnectionOptions): ConnectionControl => {
  const { ws, name, rooms, log, maxFrameBytes, access, hooks } = options
  const id = nextPeerId++
  const connLog = log.child({ doc: name, peer: id, role: access.role })
  let closed = false
  const state: ConnectionState = { access, hooks, writes: 0, acked: 0, durableAcks: options.durableAcks }
  const limiter = createRateLimiter(options.maxMessagesPerSecond, options.maxMessagesPerSecond * 2)

  const close = (code: number, reason: string): void => {
    if (closed) return
    closed = true
    if (code !== CloseCode.Restarting) hooks.onClosedByRelay(code)
    ws.close(code, closeReason(reason))
  }
  const peer: Peer = {
    id,
    send: (frame) => {
      if (ws.readyState !== ws.OPEN) return
      if (options.socket) corkForThisTurn(options.socket)
      ws.send(frame)
    },
    close,
    writes: () => state.writes,
    ackUpTo: (n) => {
      if (!state.durableAcks || n <= state.acked) return
      state.acked = n
      if (ws.readyState !== ws.OPEN) return
      if (options.socket) corkForThisTurn(options.socket)
      ws.send(encodeDurable(n))
    },
  }
  const fail = (error: unknown): void => {
    if (error instanceof ProtocolError) {
      connLog.info({ code: error.code, reason: error.message }, 'closing connection')
      close(error.code, error.message)
    } else {
      connLog.error({ err: error }, 'unexpected error')
      close(1011, 'internal error')
    }
  }

  const ready: Promise<Room | undefined> = rooms.acquire(name).then(
    (room) => {
      if (closed || room.closed) {
        rooms.release(room)
        if (room.closed) close(CloseCode.Restarting, 'document is reloading')
        return undefined
      }
      room.join(peer)
      connLog.debug('joined')
      return room
    },
    (error: unknown) => {
      connLog.error({ err: error }, 'could not load document')
      close(1011, 'could not load document')
      return undefined
    },
  )

  ws.on('message', (data, isBinary) => {
    if (closed) return
    if (!isBinary) return close(CloseCode.MalformedMessage, 'text frames are not part of the protocol')
    const frame = toBytes(data)
    hooks.onFrame(frame.byteLength)
    if (frame.byteLength > maxFrameBytes) {
      connLog.warn({ bytes: frame.byteLength, max: maxFrameBytes }, 'frame too large')
      return close(CloseCode.TooLarge, `frame of ${frame.byteLength} bytes exceeds ${maxFrameBytes}`)
    }
    if (!limiter.take()) {
      connLog.warn({ max: options.maxMessagesPerSecond }, 'rate limit exceeded')
      return close(CloseCode.RateLimited, `more than ${options.maxMessagesPerSecond} messages per second`)
    }
    // Frames are queued in arrival order, after the room has loaded.
    void ready.then((room) => {
      if (!room || closed) return
      if (room.closed) return close(CloseCode.Restarting, 'document is reloading')
      room.queue.run(() => (closed ? undefined : handleFrame(room, peer, state, frame))).catch(fail)
    })
  })

  ws.on('error', (error) => connLog.warn({ err: error }, 'socket error'))
  ws.on('close', (code) => {
    closed = true
    connLog.debug({ code }, 'closed')
    void ready.then((room) => {
      if (!room) return
      room.leave(peer)
      rooms.release(room)
    })
  })
  return { access, close }
}
