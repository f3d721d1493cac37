/**
 * Records versions of a fiche while someone edits it (no React). Each client:
 * - registers its Yjs client id → participant in the fiche on its first local write of the
 *   session (durable attribution);
 * - after a burst of local edits followed by `quietMs` of quiet, records an automatic version and
 *   thins old ones;
 * - when the editing session ends (`stop`) after local edits, records a session version listing
 *   everyone who was present on the fiche meanwhile (awareness `user` states); if its last burst
 *   already made an automatic version, that version becomes the session's;
 * - just before this device's first edit of the session, keeps a copy of the fiche: if the
 *   history has no version yet (an imported or seeded fiche), that copy becomes its `origin`
 *   version, recorded before any other, so the first edits compare with the imported text;
 * - logs what it deletes in the history document (`DeletionLog`, shortly after each deletion), so
 *   that compares can show deletions in their author's colour.
 * Every client that edited records: two replicas recording the same state make one version (same
 * id), and versions made offline merge into the timeline when the history doc syncs. A version
 * that could not be recorded (tab closed during the quiet delay) is not lost work: the next
 * version anyone records contains those changes, attributed from the state vectors.
 */

import { DeletionLog, writeDeletions } from '@kenlabour/shared/history/deletions'
import { thinHistory } from '@kenlabour/shared/history/thinning'
import {
  recordOrigin,
  recordVersion,
  type VersionKind,
  versionsMap,
} from '@kenlabour/shared/history/versions'
import { type Participant, registerParticipant } from '@kenlabour/shared/participants'
import * as Y from 'yjs'
import type { DocHandle } from '../sync/docStore.ts'

/** Delay before this session's deletions are written to the history document. */
const DELETIONS_FLUSH_MS = 300

export interface RecorderOptions {
  readonly quietMs: number
  readonly participant: () => Participant
}

export interface Recorder {
  /**
   * Records now (a named, restore or session version), once the history document is loaded and
   * synced (or the relay is out of reach); resolves false if nothing was recorded.
   */
  record(kind: VersionKind, extra?: { name?: string; restoredFrom?: string }): Promise<boolean>
  /** Ends the session: records a session version if anything changed, stops listening. */
  stop(): void
}

const presentParticipants = (handle: DocHandle, seen: Map<string, Participant>): void => {
  for (const state of handle.awareness.getStates().values()) {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user
    if (user && typeof user.name === 'string' && typeof user.color === 'string' && !seen.has(user.name))
      seen.set(user.name, { id: `presence:${user.name}`, name: user.name, color: user.color, device: '' })
  }
}

/** Resolves once the history holds what this device and the relay know (or the relay is out of reach). */
const settled = async (history: DocHandle): Promise<void> => {
  await history.whenLocal
  await new Promise<void>((resolve) => {
    const done = () => {
      const { everSynced, connection } = history.getState()
      return everSynced || connection.kind === 'offline' || connection.kind === 'closed'
    }
    if (done()) return resolve()
    const unsubscribe = history.subscribe(() => {
      if (!done()) return
      unsubscribe()
      resolve()
    })
  })
}

export const startRecorder = (fiche: DocHandle, history: DocHandle, options: RecorderOptions): Recorder => {
  const { doc } = fiche
  let registeredFor = -1
  let timer: ReturnType<typeof setTimeout> | null = null
  let deletedLocally = false
  let editedThisSession = false
  let deletions = new DeletionLog()
  let deletionsFor = doc.clientID
  let flushTimer: ReturnType<typeof setTimeout> | null = null
  /** Writes the session's deletion log if it grew since it was last written. */
  const flushDeletions = () => {
    if (flushTimer === null) return
    clearTimeout(flushTimer)
    flushTimer = null
    writeDeletions(history.doc, deletionsFor, deletions)
  }
  /** Recorded once the first local edit is under way (see `onBeforeTransaction`). */
  let origin: Promise<void> | null = null
  const onBeforeTransaction = (transaction: Y.Transaction) => {
    if (!transaction.local || origin) return
    // A history that has versions has its origin (or began before origins existed): no copy.
    if (versionsMap(history.doc).size > 0) {
      origin = Promise.resolve()
      return
    }
    // Nothing of this transaction is applied yet: the copy is the fiche as its editor saw it.
    const before = new Y.Doc()
    Y.applyUpdate(before, Y.encodeStateAsUpdate(doc))
    // Only once the history synced with the relay: an empty history that never synced may just
    // not have arrived yet (offline), and an origin then would be a stray entry in the timeline.
    origin = settled(history).then(() => {
      if (history.getState().everSynced) recordOrigin(history.doc, before, Date.now())
      before.destroy()
    })
  }
  doc.on('beforeTransaction', onBeforeTransaction)
  const seen = new Map<string, Participant>()
  const onAwareness = () => presentParticipants(fiche, seen)
  fiche.awareness.on('change', onAwareness)
  onAwareness()

  const record = async (
    kind: VersionKind,
    extra: { name?: string; restoredFrom?: string } = {},
  ): Promise<boolean> => {
    if (timer) clearTimeout(timer)
    timer = null
    flushDeletions()
    // Compare with the versions others made: wait for the history to load and sync (or be offline).
    await settled(history)
    await origin
    const me = options.participant()
    seen.set(me.name, me)
    const version = recordVersion(history.doc, doc, {
      kind,
      at: Date.now(),
      by: me,
      participants: kind === 'session' ? [...seen.values()] : [],
      extraAuthorClients: deletedLocally ? [doc.clientID] : [],
      ...extra,
    })
    if (version) {
      deletedLocally = false
      thinHistory(history.doc, Date.now())
    }
    return version !== null
  }

  const onUpdate = (_u: Uint8Array, _o: unknown, _d: Y.Doc, transaction: Y.Transaction) => {
    if (!transaction.local) return
    if (registeredFor !== doc.clientID) {
      registeredFor = doc.clientID
      registerParticipant(doc, options.participant())
    }
    editedThisSession = true
    if (deletionsFor !== doc.clientID) {
      flushDeletions()
      deletions = new DeletionLog()
      deletionsFor = doc.clientID
    }
    if (deletions.add(transaction.deleteSet)) {
      deletedLocally = true
      flushTimer ??= setTimeout(flushDeletions, DELETIONS_FLUSH_MS)
    }
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void record('auto'), options.quietMs)
  }
  doc.on('update', onUpdate)

  return {
    record,
    stop: () => {
      doc.off('update', onUpdate)
      doc.off('beforeTransaction', onBeforeTransaction)
      fiche.awareness.off('change', onAwareness)
      if (timer) clearTimeout(timer)
      timer = null
      flushDeletions()
      if (editedThisSession) void record('session')
    },
  }
}
