/**
 * Presence that stays cheap in a room of 30: the stock y-websocket provider sends an awareness
 * frame on every `setLocalStateField` (every caret move, every keystroke) and also echoes every
 * remote awareness update it receives back to the relay (its handler does not look at the origin),
 * so 30 people typing make 30 × 30 frames per keystroke wave. This replaces the provider's handler:
 *
 * - only this client's own state is sent (the relay already fans remote states out);
 * - caret/field changes are coalesced: at most one frame per `intervalMs` (leading and trailing
 *   edge, so a single move goes out at once and the last position is never lost);
 * - a local update that changes nothing is not sent, unless it renews a state the others would
 *   otherwise time out (y-prosemirror re-sets the same caret after every remote edit: with 30
 *   people typing that alone was 10 frames a second per page);
 * - leaving (state set to null) is sent at once.
 */
import * as encoding from 'lib0/encoding'
import { type Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'

/** y-websocket's message type for awareness frames (PROTOCOL.md). */
const MESSAGE_AWARENESS = 1

export const DEFAULT_AWARENESS_INTERVAL_MS = 100

/**
 * An unchanged state is sent again once this long after the last frame: well within y-protocols'
 * 30 s timeout (its own renewal re-sets the local state every 15 s, and that one goes out).
 */
const RENEW_AFTER_MS = 10_000

interface AwarenessChange {
  readonly added: number[]
  readonly updated: number[]
  readonly removed: number[]
}

/** The provider's fields this module relies on (y-websocket 3.1 keeps them public). */
interface ProviderInternals {
  readonly awareness: Awareness
  readonly wsconnected: boolean
  readonly ws: WebSocket | null
  readonly _awarenessUpdateHandler: (change: AwarenessChange, origin: unknown) => void
}

const installed = new WeakSet<object>()

/**
 * Stops the stock provider's awareness sender (which echoes every remote update back to the
 * relay). For every document the store opens: only pages that publish presence (the edit page)
 * install `coalesceAwareness`, so the other pages neither echo nor pay for the sender's code.
 */
export const muteAwarenessEcho = (provider: WebsocketProvider): void => {
  const p = provider as unknown as ProviderInternals
  if (typeof p._awarenessUpdateHandler === 'function') p.awareness.off('update', p._awarenessUpdateHandler)
}

/** Frames sent by coalesced providers in this page (read by the benchmark). */
export const awarenessCounters = { sent: 0, coalesced: 0 }

/**
 * Installs the coalescing sender on `provider` (once; later calls are no-ops) and returns a
 * function that restores the stock behaviour (tests; the app keeps it for the document's life).
 */
export const coalesceAwareness = (
  provider: WebsocketProvider,
  intervalMs: number = DEFAULT_AWARENESS_INTERVAL_MS,
): (() => void) => {
  const p = provider as unknown as ProviderInternals
  if (installed.has(p) || typeof p._awarenessUpdateHandler !== 'function') return () => {}
  installed.add(p)
  const { awareness } = p
  let lastSent = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  /** Set by 'change' (emitted just before 'update' when the local state really changed). */
  let ownChanged = false

  const send = () => {
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    lastSent = performance.now()
    if (!p.wsconnected || !p.ws) return
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]))
    p.ws.send(encoding.toUint8Array(encoder))
    awarenessCounters.sent++
  }

  const onChange = ({ added, updated, removed }: AwarenessChange) => {
    const own = awareness.clientID
    if (added.includes(own) || updated.includes(own) || removed.includes(own)) ownChanged = true
  }
  const onUpdate = ({ added, updated, removed }: AwarenessChange) => {
    const own = awareness.clientID
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return
    const changed = ownChanged
    ownChanged = false
    if (awareness.getLocalState() === null) {
      send()
      return
    }
    // Nothing new, and the others heard from us recently (a frame is already due if one waits).
    if (!changed && (timer !== null || performance.now() - lastSent < RENEW_AFTER_MS)) return
    const wait = lastSent + intervalMs - performance.now()
    if (wait <= 0) send()
    else {
      awarenessCounters.coalesced++
      timer ??= setTimeout(send, wait)
    }
  }

  awareness.off('update', p._awarenessUpdateHandler)
  awareness.on('change', onChange)
  awareness.on('update', onUpdate)
  return () => {
    if (timer) clearTimeout(timer)
    awareness.off('change', onChange)
    awareness.off('update', onUpdate)
    awareness.on('update', p._awarenessUpdateHandler)
    installed.delete(p)
  }
}
