/**
 * Keeps each space's index document (`<space>/_index`) in step with its fiches: after a fiche
 * document changed (and a short debounce, so typing a title writes one entry, not one per key),
 * its summary is recomputed and upserted into the index room, which stores it and broadcasts it
 * live to the clients that have the index open. A fiche whose summary did not change writes nothing.
 */

import { hasFiche, readFiche } from '@kenlabour/shared/ficheDoc'
import { docName, INDEX_DOC_ID } from '@kenlabour/shared/names'
import { type CatalogEntry, catalogEntryOf, upsertCatalogEntry } from '@kenlabour/shared/spaceIndex'
import type { Logger } from 'pino'
import type { Room } from './sync/room.ts'
import type { RoomManager } from './sync/rooms.ts'

/** The transaction origin of the relay's catalog writes (visible to observers of the index doc). */
export const CATALOG_ORIGIN = 'kenlabour-relay:catalog'

export interface Catalog {
  /** Schedules the refresh of a fiche's entry (index documents are ignored). */
  schedule(room: Room): void
  /** Runs every scheduled refresh now (before shutdown). */
  flush(): Promise<void>
}

export interface CatalogOptions {
  readonly rooms: RoomManager
  readonly log: Logger
  readonly debounceMs: number
}

export const createCatalog = ({ rooms, log, debounceMs }: CatalogOptions): Catalog => {
  const pending = new Map<string, NodeJS.Timeout>()
  const running = new Set<Promise<void>>()

  /**
   * Reads the fiche from its room (loading it again if it was unloaded meanwhile). A document whose
   * `meta.id` is not its own id is not summarised: it could otherwise overwrite another fiche's entry.
   */
  const entryOf = async (name: string, id: string): Promise<CatalogEntry | null> => {
    const room = await rooms.acquire(name)
    try {
      return await room.queue.run(() => {
        if (!hasFiche(room.doc)) return null
        const fiche = readFiche(room.doc)
        if (fiche.id !== id) {
          log.warn({ doc: name, ficheId: fiche.id }, 'fiche id does not match its document: not catalogued')
          return null
        }
        return catalogEntryOf(fiche, Date.now())
      })
    } finally {
      rooms.release(room)
    }
  }

  const refresh = async (name: string): Promise<void> => {
    const [space, id] = name.split('/') as [string, string]
    const entry = await entryOf(name, id)
    if (!entry) return
    const index = await rooms.acquire(docName(space, INDEX_DOC_ID))
    try {
      await index.queue.run(() =>
        index.edit((doc) => {
          if (upsertCatalogEntry(doc, entry)) log.debug({ doc: name }, 'catalog entry updated')
        }, CATALOG_ORIGIN),
      )
    } finally {
      rooms.release(index)
    }
  }

  const start = (name: string): void => {
    pending.delete(name)
    const task = refresh(name).catch((error: unknown) =>
      log.error({ err: error, doc: name }, 'catalog refresh failed'),
    )
    running.add(task)
    void task.finally(() => running.delete(task))
  }

  return {
    schedule: (room) => {
      if (room.address.id === INDEX_DOC_ID) return
      // Called at every commit while people type: restarting the timer is cheaper than a new one.
      const timer = pending.get(room.name)
      if (timer) {
        timer.refresh()
        return
      }
      pending.set(
        room.name,
        setTimeout(() => start(room.name), debounceMs),
      )
    },
    flush: async () => {
      for (const [name, timer] of [...pending]) {
        clearTimeout(timer)
        start(name)
      }
      await Promise.all(running)
    },
  }
}
