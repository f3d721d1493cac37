/**
 * A room: one loaded Y.Doc, its awareness and the peers connected to it. The room is the only
 * writer of its document: every change, from a peer or from the relay itself (catalog, seed), goes
 * through `edit`, which applies it (the guard: nothing malformed gets further), broadcasts the
 * resulting update to the other peers at once, and appends it to storage; the sender hears
 * "durable up to" only once the append committed, and other relays get the update only then.
 *
 * Why broadcast before the commit: the others' latency then does not include an fsync, as with
 * y-websocket's and Hocuspocus's servers. Nothing can be lost by it: should the relay die before
 * the commit, the sender was never told the update is durable and sends it again when it
 * reconnects (the sync step exchange), and so does every peer that received it.
 */

import { CloseCode } from '@kenlabour/shared/closeCodes'
import type { DocAddress } from '@kenlabour/shared/names'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { LoadedDoc } from '../storage/loadDoc.ts'
import type { DocStorage } from '../storage/types.ts'
import { ProtocolError } from './errors.ts'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts'
import { createSerialQueue, type SerialQueue } from './serialQueue.ts'
import { createSyncAnswers } from './syncAnswers.ts'

/** A connection as the room sees it. */
export interface Peer {
  readonly id: number
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
  /** Update-bearing frames received from this peer so far (for "durable up to"). */
  writes?(): number
  /** This peer's first `n` update-bearing frames are committed: tell it (if it asked). */
  ackUpTo?(n: number): void
}

export interface RoomOptions {
  readonly name: string
  readonly address: DocAddress
  readonly loaded: LoadedDoc
  readonly storage: DocStorage
  readonly log: Logger
  /** Fold the update log into a snapshot once it holds more than this many updates. */
  readonly compactAfter: number
  /** Refuse updates that would grow the stored document past this many bytes. */
  readonly maxDocBytes: number
  /** Called after updates were broadcast and stored (the catalog listens). */
  readonly onChanged: (room: Room) => void
  /**
   * Called when the in-memory doc may no longer match storage (an update threw half-applied, or
   * storage failed): the manager drops the room and reloads it from storage on next use.
   */
  readonly onBroken: (room: Room, error: unknown) => void
  /** Set when other relays share this document (scale-out mode): see `SharedRoomHooks`. */
  readonly shared?: SharedRoomHooks
}

/**
 * What a room tells the other relays: its stored updates (only once committed, so a relay never
 * relays what could be lost) and its local peers' awareness.
 */
export interface SharedRoomHooks {
  stored(room: Room, update: Uint8Array): void
  awareness(room: Room, update: Uint8Array): void
}

/** Origin of changes that came from another relay: they are already stored, never republished. */
export const FROM_OTHER_RELAY = Symbol('from another relay')

export interface Room {
  readonly name: string
  readonly address: DocAddress
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  readonly peers: ReadonlySet<Peer>
  /** Frames and edits of this room run one at a time through this queue. */
  readonly queue: SerialQueue
  /** Adds a peer and starts the sync: sends the relay's state vector and the awareness states. */
  join(peer: Peer): void
  /** Removes a peer and the awareness states it controlled. */
  leave(peer: Peer): void
  /** Reply to a peer's sync step 1: what it is missing. */
  syncStep2For(stateVector: Uint8Array): Uint8Array
  /**
   * A peer's update (sync step 2 or update): validated and applied now, broadcast to the others at
   * once, stored and acknowledged once committed (the room's queue does not wait for that). `frame`
   * is the `[0, 2, update]` frame a live update came in: see `continuesDoc`.
   */
  receiveUpdate(update: Uint8Array, from: Peer, frame?: Uint8Array): void
  /** Resolves once everything applied so far is committed: answers to sync step 1 wait for it. */
  whenDurable(): Promise<void>
  /** A peer's awareness update (the `[1, update]` frame it came in): applied, and the frame relayed. */
  receiveAwareness(update: Uint8Array, from: Peer, frame: Uint8Array): void
  /** A server-side change (catalog, seed), stored and broadcast like a peer's. Call inside `queue`. */
  edit(change: (doc: Y.Doc) => void, origin: unknown): Promise<void>
  /** Stops taking new work, lets queued work finish, closes every peer with `code`, frees the doc. */
  close(code: number, reason: string): Promise<void>
  /** True once `close` was called: connections stop queueing frames. */
  readonly closed: boolean
  /** Nothing stored for this document yet (the first write creates it). */
  readonly isNew: boolean
  /**
   * Updates waiting in memory for missing dependencies (they are not stored yet): while true, the
   * relay cannot acknowledge a peer's frames as durable.
   */
  hasPending(): boolean
  /** Another relay stored `update`: apply it and forward what was new to every peer. */
  applyStored(update: Uint8Array): void
  /** Another relay's awareness update: apply it and forward it (never republished). */
  applyOtherAwareness(update: Uint8Array): void
  /**
   * Reloads the stored log and applies what the doc misses, then asks every peer for its state:
   * recovers whatever messages between relays were lost. Runs in the room's queue.
   */
  reconcile(): Promise<void>
}

