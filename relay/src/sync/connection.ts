/**
 * One WebSocket connection to one room. Every incoming frame is untrusted: it is decoded by the
 * handler of its message type (`messageHandlers[type]`, as in y-websocket) inside the room's queue,
 * and any failure closes this connection only, with the close code and reason of PROTOCOL.md.
 */

import { CloseCode } from '@kenlabour/shared/closeCodes'
import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import type { RawData, WebSocket } from 'ws'
import { closeReason, ProtocolError } from './errors.ts'
import { encodeAwareness, MessageType, SyncMessageType } from './protocol.ts'
import type { Peer, Room } from './room.ts'
import type { RoomManager } from './rooms.ts'

interface HandlerContext {
  readonly room: Room
  readonly peer: Peer
  readonly decoder: decoding.Decoder
}

type MessageHandler = (context: HandlerContext) => void | Promise<void>

/** One handler per message type; a type without a handler is refused. */
export const messageHandlers: MessageHandler[] = []

messageHandlers[MessageType.Sync] = async ({ room, peer, decoder }) => {
  const kind = decoding.readVarUint(decoder)
  switch (kind) {
    case SyncMessageType.Step1:
      peer.send(room.syncStep2For(decoding.readVarUint8Array(decoder)))
      return
    case SyncMessageType.Step2:
    case SyncMessageType.Update:
      await room.receiveUpdate(decoding.readVarUint8Array(decoder), peer)
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
const handleFrame = async (room: Room, peer: Peer, frame: Uint8Array): Promise<void> => {
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
    await handler({ room, peer, decoder })
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

export interface ConnectionOptions {
  readonly ws: WebSocket
  readonly name: string
  readonly rooms: RoomManager
  readonly log: Logger
  readonly maxFrameBytes: number
}

/** Joins a socket to the room of `name` and relays its frames until either side closes. */
export const attachConnection = ({ ws, name, rooms, log, maxFrameBytes }: ConnectionOptions): void => {
  const id = nextPeerId++
  const connLog = log.child({ doc: name, peer: id })
  let closed = false

  const close = (code: number, reason: string): void => {
    if (closed) return
    closed = true
    ws.close(code, closeReason(reason))
  }
  const peer: Peer = {
    id,
    send: (frame) => {
      if (ws.readyState === ws.OPEN) ws.send(frame)
    },
    close,
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
    if (frame.byteLength > maxFrameBytes) {
      return close(CloseCode.TooLarge, `frame of ${frame.byteLength} bytes exceeds ${maxFrameBytes}`)
    }
    // Frames are queued in arrival order, after the room has loaded.
    void ready.then((room) => {
      if (!room || closed) return
      if (room.closed) return close(CloseCode.Restarting, 'document is reloading')
      room.queue.run(() => (closed ? undefined : handleFrame(room, peer, frame))).catch(fail)
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
}
