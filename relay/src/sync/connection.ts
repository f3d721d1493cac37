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
import { corkForThisTurn, writesThisTurn } from './writeCoalescing.ts'

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
  /** The whole frame, for handlers that relay it as it came. */
  readonly frame: Uint8Array
}

/** True when applying `update` would change `doc` (new structs, or deletions it has not seen). */
const wouldChange = (doc: Y.Doc, update: Uint8Array): boolean => {
  const { structs, ds } = Y.decodeUpdate(update)
  if (structs.length === 0 && ds.clients.size === 0) return false
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update)
}

const receiveWrite = (
  { room, peer, decoder, state, frame }: HandlerContext,
  live: boolean,
): void | Promise<void> => {
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
    room.receiveUpdate(update, peer)
    return
  }
  // Applied and broadcast now; acknowledged ("durable up to") by the room once committed.
  const receive = () => room.receiveUpdate(update, peer, live ? frame : undefined)
  const allowed = state.hooks.beforeWrite(room)
  if (allowed) return allowed.then(receive)
  receive()
}

/** A handler returns a promise only when it has to wait (see `SerialQueue.runOrQueue`). */
type MessageHandler = (context: HandlerContext) => void | Promise<void>

/** One handler per message type; a type without a handler is refused. */
export const messageHandlers: MessageHandler[] = []

messageHandlers[MessageType.Sync] = (context) => {
  const { room, peer, decoder } = context
  const kind = decoding.readVarUint(decoder)
  switch (kind) {
    case SyncMessageType.Step1: {
      const stateVector = decoding.readVarUint8Array(decoder)
      // What the relay sends is durable: wait for the commits in flight before answering.
      return room.whenDurable().then(() => peer.send(room.syncStep2For(stateVector)))
    }
    case SyncMessageType.Step2:
      return receiveWrite(context, false)
    case SyncMessageType.Update:
      return receiveWrite(context, true)
    default:
      throw new ProtocolError(CloseCode.MalformedMessage, `unknown sync message type ${kind}`)
  }
}

messageHandlers[MessageType.Awareness] = ({ room, peer, decoder, frame }) => {
  room.receiveAwareness(decoding.readVarUint8Array(decoder), peer, frame)
}

messageHandlers[MessageType.QueryAwareness] = ({ room, peer }) => {
  peer.send(encodeAwareness(room.awareness))
}

/** Anything but a ProtocolError thrown by a handler is a decoding failure. */
const asProtocolError = (error: unknown, type: number): ProtocolError =>
  error instanceof ProtocolError
    ? error
    : new ProtocolError(CloseCode.MalformedMessage, `malformed message of type ${type}`)

/** Decodes and handles one frame: synchronously unless its handler has to wait. */
const handleFrame = (
  room: Room,
  peer: Peer,
  state: ConnectionState,
  frame: Uint8Array,
): void | Promise<void> => {
  const decoder = decoding.createDecoder(frame)
  let type: number
  try {
    type = decoding.readVarUint(decoder)
  } catch {
    throw new ProtocolError(CloseCode.MalformedMessage, 'empty or truncated frame')
  }
  const handler = messageHandlers[type]
  if (!handler) throw new ProtocolError(CloseCode.MalformedMessage, `unknown message type ${type}`)
  let result: void | Promise<void>
  try {
    result = handler({ room, peer, decoder, state, frame })
  } catch (error) {
    throw asProtocolError(error, type)
  }
  if (result) {
    return result.catch((error: unknown) => {
      throw asProtocolError(error, type)
    })
  }
}

const toBytes = (data: RawData): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

let nextPeerId = 1

/**
 * How long a "durable up to" may wait for another frame to the same peer, to leave in the same
 * write: acknowledgements follow commits, in a turn of their own, and sent at once they were one
 * system call in twelve on a busy relay. Only the "saved on the server" mark waits for it.
 */
export const ACK_DELAY_MS = 50

/** What the server plugs around a connection: space creation, limits, metrics. */
export interface ConnectionHooks {
  /**
   * Before an editor's update is applied: may create the space, or refuse (ProtocolError). Returns
   * a promise only when it has to wait.
   */
  beforeWrite(room: Room): Promise<void> | undefined
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

  let ackTimer: NodeJS.Timeout | undefined
  const close = (code: number, reason: string): void => {
    if (closed) return
    closed = true
    if (code !== CloseCode.Restarting) hooks.onClosedByRelay(code)
    // What is durable is said before the socket closes (a shutdown flushes commits first).
    flushAck()
    ws.close(code, closeReason(reason))
  }
  /** Sends the acknowledgement waiting, if any (`ACK_DELAY_MS`). */
  const flushAck = (): void => {
    if (ackTimer === undefined) return
    clearTimeout(ackTimer)
    ackTimer = undefined
    if (ws.readyState !== ws.OPEN) return
    if (options.socket) corkForThisTurn(options.socket)
    ws.send(encodeDurable(state.acked))
  }
  const peer: Peer = {
    id,
    send: (frame) => {
      if (ws.readyState !== ws.OPEN) return
      if (options.socket) corkForThisTurn(options.socket)
      ws.send(frame)
      flushAck()
    },
    close,
    writes: () => state.writes,
    ackUpTo: (n) => {
      if (!state.durableAcks || n <= state.acked) return
      state.acked = n
      ackTimer ??= setTimeout(flushAck, ACK_DELAY_MS)
      if (options.socket && writesThisTurn(options.socket)) flushAck()
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

  /** The room once joined: frames then go straight to its queue. */
  let joined: Room | undefined
  const ready: Promise<Room | undefined> = rooms.acquire(name).then(
    (room) => {
      if (closed || room.closed) {
        rooms.release(room)
        if (room.closed) close(CloseCode.Restarting, 'document is reloading')
        return undefined
      }
      room.join(peer)
      connLog.debug('joined')
      joined = room
      return room
    },
    (error: unknown) => {
      connLog.error({ err: error }, 'could not load document')
      close(1011, 'could not load document')
      return undefined
    },
  )

  /** Frames of a room run one at a time, in arrival order. */
  const handle = (room: Room | undefined, frame: Uint8Array): void => {
    if (!room || closed) return
    if (room.closed) {
      close(CloseCode.Restarting, 'document is reloading')
      return
    }
    try {
      const result = room.queue.runOrQueue(() => (closed ? undefined : handleFrame(room, peer, state, frame)))
      if (result) result.catch(fail)
    } catch (error) {
      fail(error)
    }
  }

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
    // Frames that arrive while the room loads wait for it, in order.
    if (joined) handle(joined, frame)
    else void ready.then((room) => handle(room, frame))
  })

  ws.on('error', (error) => connLog.warn({ err: error }, 'socket error'))
  ws.on('close', (code) => {
    closed = true
    clearTimeout(ackTimer)
    connLog.debug({ code }, 'closed')
    void ready.then((room) => {
      if (!room) return
      room.leave(peer)
      rooms.release(room)
    })
  })
  return { access, close }
}