/**
 * True when `structs` (a decoded update) continue each client's history exactly where `doc` is:
 * there are some, for every client the first one starts at the doc's clock, and none is a skip.
 * Applied to a doc with nothing pending, such an update integrates all of it (or keeps what depends
 * on missing items pending, as every peer will), and nothing else: it is the change itself, so the
 * relay stores and forwards the bytes it received instead of having Yjs encode the change again.
 * Profiling the standard benchmark put that second encoding, with the frame built around it, at
 * about 5 % of the relay's CPU. Deletions alone take the general path: they may be known already.
 */
const continuesDoc = (doc: Y.Doc, structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>): boolean => {
  if (structs.length === 0) return false
  let client = -1
  for (const struct of structs) {
    if (struct instanceof Y.Skip) return false
    if (struct.id.client === client) continue
    client = struct.id.client
    if (struct.id.clock !== Y.getState(doc.store, client)) return false
  }
  return true
}

/** Whether a transaction changed the document (new structs or deletions). */
const changedDoc = (transaction: Y.Transaction): boolean => {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true
  }
  return false
}

export const createRoom = (options: RoomOptions): Room => {
  const { name, address, storage, log, compactAfter } = options
  const doc = options.loaded.doc
  const awareness = new awarenessProtocol.Awareness(doc)
  // The relay is not a participant: it has no presence of its own.
  awareness.setLocalState(null)
  const peers = new Set<Peer>()
  /** Awareness client ids each peer set, to remove them when it leaves (as y-websocket's server does). */
  const controlled = new Map<Peer, Set<number>>()
  const queue = createSerialQueue()
  let lastId = options.loaded.upToId
  let sinceSnapshot = options.loaded.entries
  let storedBytes = options.loaded.bytes
  let broken = false
  let closed = false

  awareness.on(
    'update',
    (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const ids = controlled.get(origin as Peer)
      if (ids) {
        for (const id of added) ids.add(id)
        for (const id of removed) ids.delete(id)
      }
      // A peer's own frame is relayed as it came (`receiveAwareness`); what the relay itself
      // changes (a peer left, a state timed out, another relay's update) is encoded here.
      if (ids) return
      const changed = [...added, ...updated, ...removed]
      if (changed.length === 0) return
      const frame = encodeAwareness(awareness, changed)
      for (const peer of peers) peer.send(frame)
      if (origin !== FROM_OTHER_RELAY && options.shared)
        options.shared.awareness(room, awarenessProtocol.encodeAwarenessUpdate(awareness, changed))
    },
  )
  /** The last transaction on the doc: tells whether an update that threw changed it half-way. */
  let lastTransaction: Y.Transaction | undefined
  const answers = createSyncAnswers()
  const pending = () => doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    lastTransaction = transaction
    if (answers.holding && (changedDoc(transaction) || pending())) answers.clear()
  })

  /** Folds what storage holds (other relays append too: the room's doc may not have it all yet). */
  const sharedSnapshot = async (): Promise<{ upTo: number; state: Uint8Array }> => {
    const stored = await storage.loadUpdates(name)
    const folded = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(folded, update)
    const state = Y.encodeStateAsUpdate(folded)
    folded.destroy()
    return { upTo: stored.upToId, state }
  }

  const compact = async (): Promise<void> => {
    const { upTo, state } = options.shared
      ? await sharedSnapshot()
      : { upTo: lastId, state: Y.encodeStateAsUpdate(doc) }
    await storage.replaceWithSnapshot(name, state, upTo)
    storedBytes = state.byteLength
    log.debug({ doc: name, upTo, folded: sinceSnapshot }, 'compacted update log')
    sinceSnapshot = 1
  }

  const markBroken = (error: unknown): void => {
    if (broken) return
    broken = true
    options.onBroken(room, error)
  }

  /** Resolves once every append requested so far is committed (and its broadcast sent). */
  let lastDurable: Promise<void> = Promise.resolve()
  let compactionQueued = false

  /**
   * Applies a change now, broadcasts the updates it produced to the other peers, and requests
   * their storage without waiting: the room's queue moves on to the next frame while the group
   * commit runs, so one room's frames share commits. "Durable up to" acknowledgements and the
   * publication to other relays happen in the returned promise, after the commit, in order
   * (appends commit in the order they were requested).
   */
  const applyAndStore = (
    change: (doc: Y.Doc) => void,
    origin: unknown,
    received?: { readonly update: Uint8Array; readonly frame: Uint8Array },
  ): Promise<void> => {
    // After `close` the queue still drains (frames received before it are handled); only a room
    // whose doc may differ from storage refuses work.
    if (broken) throw new ProtocolError(CloseCode.Restarting, 'document is reloading')
    // A received update that is the change itself needs no 'update' listener: with one, Yjs
    // encodes every transaction's update again.
    const emitted: Uint8Array[] = []
    const collect = (update: Uint8Array) => emitted.push(update)
    if (!received) doc.on('update', collect)
    lastTransaction = undefined
    try {
      change(doc)
    } catch (error) {
      // yjs integrates what came before the throw: the doc may no longer match storage.
      if (emitted.length > 0 || (lastTransaction && changedDoc(lastTransaction))) markBroken(error)
      throw error
    } finally {
      if (!received) doc.off('update', collect)
    }
    const produced = received ? [received.update] : emitted
    const frames = received ? [received.frame] : emitted.map(encodeUpdate)
    // With no update waiting for missing dependencies, everything applied so far is covered by the
    // appends requested so far: once they commit, each peer's frames up to now are durable.
    const acks = room.hasPending() ? [] : [...peers].map((peer) => [peer, peer.writes?.() ?? 0] as const)
    const appends = produced.map((update) => storage.appendUpdate(name, update))
    for (const [i, update] of produced.entries()) {
      storedBytes += update.byteLength
      for (const peer of peers) if (peer !== origin) peer.send(frames[i]!)
    }
    const durable = lastDurable.then(async () => {
      let ids: number[]
      try {
        ids = await Promise.all(appends)
      } catch (error) {
        markBroken(error)
        log.error({ err: error, doc: name }, 'could not store an update')
        throw new ProtocolError(CloseCode.Restarting, 'the relay could not store the update')
      }
      if (produced.length > 0) {
        lastId = ids.at(-1)!
        sinceSnapshot += produced.length
        for (const update of produced) options.shared?.stored(room, update)
        options.onChanged(room)
      }
      for (const [peer, writes] of acks) peer.ackUpTo?.(writes)
      if (sinceSnapshot > compactAfter && !compactionQueued && !broken) {
        compactionQueued = true
        // A failed compaction loses nothing (the log is intact): log it and carry on.
        void queue
          .run(compact)
          .catch((error: unknown) => log.error({ err: error, doc: name }, 'compaction failed'))
          .finally(() => {
            compactionQueued = false
          })
      }
    })
    lastDurable = durable.catch(() => undefined)
    return durable
  }

  /** Applies a change, then stores and broadcasts the updates it produced; resolves once stored. */
  const edit = async (change: (doc: Y.Doc) => void, origin: unknown): Promise<void> => {
    await applyAndStore(change, origin)
  }

  const room: Room = {
    name,
    address,
    doc,
    awareness,
    peers,
    queue,
    get closed() {
      return closed
    },
    get isNew() {
      return sinceSnapshot === 0
    },
    hasPending: pending,
    join: (peer) => {
      peers.add(peer)
      controlled.set(peer, new Set())
      peer.send(encodeSyncStep1(doc))
      if (awareness.getStates().size > 0) peer.send(encodeAwareness(awareness))
    },
    leave: (peer) => {
      peers.delete(peer)
      const ids = controlled.get(peer)
      controlled.delete(peer)
      if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(awareness, [...ids], null)
    },
    syncStep2For: (stateVector) => {
      try {
        return answers.get(stateVector, () => encodeSyncStep2(doc, stateVector), !pending())
      } catch {
        throw new ProtocolError(CloseCode.MalformedMessage, 'malformed state vector in sync step 1')
      }
    },
    receiveUpdate: (update, from, frame) => {
      let structs: Array<Y.Item | Y.GC | Y.Skip>
      try {
        // Parses every struct and the delete set without touching the doc: garbage stops here.
        structs = Y.decodeUpdate(update).structs
      } catch {
        throw new ProtocolError(CloseCode.MalformedMessage, 'malformed Yjs update')
      }
      // Counted before applying: an update that would make the document too large never enters it.
      if (storedBytes + update.byteLength > options.maxDocBytes) {
        throw new ProtocolError(CloseCode.TooLarge, `document would exceed ${options.maxDocBytes} bytes`)
      }
      try {
        // Storage failures surface through `onBroken` (the room reloads), not through this frame.
        // With updates pending in the doc, applying this one may integrate them too: then only
        // what Yjs emits covers the change.
        const received =
          frame && !room.hasPending() && continuesDoc(doc, structs) ? { update, frame } : undefined
        applyAndStore((d) => Y.applyUpdate(d, update, from), from, received).catch(() => undefined)
      } catch (error) {
        if (error instanceof ProtocolError) throw error
        log.warn({ err: error, doc: name, peer: from.id }, 'update could not be applied')
        throw new ProtocolError(CloseCode.MalformedMessage, 'Yjs update could not be applied')
      }
    },
    receiveAwareness: (update, from, frame) => {
      try {
        awarenessProtocol.applyAwarenessUpdate(awareness, update, from)
      } catch {
        throw new ProtocolError(CloseCode.MalformedMessage, 'malformed awareness update')
      }
      // Relayed as it came: decoding and encoding the states again would cost more than the
      // forwarding (an outdated state in it is ignored by the peers as it was by the relay).
      for (const peer of peers) if (peer !== from) peer.send(frame)
      options.shared?.awareness(room, update)
    },
    edit,
    whenDurable: () => lastDurable,
    applyStored: (update) => {
      if (closed) return
      const produced: Uint8Array[] = []
      const collect = (u: Uint8Array) => produced.push(u)
      doc.on('update', collect)
      try {
        Y.applyUpdate(doc, update, FROM_OTHER_RELAY)
      } finally {
        doc.off('update', collect)
      }
      storedBytes += update.byteLength
      for (const u of produced) {
        const frame = encodeUpdate(u)
        for (const peer of peers) peer.send(frame)
      }
      if (produced.length > 0) options.onChanged(room)
    },
    applyOtherAwareness: (update) => {
      if (closed) return
      awarenessProtocol.applyAwarenessUpdate(awareness, update, FROM_OTHER_RELAY)
    },
    reconcile: () =>
      queue.run(async () => {
        if (closed) return
        const stored = await storage.loadUpdates(name)
        for (const update of stored.updates) room.applyStored(update)
        storedBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
        const step1 = encodeSyncStep1(doc)
        for (const peer of peers) peer.send(step1)
      }),
    close: async (code, reason) => {
      if (closed) return
      closed = true
      await queue.idle()
      await lastDurable
      for (const peer of [...peers]) peer.close(code, reason)
      peers.clear()
      awareness.destroy()
      doc.destroy()
    },
  }

  if (sinceSnapshot > compactAfter) {
    void queue
      .run(compact)
      .catch((error: unknown) => log.error({ err: error, doc: name }, 'compaction failed'))
  }
  return room
}
