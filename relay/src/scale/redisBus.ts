/**
 * Shares live updates and awareness between relays through Redis pub/sub (ioredis), one channel
 * per document. A relay publishes an update only after it is stored in the shared PostgreSQL, so
 * Redis is never the only copy: a message lost between relays (relay restart, dropped connection,
 * Redis restart) is recovered by `room.reconcile()`, which reloads the stored log and applies the
 * difference (Yjs updates are idempotent), then sends sync step 1 to the room's peers. It runs
 * whenever this relay (re)subscribes, and on every relay when a publisher reconnects.
 *
 * One more channel carries space rotations (`access/spacesAcrossRelays.ts`): the relay that
 * revoked a space's tokens announces it, the others close their sockets opened with a stale token.
 * A lost notice is recovered the same way: a relay whose subscriber reconnects re-checks every
 * space it has sockets in, and a relay whose publisher reconnects asks the others to do so.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { SpaceRotations } from '../access/spaces.ts'
import type { Room } from '../sync/room.ts'
import type { RoomSharing } from '../sync/rooms.ts'

enum Kind {
  Update = 0,
  Awareness = 1,
  /** "My messages for this document may have been lost: reload it from storage." */
  Reconcile = 2,
}

const ID_BYTES = 16

export interface RedisBus extends RoomSharing, SpaceRotations {
  close(): Promise<void>
}

export interface RedisBusOptions {
  readonly url: string
  /** Channel prefix: relays share rooms only with relays of the same prefix (one per database schema). */
  readonly prefix: string
  readonly log: Logger
}

export const createRedisBus = (options: RedisBusOptions): RedisBus => {
  const { log } = options
  const relayId = randomBytes(ID_BYTES)
  // No offline queue for the publisher: while Redis is away, publishing fails at once instead of
  // piling up every keystroke in memory; what was not published is recovered by reconciliation.
  const pub = new Redis(options.url, { maxRetriesPerRequest: null, enableOfflineQueue: false })
  const sub = new Redis(options.url, { maxRetriesPerRequest: null })
  const rooms = new Map<string, Room>()
  const rotationListeners: ((space: string | null) => void)[] = []
  const channelOf = (name: string): string => `${options.prefix}:doc:${name}`
  const nameOf = (channel: string): string => channel.slice(options.prefix.length + ':doc:'.length)
  const spacesChannel = `${options.prefix}:spaces`
  const rotated = (space: string | null): void => {
    for (const listener of rotationListeners) listener(space)
  }

  const reconcile = (room: Room, why: string): void => {
    room.reconcile().then(
      () => log.debug({ doc: room.name, why }, 'reconciled with storage'),
      (error: unknown) => log.error({ err: error, doc: room.name }, 'reconciliation failed'),
    )
  }

  /** Set when a message could not be published: the next `ready` asks the others to reconcile. */
  let missed = false
  const send = (channel: string, frame: Buffer): void => {
    // Failures are recovered when the connection comes back (see `ready` below): log once.
    pub.publish(channel, frame).catch((error: unknown) => {
      if (!missed) log.warn({ err: error }, 'could not publish to Redis: will reconcile when it is back')
      missed = true
    })
  }
  const publish = (room: Room, kind: Kind, payload: Uint8Array): void =>
    send(channelOf(room.name), Buffer.concat([Buffer.of(kind), relayId, payload]))
  /** A space name, or the empty string for "check every space you have sockets in". */
  const announce = (space: string): void => send(spacesChannel, Buffer.concat([relayId, Buffer.from(space)]))

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    if (channel.toString() === spacesChannel) {
      if (message.length < ID_BYTES || message.subarray(0, ID_BYTES).equals(relayId)) return
      rotated(message.subarray(ID_BYTES).toString() || null)
      return
    }
    const room = rooms.get(nameOf(channel.toString()))
    if (!room || message.length < 1 + ID_BYTES) return
    if (message.subarray(1, 1 + ID_BYTES).equals(relayId)) return
    const payload = new Uint8Array(message.subarray(1 + ID_BYTES))
    try {
      switch (message[0]) {
        case Kind.Update:
          void room.queue
            .run(() => room.applyStored(payload))
            .catch((error: unknown) => {
              log.warn({ err: error, doc: room.name }, 'update from another relay failed: reconciling')
              reconcile(room, 'failed update')
            })
          break
        case Kind.Awareness:
          room.applyOtherAwareness(payload)
          break
        case Kind.Reconcile:
          reconcile(room, 'asked by another relay')
          break
      }
    } catch (error) {
      log.warn({ err: error, doc: room.name }, 'bad message from another relay')
    }
  })

  let subReadyOnce = false
  sub.on('ready', () => {
    if (!subReadyOnce) {
      subReadyOnce = true
      return
    }
    log.warn('Redis subscriber reconnected: reconciling every loaded room')
    sub.subscribe(spacesChannel, ...[...rooms.keys()].map(channelOf)).then(
      () => {
        for (const room of rooms.values()) reconcile(room, 'subscriber reconnected')
        rotated(null)
      },
      (error: unknown) => log.error({ err: error }, 'could not resubscribe'),
    )
  })
  let pubReadyOnce = false
  pub.on('ready', () => {
    const reconnected = pubReadyOnce
    pubReadyOnce = true
    if (!reconnected && !missed) return
    missed = false
    log.warn('Redis publisher reconnected: asking other relays to reconcile')
    for (const room of rooms.values()) publish(room, Kind.Reconcile, new Uint8Array())
    announce('')
  })
  sub.subscribe(spacesChannel).catch((error: unknown) => {
    log.error({ err: error }, 'could not subscribe to space rotations')
  })
  for (const [name, connection] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const)
    connection.on('error', (error: unknown) => log.warn({ err: error, connection: name }, 'Redis error'))

  return {
    stored: (room, update) => publish(room, Kind.Update, update),
    awareness: (room, update) => publish(room, Kind.Awareness, update),
    announce,
    onRotated: (listener) => {
      rotationListeners.push(listener)
    },
    attach: (room) => {
      rooms.set(room.name, room)
      // Whatever was published between loading the room and subscribing is in storage.
      sub.subscribe(channelOf(room.name)).then(
        () => reconcile(room, 'subscribed'),
        (error: unknown) => log.error({ err: error, doc: room.name }, 'could not subscribe'),
      )
    },
    detach: (room) => {
      if (rooms.get(room.name) !== room) return
      rooms.delete(room.name)
      sub.unsubscribe(channelOf(room.name)).catch(() => undefined)
    },
    close: async () => {
      rooms.clear()
      rotationListeners.length = 0
      // QUIT would wait for a Redis that is away (the subscriber queues commands): just disconnect then.
      await Promise.allSettled(
        [pub, sub].map((c) => (c.status === 'ready' ? c.quit() : Promise.resolve(c.disconnect()))),
      )
    },
  }
}
