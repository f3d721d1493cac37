/**
 * Shares live updates and awareness between relays through Redis pub/sub (ioredis), one channel
 * per document. A relay publishes an update only after it is stored in the shared PostgreSQL, so
 * Redis is never the only copy: a message lost between relays (relay restart, dropped connection,
 * Redis restart) is recovered by `room.reconcile()`, which reloads the stored log and applies the
 * difference (Yjs updates are idempotent), then sends sync step 1 to the room's peers. It runs
 * whenever this relay (re)subscribes, and on every relay when a publisher reconnects.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { Room } from '../sync/room.ts'
import type { RoomSharing } from '../sync/rooms.ts'

enum Kind {
  Update = 0,
  Awareness = 1,
  /** "My messages for this document may have been lost: reload it from storage." */
  Reconcile = 2,
}

const ID_BYTES = 16

export interface RedisBus extends RoomSharing {
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
  const pub = new Redis(options.url, { lazyConnect: false, maxRetriesPerRequest: null })
  const sub = new Redis(options.url, { lazyConnect: false, maxRetriesPerRequest: null })
  const rooms = new Map<string, Room>()
  const channelOf = (name: string): string => `${options.prefix}:doc:${name}`
  const nameOf = (channel: string): string => channel.slice(options.prefix.length + ':doc:'.length)

  const reconcile = (room: Room, why: string): void => {
    room.reconcile().then(
      () => log.debug({ doc: room.name, why }, 'reconciled with storage'),
      (error: unknown) => log.error({ err: error, doc: room.name }, 'reconciliation failed'),
    )
  }

  const publish = (room: Room, kind: Kind, payload: Uint8Array): void => {
    const frame = Buffer.concat([Buffer.of(kind), relayId, payload])
    // Failures are recovered by reconciliation when the connection comes back: log only.
    pub.publish(channelOf(room.name), frame).catch((error: unknown) => {
      log.warn({ err: error, doc: room.name }, 'could not publish to Redis')
    })
  }

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
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
    const channels = [...rooms.keys()].map(channelOf)
    const resubscribed = channels.length > 0 ? sub.subscribe(...channels) : Promise.resolve(0)
    resubscribed.then(
      () => {
        for (const room of rooms.values()) reconcile(room, 'subscriber reconnected')
      },
      (error: unknown) => log.error({ err: error }, 'could not resubscribe'),
    )
  })
  let pubReadyOnce = false
  pub.on('ready', () => {
    if (!pubReadyOnce) {
      pubReadyOnce = true
      return
    }
    log.warn('Redis publisher reconnected: asking other relays to reconcile')
    for (const room of rooms.values()) publish(room, Kind.Reconcile, new Uint8Array())
  })
  for (const [name, connection] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const)
    connection.on('error', (error: unknown) => log.warn({ err: error, connection: name }, 'Redis error'))

  return {
    stored: (room, update) => publish(room, Kind.Update, update),
    awareness: (room, update) => publish(room, Kind.Awareness, update),
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
      await Promise.allSettled([pub.quit(), sub.quit()])
    },
  }
}
