/**
 * Coalesces what the relay writes to one socket during a turn of the event loop into a single
 * write. A keystroke arrives as two frames (the Yjs update and the caret's awareness update) that
 * the relay passes on to every other peer of the room; each socket write is a system call, and on
 * a busy relay those calls, not the frames' bytes, are most of the CPU (profile of the standard
 * benchmark: `writev` was the largest single item). A socket corked until the turn ends sends
 * both frames, and the "durable up to" that may follow, in one write. The delay is nil: the
 * sockets are uncorked before the event loop waits for anything else.
 */
import type { Duplex } from 'node:stream'

const corked = new Set<Duplex>()
let scheduled = false

const uncorkAll = (): void => {
  scheduled = false
  for (const socket of corked) socket.uncork()
  corked.clear()
}

/** Holds `socket`'s writes until the end of this turn of the event loop (idempotent). */
export const corkForThisTurn = (socket: Duplex): void => {
  if (corked.has(socket)) return
  socket.cork()
  corked.add(socket)
  if (!scheduled) {
    scheduled = true
    setImmediate(uncorkAll)
  }
}

/** Whether `socket` already writes at the end of this turn (something else can join that write). */
export const writesThisTurn = (socket: Duplex): boolean => corked.has(socket)
