/**
 * Remote edits applied in batches. The stock provider applies every incoming update in its own
 * transaction, and each transaction costs an open editor a full pass: y-prosemirror rebuilds the
 * section from the Y.XmlFragment, ProseMirror diffs and redraws it, the carets are recomputed and
 * the focused editor measures the layout to keep the caret in view. With 30 people typing 5
 * characters a second that is 150 passes a second per page, most of them never painted.
 *
 * This replaces the provider's sync handler: an update (sync message 2) that arrives less than a
 * frame after the last applied one waits for the next pass of `frameTasks.ts` (an animation frame,
 * every other one on a busy page), and the waiting updates are applied there together, in one
 * transaction, just before the frame is drawn (a lone keystroke is applied at once). A busy page
 * draws fewer frames, so its batches grow instead of falling behind;
 * and the carets of a section changed by the batch are redrawn with it, so the caret pass of the
 * same frame (`caretHub.ts`, after this one in `frameTasks.ts`) skips that section.
 *
 * Nothing else changes: sync steps 1 and 2 are handled by the stock code after the waiting updates
 * are applied, so the document sees the relay's messages in order (other message types, awareness
 * and the relay's own, say nothing about the document and pass as before). The batch's transaction
 * has the provider as origin and is not local, like the provider's own, so undo, durability and
 * the pending count treat it as before, and IndexedDB stores the same changes (one update per
 * batch). Local edits made while updates wait are concurrent edits, which Yjs merges like any
 * others. In a hidden page (nothing painted, timers throttled) updates are applied at once.
 * Installed by the edit page while it is open (the pages without editors do not need it).
 */
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { FramePhase, frameInterval, onNextFrame } from './frameTasks.ts'

/** y-websocket's message type for sync frames, and y-protocols' sub-type for an update. */
const MESSAGE_SYNC = 0
const SYNC_UPDATE = 2

/** One frame at 60 Hz: an update this long after the last batch (and the pass interval of
 * `frameTasks.ts`) is applied at once. */
export const MIN_GAP_MS = 16
/** A page that draws no frames (hidden meanwhile) still applies what waits after this long. */
export const MAX_WAIT_MS = 100

type SyncHandler = WebsocketProvider['messageHandlers'][number]

const installed = new WeakSet<object>()

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

  const apply = () => {
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    if (waiting.length === 0) return
    const updates = waiting.splice(0)
    if (doc.isDestroyed) return
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
  }

  const handler: SyncHandler = (encoder, decoder, p, emitSynced, messageType) => {
    const start = decoder.pos
    if (decoding.readVarUint(decoder) === SYNC_UPDATE) {
      waiting.push(decoding.readVarUint8Array(decoder))
      const gap = Math.max(MIN_GAP_MS, frameInterval())
      if (pageHidden() || (waiting.length === 1 && performance.now() - lastApplied >= gap)) {
        apply()
      } else if (timer === null) {
        onNextFrame(FramePhase.edits, apply)
        timer = setTimeout(apply, MAX_WAIT_MS)
      }
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
