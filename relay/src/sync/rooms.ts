/**
 * The rooms manager: loads a room from storage on first use, shares it between every connection to
 * the same document, and unloads it a little after the last user left (so a page reload does not
 * reload the doc). Users are connections and server-side tasks (the catalog), counted by
 * `acquire`/`release`.
 */

import { CloseCode } from '@kenlabour/shared/closeCodes'
import { parseDocName } from '@kenlabour/shared/names'
import type { Logger } from 'pino'
import { loadDoc } from '../storage/loadDoc.ts'
import type { DocStorage } from '../storage/types.ts'
import { createRoom, type Room, type SharedRoomHooks } from './room.ts'

/** How loaded rooms meet the other relays (scale-out mode): relay/src/scale/redisBus.ts. */
export interface RoomSharing extends SharedRoomHooks {
  /** A room was loaded: start receiving the other relays' messages for it (then reconcile). */
  attach(room: Room): void
  /** A room is closing: stop receiving. */
  detach(room: Room): void
}

export interface RoomManagerOptions {
  readonly storage: DocStorage
  readonly log: Logger
  readonly compactAfter: number
  readonly maxDocBytes: number
  /** How long a room with no user stays loaded. */
  readonly unloadDelayMs: number
  readonly sharing?: RoomSharing
}

export interface RoomManager {
  /** The room of a valid document name, loaded if needed; the caller must `release` it. */
  acquire(name: string): Promise<Room>
  release(room: Room): void
  /** The room if it is loaded (no reference taken): to read the freshest state without loading. */
  peek(name: string): Room | undefined
  /** Listens to stored changes of every room (after they were broadcast). */
  onChanged(listener: (room: Room) => void): void
  stats(): { rooms: number; connections: number }
  /** Closes every room (peers get `code`), waiting for queued work. */
  closeAll(code: number, reason: string): Promise<void>
}

interface Entry {
  readonly room: Promise<Room>
  loaded: Room | undefined
  refs: number
  timer: NodeJS.Timeout | undefined
}

export const createRoomManager = (options: RoomManagerOptions): RoomManager => {
  const { storage, log } = options
  const entries = new Map<string, Entry>()
  const listeners = new Set<(room: Room) => void>()

  const dropIfCurrent = (room: Room): boolean => {
    const entry = entries.get(room.name)
    if (entry?.loaded !== room) return false
    clearTimeout(entry.timer)
    entries.delete(room.name)
    return true
  }

  const load = async (name: string): Promise<Room> => {
    const address = parseDocName(name)
    if (!address) throw new Error(`invalid document name ${JSON.stringify(name)}`)
    const loaded = await loadDoc(storage, name)
    log.debug({ doc: name, entries: loaded.entries }, 'room loaded')
    const room = createRoom({
      name,
      address,
      loaded,
      storage,
      log,
      compactAfter: options.compactAfter,
      maxDocBytes: options.maxDocBytes,
      onChanged: (room) => {
        for (const listener of listeners) {
          try {
            listener(room)
          } catch (error) {
            log.error({ err: error, doc: room.name }, 'change listener failed')
          }
        }
      },
      onBroken: (room, error) => {
        log.error({ err: error, doc: room.name }, 'room no longer matches storage: reloading it')
        if (dropIfCurrent(room))
          void closeRoom(room, CloseCode.Restarting, 'document reloaded after an error')
      },
      ...(options.sharing ? { shared: options.sharing } : {}),
    })
    options.sharing?.attach(room)
    return room
  }

  const closeRoom = (room: Room, code: number, reason: string): Promise<void> => {
    options.sharing?.detach(room)
    return room.close(code, reason)
  }

  const unload = (entry: Entry, room: Room): void => {
    if (entry.refs > 0 || !dropIfCurrent(room)) return
    log.debug({ doc: room.name }, 'room unloaded')
    void closeRoom(room, CloseCode.Restarting, 'document unloaded')
  }

  return {
    acquire: (name) => {
      let entry = entries.get(name)
      if (!entry) {
        const created: Entry = { room: load(name), loaded: undefined, refs: 0, timer: undefined }
        created.room.then(
          (room) => {
            created.loaded = room
          },
          () => {
            if (entries.get(name) === created) entries.delete(name)
          },
        )
        entries.set(name, created)
        entry = created
      }
      entry.refs++
      clearTimeout(entry.timer)
      entry.timer = undefined
      return entry.room
    },
    release: (room) => {
      const entry = entries.get(room.name)
      if (entry?.loaded !== room) return
      entry.refs--
      if (entry.refs > 0) return
      clearTimeout(entry.timer)
      entry.timer = setTimeout(() => unload(entry, room), options.unloadDelayMs)
      entry.timer.unref()
    },
    peek: (name) => {
      const room = entries.get(name)?.loaded
      return room && !room.closed ? room : undefined
    },
    onChanged: (listener) => {
      listeners.add(listener)
    },
    stats: () => {
      let rooms = 0
      let connections = 0
      for (const entry of entries.values()) {
        if (!entry.loaded) continue
        rooms++
        connections += entry.loaded.peers.size
      }
      return { rooms, connections }
    },
    closeAll: async (code, reason) => {
      const all = [...entries.values()]
      entries.clear()
      await Promise.all(
        all.map(async (entry) => {
          clearTimeout(entry.timer)
          const room = await entry.room.catch(() => undefined)
          if (room) await closeRoom(room, code, reason)
        }),
      )
    },
  }
}
