/**
 * Remote edits applied in batches. The stock provider applies every incoming update in its own
 * transaction, and each transaction costs an open editor a full pass: y-prosemirror rebuilds the
 * section from the Y.XmlFragment, ProseMirror diffs and redraws it, the carets are recomputed and
 * the focused editor measures the layout to keep the caret in view. With 30 people typing 5
 * characters a second that is 150 passes a second per page, most of them never painted.
 *
 * This replaces the provider's sync handler: an update (sync message 2) that arrives less than a
 * frame after the last applied one waits, and the waiting updates are applied together, in one
 * transaction, at most once per `gapMs` (leading and trailing edge: a lone keystroke is applied at
 * once, a burst costs one pass per frame). The gap grows with the cost of the last batch, so a busy
 * page spends a bounded share of its time on remote edits and catches up instead of falling behind.
 *
 * Nothing else changes: sync steps 1 and 2 are handled by the stock code after the waiting updates
 * are applied, so the document sees the relay's messages in order (other message types, awareness
 * and the relay's own, say nothing about the document and pass as before); the
 * batch's transaction has the provider as origin and is not local, like the provider's own, so
 * undo, durability, the pending count and IndexedDB see exactly what they saw before. Local edits
 * made while updates wait are concurrent edits, which Yjs merges like any others. In a hidden page
 * (timers throttled, nothing painted) updates are applied at once.
 */
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** y-websocket's message type for sync frames, and y-protocols' sub-type for an update. */
const MESSAGE_SYNC = 0
const SYNC_UPDATE = 2

/** One frame at 60 Hz: more often than this, applying remote edits only burns time. */
export const MIN_GAP_MS = 16
/** The longest a remote edit waits (the p99 budget of a keystroke on others' screens is 50 ms). */
export const MAX_GAP_MS = 40
/** The gap is this many times the last batch's cost: remote edits take at most ~1/4 of the time. */
const COST_FACTOR = 3

type SyncHandler = WebsocketProvider['messageHandlers'][number]

const installed = new WeakSet<object>()

/** Batches applied and updates applied by them, in this page (read by the benchmark and tests). */
export const batchCounters = { batches: 0, updates: 0 }

const pageHidden = (): boolean => typeof document !== 'undefined' && document.visibilityState === 'hidden'

/**
 * Installs batching on `provider` (once; later calls are no-ops). Returns a function that applies
 * whatever waits and restores the stock handler.
 */
export const batchRemoteUpdates = (provider: WebsocketProvider): (() => void) => {
  if (installed.has(provider)) return () => {}
  const stock: SyncHandler | undefined = provider.messageHandlers[MESSAGE_SYNC]
  if (!stock) return () => {}
  installed.add(provider)
  const { doc } = provider
  const waiting: Uint8Array[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastApplied = Number.NEGATIVE_INFINITY
  let gap = MIN_GAP_MS

  const apply = () => {
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    if (waiting.length === 0 || doc.isDestroyed) {
      waiting.length = 0
      return
    }
    const updates = waiting.splice(0)
    const started = performance.now()
    // Not local, origin the provider: exactly what the stock handler's transactions look like.
    Y.transact(
      doc,
      () => {
        for (const update of updates) Y.applyUpdate(doc, update, provider)
      },
      provider,
      false,
    )
    lastApplied = performance.now()
    gap = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, COST_FACTOR * (lastApplied - started)))
    batchCounters.batches++
    batchCounters.updates += updates.length
  }

  const handler: SyncHandler = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos
    if (decoding.readVarUint(decoder) === SYNC_UPDATE) {
      waiting.push(decoding.readVarUint8Array(decoder))
      const wait = lastApplied + gap - performance.now()
      if (wait <= 0 || pageHidden()) apply()
      else timer ??= setTimeout(apply, wait)
      return
    }
    // Sync step 1 or 2: after everything received before it, handled by the stock code.
    decoder.pos = start
    apply()
    stock(encoder, decoder, p, emitSynced, messageType)
  }
  provider.messageHandlers[MESSAGE_SYNC] = handler

  return () => {
    apply()
    if (provider.messageHandlers[MESSAGE_SYNC] === handler) provider.messageHandlers[MESSAGE_SYNC] = stock
    installed.delete(provider)
  }
}
