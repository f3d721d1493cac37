/**
 * "Saved on the server" vs "saved on this device": follows the relay's "durable up to" messages
 * (type 4, relay/PROTOCOL.md) for one provider. The relay counts the update-bearing frames
 * (sync step 2 and update) it received on a connection and, once they are committed to its store,
 * sends that count. Here we count the same frames as the provider sends them, remembering how many
 * local changes each one covered; an acknowledged count therefore tells how many local changes are
 * safe on the server. A new connection starts both counts at 0, and its sync step 2 carries every
 * change the relay still lacks, so nothing is counted twice or lost across reconnects.
 *
 * Also handles y-protocols' "permission denied" (type 2), which the relay sends when a read-only
 * connection tried to change the document, so the UI can say the change was not saved.
 */
import { AUTH_PERMISSION_DENIED, MessageType } from '@kenlabour/shared/syncMessages'
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'

export interface DurabilityState {
  /** Local changes not yet acknowledged as stored by the relay (they are on this device). */
  readonly waiting: number
  /** At least one local change was acknowledged, and none is waiting. */
  readonly savedOnServer: boolean
  /** The relay refused a write (read-only access): its reason. */
  readonly refused: string | null
}

export interface DurabilityTracker {
  getState(): DurabilityState
  subscribe(listener: () => void): () => void
  /** Starts following a provider of the doc (call once, right after creating it). */
  attach(provider: WebsocketProvider): void
  destroy(): void
}

const isUpdateFrame = (data: unknown): boolean => {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null
  // [0 sync, 1 step 2 | 2 update, …]
  return (
    bytes !== null && bytes.length > 1 && bytes[0] === MessageType.Sync && (bytes[1] === 1 || bytes[1] === 2)
  )
}

/**
 * Counts the local changes of `doc`. Create it *before* the provider, so that its `update` listener
 * runs before the provider's (which sends the change): when a frame goes out, the change it carries
 * is already counted. The provider must connect with `durable: '1'` in its params.
 */
export const createDurabilityTracker = (doc: Y.Doc): DurabilityTracker => {
  let localChanges = 0
  let savedChanges = 0
  let everSaved = false
  let refused: string | null = null
  /** For each update frame sent on the current socket: the local changes it covered. */
  let marks: number[] = []
  let acked = 0
  const listeners = new Set<() => void>()
  let state: DurabilityState = { waiting: 0, savedOnServer: false, refused: null }
  const emit = () => {
    const waiting = localChanges - savedChanges
    const next = { waiting, savedOnServer: everSaved && waiting === 0, refused }
    if (
      next.waiting === state.waiting &&
      next.savedOnServer === state.savedOnServer &&
      next.refused === state.refused
    )
      return
    state = next
    for (const listener of listeners) listener()
  }

  // Changes made here (not those applied from the relay or from IndexedDB, which are not local).
  const onUpdate = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (!transaction.local) return
    localChanges++
    emit()
  }
  doc.on('update', onUpdate)

  let detach = () => {}
  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    attach: (provider) => {
      const onStatus = ({ status }: { status: string }) => {
        if (status !== 'connected') return
        const ws = provider.ws
        if (!ws) return
        marks = []
        acked = 0
        const send = ws.send.bind(ws)
        ws.send = (data) => {
          if (isUpdateFrame(data)) marks.push(localChanges)
          send(data)
        }
      }
      provider.on('status', onStatus)
      provider.messageHandlers[MessageType.Durable] = (_encoder, decoder) => {
        const upTo = decoding.readVarUint(decoder)
        if (upTo <= acked || upTo > marks.length) return
        acked = upTo
        savedChanges = Math.max(savedChanges, marks[upTo - 1]!)
        everSaved = true
        emit()
      }
      provider.messageHandlers[MessageType.Auth] = (_encoder, decoder) => {
        if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) return
        refused = decoding.readVarString(decoder)
        emit()
      }
      detach = () => provider.off('status', onStatus)
    },
    destroy: () => {
      listeners.clear()
      doc.off('update', onUpdate)
      detach()
    },
  }
}
